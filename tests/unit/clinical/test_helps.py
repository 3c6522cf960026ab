"""What seems to help: a patient's next-day leg pain after days with and without something.

The outcome is the next day's worst leg pain, detrended by the median of the days around
it, compared with a Hodges-Lehmann shift and its 90 % Mann-Whitney interval. An estimate
needs 14 usable days, 5 with and 5 without; "seems to help" needs the whole interval
below zero and a shift of at least a point. Synthetic series are seeded, so every value
below is the same on every run.
"""

from __future__ import annotations

import itertools
import math
import random
import re
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, date, datetime, time, timedelta

import pytest
import textstat
from hypothesis import given, settings
from hypothesis import strategies as st
from textstat.backend.counts import _count_syllables

from rootwise.clinical.helps import (
    ASK_BEFORE_CHANGING,
    MIN_DAYS,
    MIN_WITH,
    MIN_WITHOUT,
    DayRecord,
    ExposureKind,
    HelpEstimate,
    Verdict,
    _cut,
    _mann_whitney_counts,
    day_records,
    exposure_name,
    hodges_lehmann,
    what_helps,
)
from rootwise.clinical.model import (
    CheckIn,
    Exercise,
    ExerciseKind,
    Medication,
    MedicationClass,
    Modality,
    ModalityKind,
)

ICE = exposure_name(ExposureKind.MODALITY, ModalityKind.ICE)
HEAT = exposure_name(ExposureKind.MODALITY, ModalityKind.HEAT)
WALKING = exposure_name(ExposureKind.EXERCISE, ExerciseKind.WALKING)
OPIOID = exposure_name(ExposureKind.MEDICATION, MedicationClass.OPIOID)
FIRST_DAY = date(2026, 10, 2)

HELPS, WORSE = Verdict.SEEMS_TO_HELP, Verdict.SEEMS_WORSE
UNCLEAR, TOO_FEW = Verdict.NO_CLEAR_DIFFERENCE, Verdict.NOT_ENOUGH_DATA


def day(n: int) -> date:
    return FIRST_DAY + timedelta(days=n)


def records(
    pains: Sequence[int | None], used: Sequence[bool], exposure: str = ICE
) -> list[DayRecord]:
    """Consecutive days from FIRST_DAY: each day's pain, and whether `exposure` was used."""
    return [
        DayRecord(day(n), pain, frozenset({exposure}) if on else frozenset())
        for n, (pain, on) in enumerate(zip(pains, used, strict=True))
    ]


def flat(_: int) -> float:
    return 5.0


def noisy(
    seed: int,
    *,
    effect: float = 0.0,
    days: int = 42,
    trend: Callable[[int], float] = flat,
    used: Callable[[int, random.Random], bool] = lambda _, rng: rng.random() < 0.5,
) -> tuple[list[DayRecord], date]:
    """A seeded series: trend + noise (sd 1.2), shifted by `effect` the day after ice."""
    rng = random.Random(seed)
    on = [used(n, rng) for n in range(days)]
    pains = [
        min(10, max(0, round(trend(n) + rng.gauss(0, 1.2) + (effect if n and on[n - 1] else 0))))
        for n in range(days)
    ]
    return records(pains, on), day(days - 1)


def only(estimates: tuple[HelpEstimate, ...], exposure: str = ICE) -> HelpEstimate:
    [estimate] = [e for e in estimates if e.exposure == exposure]
    return estimate


# --- what an estimate says ---------------------------------------------------------------


def test_ice_that_lowers_next_day_pain_by_2_points_seems_to_help() -> None:
    days, today = noisy(1, effect=-2.0)
    e = only(what_helps(days, today=today))
    assert e.verdict is HELPS
    assert e.difference is not None
    assert e.low is not None
    assert e.high is not None
    assert e.low <= -2.0 <= e.high < 0
    assert e.difference <= -1
    assert (e.days_with, e.days_without) == (19, 9)  # the last 28 days
    assert e.patient_text.startswith("On days after you used ice, your leg pain the next day")
    assert "lower" in e.patient_text
    assert "cannot prove" in e.patient_text
    assert "Hodges-Lehmann" in e.clinician_text
    assert "cannot establish cause" in e.clinician_text


def test_a_2_point_benefit_is_found_in_most_seeded_series_and_covered_by_the_interval() -> None:
    found = covered = 0
    for seed in range(100):
        days, today = noisy(seed, effect=-2.0)
        e = only(what_helps(days, today=today))
        found += e.verdict is HELPS
        covered += e.low is not None and e.high is not None and e.low <= -2.0 <= e.high
    assert found >= 80
    assert covered >= 85


def test_ice_that_changes_nothing_shows_no_clear_difference() -> None:
    days, today = noisy(2)
    e = only(what_helps(days, today=today))
    assert e.verdict is UNCLEAR
    assert e.low is not None
    assert e.high is not None
    assert e.low < 0 < e.high


def test_something_that_changes_nothing_rarely_seems_to_help_or_seems_worse() -> None:
    verdicts = []
    for seed in range(100):
        days, today = noisy(seed)
        verdicts.append(only(what_helps(days, today=today)).verdict)
    assert verdicts.count(HELPS) < 10
    assert verdicts.count(WORSE) < 10


def test_heat_that_raises_next_day_pain_by_2_points_seems_worse() -> None:
    days, today = noisy(0, effect=2.0)
    heat = [
        DayRecord(r.day, r.leg_pain, frozenset({HEAT}) if r.exposures else r.exposures)
        for r in days
    ]
    e = only(what_helps(heat, today=today), HEAT)
    assert e.verdict is WORSE
    assert e.low is not None
    assert e.low > 0
    assert "higher" in e.patient_text
    assert "care team" in e.patient_text


# --- the recovery trend ------------------------------------------------------------------


def falling(n: int) -> float:
    """Leg pain settling from 8 towards 2 over the weeks after surgery."""
    return 2 + 6 * math.exp(-n / 12)


def early_weeks_only(n: int, _: random.Random) -> bool:
    return n < 14


def test_ice_used_only_in_the_early_weeks_is_not_blamed_for_the_higher_early_pain() -> None:
    for seed in range(50):
        days, today = noisy(seed, days=56, trend=falling, used=early_weeks_only)
        e = only(what_helps(days, today=today, window_days=None))
        assert e.verdict is UNCLEAR, (seed, e.difference, e.low, e.high)


def test_without_detrending_the_same_series_would_make_ice_look_harmful() -> None:
    # The confound is real: compared raw, the early ice days carry the early pain.
    days, today = noisy(0, days=56, trend=falling, used=early_weeks_only)
    raw = only(what_helps(days, today=today, window_days=None, trend_half_width=0))
    assert raw.verdict is WORSE
    assert raw.difference is not None
    assert raw.difference >= 2
    assert "not detrended" in raw.clinician_text


def test_a_day_with_fewer_than_3_neighbouring_pains_cannot_be_detrended() -> None:
    days = alternating(20)
    days[18] = DayRecord(day(18), None, days[18].exposures)
    # Day 19 (today) keeps only days 16 and 17 as neighbours, and day 18 has no pain.
    e = only(what_helps(days, today=day(19)))
    assert e.days_with + e.days_without == 19 - 2


def test_a_trend_inside_the_28_day_window_is_not_read_as_an_effect_either() -> None:
    for seed in range(50):
        days, today = noisy(seed, days=29, trend=lambda n: 8 - 5 * n / 28, used=lambda n, _: n < 12)
        e = only(what_helps(days, today=today))
        assert e.verdict is UNCLEAR, (seed, e.difference, e.low, e.high)


def test_use_on_flare_days_is_pointed_out_to_the_clinician() -> None:
    pains = [4, 4, 8, 4, 4, 4, 8, 4, 4, 8, 4, 4, 4, 8, 4, 4, 4, 8, 4, 4, 8, 4, 4, 4, 8, 4, 4, 4]
    e = only(what_helps(records(pains, [p == 8 for p in pains]), today=day(27)))
    assert e.verdict is not TOO_FEW
    assert "used on worse days" in e.clinician_text


# --- enough data -------------------------------------------------------------------------


def test_too_few_days_says_not_enough_yet_with_the_days_still_needed() -> None:
    pains = [5, 4, 6, 5, 5, 4, 6, 5, 4, 5, 5]
    e = only(what_helps(records(pains, [n < 3 for n in range(11)]), today=day(10)))
    assert e.verdict is TOO_FEW
    assert (e.days_with, e.days_without) == (3, 7)
    assert (e.more_with, e.more_without, e.more_in_all) == (2, 0, 4)
    assert (e.difference, e.low, e.high) == (None, None, None)
    assert "too soon to tell" in e.patient_text
    assert "3 days after you used ice and 7 other days" in e.patient_text
    assert "2 more with, 0 more without and 4 more in all" in e.clinician_text


def alternating(days: int) -> list[DayRecord]:
    pains = [5, 3, 6, 4] * (days // 4 + 1)
    return records(pains[:days], [n % 2 == 0 for n in range(days)])


def test_exactly_14_usable_days_with_5_on_each_side_is_enough() -> None:
    # 15 days give 14 consecutive pairs (the first day is never an outcome).
    e = only(what_helps(alternating(15), today=day(14)))
    assert e.days_with + e.days_without == MIN_DAYS
    assert e.verdict is not TOO_FEW


def test_13_usable_days_are_not_enough() -> None:
    e = only(what_helps(alternating(14), today=day(13)))
    assert e.days_with + e.days_without == MIN_DAYS - 1
    assert (e.verdict, e.more_in_all) == (TOO_FEW, 1)


def test_enough_days_but_only_4_without_is_not_enough() -> None:
    pains = [5, 4, 6, 5] * 5
    used = [n not in (3, 7, 11, 15) for n in range(20)]
    e = only(what_helps(records(pains, used), today=day(19)))
    assert e.days_without == MIN_WITHOUT - 1
    assert (e.verdict, e.more_with, e.more_without, e.more_in_all) == (TOO_FEW, 0, 1, 0)


def test_the_minimums_are_parameters() -> None:
    e = only(what_helps(alternating(15), today=day(14), min_days=20, min_with=MIN_WITH + 5))
    assert (e.verdict, e.more_with, e.more_in_all) == (TOO_FEW, 3, 6)


def test_minimums_too_small_for_any_interval_are_refused() -> None:
    with pytest.raises(ValueError, match="too small"):
        what_helps([], today=day(0), min_with=1, min_without=1)


# --- which days count ---------------------------------------------------------------------


def test_days_without_a_leg_pain_are_skipped_as_outcomes() -> None:
    days, today = noisy(1, effect=-2.0)
    full = only(what_helps(days, today=today))
    gaps = [
        DayRecord(r.day, None if n in (17, 24, 31) else r.leg_pain, r.exposures)
        for n, r in enumerate(days)
    ]
    e = only(what_helps(gaps, today=today))
    assert e.days_with + e.days_without == full.days_with + full.days_without - 3
    assert e.verdict is HELPS


def test_a_day_with_no_check_in_leaves_the_next_day_unpaired() -> None:
    days = alternating(20)
    e = only(what_helps([r for r in days if r.day != day(10)], today=day(19)))
    # Day 10's own pain and day 11's pair (its exposures are unknown) are both lost.
    assert e.days_with + e.days_without == 19 - 2


def test_an_unanswered_kind_is_not_known_but_other_kinds_still_count() -> None:
    days = alternating(20)
    days[4] = DayRecord(day(4), 5, frozenset({WALKING}), unanswered=frozenset({"modality"}))
    ice, walking = (
        only(what_helps(days, today=day(19))),
        only(what_helps(days, today=day(19)), WALKING),
    )
    assert ice.days_with + ice.days_without == 18
    assert walking.days_with + walking.days_without == 19


def test_only_the_last_28_days_are_compared_unless_asked_for_all() -> None:
    days, today = noisy(5, days=60)
    recent = only(what_helps(days, today=today))
    everything = only(what_helps(days, today=today, window_days=None))
    assert recent.days_with + recent.days_without == 28
    assert everything.days_with + everything.days_without == 59


def test_days_after_today_are_ignored() -> None:
    days, _ = noisy(5, days=40)
    assert what_helps(days, today=day(30)) == what_helps(days[:31], today=day(30))


def test_something_not_logged_in_the_window_is_not_listed() -> None:
    days = alternating(60)
    days[2] = DayRecord(day(2), 5, frozenset({ICE, HEAT}))
    assert [e.exposure for e in what_helps(days, today=day(59))] == [ICE]


def test_two_records_for_one_day_are_refused() -> None:
    with pytest.raises(ValueError, match="merge each day"):
        what_helps(
            [DayRecord(day(0), 3, frozenset()), DayRecord(day(0), 4, frozenset())], today=day(0)
        )


def test_a_pain_outside_0_to_10_is_refused() -> None:
    with pytest.raises(ValueError, match="leg_pain"):
        DayRecord(day(0), 11, frozenset())


def test_a_negative_trend_width_is_refused() -> None:
    with pytest.raises(ValueError, match="trend_half_width"):
        what_helps([], today=day(0), trend_half_width=-1)


def test_a_confidence_outside_0_to_1_is_refused() -> None:
    with pytest.raises(ValueError, match="confidence"):
        what_helps([], today=day(0), confidence=1.0)


# --- the same answer every time ----------------------------------------------------------


def test_the_same_days_give_the_same_answer_in_any_order() -> None:
    days, today = noisy(3, effect=-1.5)
    shuffled = list(days)
    random.Random(0).shuffle(shuffled)
    assert what_helps(days, today=today) == what_helps(days, today=today)
    assert what_helps(shuffled, today=today) == what_helps(days, today=today)


PAIN = st.one_of(st.none(), st.integers(0, 10))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(PAIN, st.booleans(), st.booleans()), min_size=0, max_size=40))
def test_verdicts_always_agree_with_their_numbers(
    rows: list[tuple[int | None, bool, bool]],
) -> None:
    days = [
        DayRecord(day(n), pain, frozenset(name for name, on in ((ICE, ice), (HEAT, heat)) if on))
        for n, (pain, ice, heat) in enumerate(rows)
    ]
    for e in what_helps(days, today=day(40)):
        if e.verdict is TOO_FEW:
            assert e.difference is None
            assert e.more_with + e.more_without + e.more_in_all > 0
            continue
        assert e.difference is not None
        assert e.low is not None
        assert e.high is not None
        assert e.low <= e.difference <= e.high
        assert e.days_with >= MIN_WITH
        assert e.days_without >= MIN_WITHOUT
        if e.verdict is HELPS:
            assert e.high < 0
            assert e.difference <= -1
        if e.verdict is WORSE:
            assert e.low > 0
            assert e.difference >= 1


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 8), st.booleans()), min_size=15, max_size=35))
def test_raising_every_pain_by_2_changes_nothing(rows: list[tuple[int, bool]]) -> None:
    pains, used = [p for p, _ in rows], [u for _, u in rows]
    today = day(len(rows) - 1)
    before = what_helps(records(pains, used), today=today)
    after = what_helps(records([p + 2 for p in pains], used), today=today)
    assert [(e.difference, e.low, e.high, e.verdict) for e in before] == [
        (e.difference, e.low, e.high, e.verdict) for e in after
    ]


def test_clear_findings_come_first_largest_first_then_those_nearest_to_enough() -> None:
    rng = random.Random(7)
    rows = []
    for n in range(42):
        on = {name for name in (ICE, HEAT, WALKING) if rng.random() < 0.5}
        if n < 3:
            on.add(OPIOID)
        rows.append(on)
    pains = [
        min(
            10,
            max(
                0,
                round(
                    5 + rng.gauss(0, 1) - 3 * (ICE in rows[n - 1]) - 1.5 * (WALKING in rows[n - 1])
                ),
            ),
        )
        if n
        else 5
        for n in range(42)
    ]
    days = [DayRecord(day(n), pains[n], frozenset(rows[n])) for n in range(42)]
    estimates = what_helps(days, today=day(41), window_days=None)
    assert [e.exposure for e in estimates] == [ICE, WALKING, HEAT, OPIOID]
    assert [e.verdict for e in estimates] == [HELPS, HELPS, UNCLEAR, TOO_FEW]


# --- the statistics ----------------------------------------------------------------------


@pytest.mark.parametrize(("m", "n"), [(1, 1), (2, 3), (3, 3), (4, 2), (5, 5)])
def test_mann_whitney_counts_match_counting_every_ordering(m: int, n: int) -> None:
    counts = [0] * (m * n + 1)
    for positions in itertools.combinations(range(m + n), m):
        counts[sum(p - i for i, p in enumerate(positions))] += 1
    assert _mann_whitney_counts(m, n) == counts


def test_the_5_by_5_interval_cuts_the_outer_5_of_25_differences() -> None:
    # P(U <= 4) = 12/252 < 0.05 < P(U <= 5) = 19/252 for five against five.
    assert _cut(5, 5, 0.90) == 5


def exact_cut(m: int, n: int, confidence: float) -> int:
    counts = _mann_whitney_counts(m, n)
    tail = (1 - confidence) / 2 * sum(counts)
    return next(k for k in range(len(counts)) if sum(counts[: k + 1]) > tail)


@pytest.mark.parametrize(("m", "n"), [(31, 33), (20, 60), (40, 40)])
def test_the_normal_approximation_used_for_many_days_matches_the_exact_cut(m: int, n: int) -> None:
    assert m * n > 1000  # past the exact limit
    assert abs(_cut(m, n, 0.90) - exact_cut(m, n, 0.90)) <= 1


def test_the_exact_cut_is_used_up_to_1000_pairs() -> None:
    assert _cut(31, 32, 0.90) == exact_cut(31, 32, 0.90) == 376


def test_hodges_lehmann_is_the_median_difference_with_its_interval() -> None:
    shift, low, high = hodges_lehmann([3, 4, 5, 6, 7], [5, 6, 7, 8, 9], 0.90)
    assert (shift, low, high) == (-2.0, -4.0, 0.0)


def test_hodges_lehmann_refuses_samples_too_small_for_an_interval() -> None:
    with pytest.raises(ValueError, match="too few"):
        hodges_lehmann([1.0], [2.0], 0.90)


# --- from check-ins to days --------------------------------------------------------------


def at(n: int, hour: int, **answers: object) -> CheckIn:
    return CheckIn(recorded_at=datetime.combine(day(n), time(hour), tzinfo=UTC), **answers)  # type: ignore[arg-type]


def test_check_ins_on_one_day_merge_into_the_worst_pain_and_every_exposure() -> None:
    [merged] = day_records(
        [
            at(0, 8, leg_pain=4, modalities=(Modality(ModalityKind.ICE),)),
            at(
                0,
                20,
                leg_pain=7,
                medications=(Medication("pregabalin", MedicationClass.GABAPENTINOID),),
            ),
            at(0, 21, leg_pain=None, walking_minutes=20),
        ]
    )
    assert merged.day == day(0)
    assert merged.leg_pain == 7
    assert merged.exposures == {ICE, WALKING, "medication:gabapentinoid"}
    assert merged.unanswered == {"exercise"}
    assert merged.knows(WALKING) is True
    assert merged.knows("exercise:nerve_glide") is None
    assert merged.knows(HEAT) is False


def test_days_come_out_oldest_first_and_empty_answers_mean_nothing_used() -> None:
    days = day_records(
        [
            at(2, 9, exercises=()),
            at(0, 9, leg_pain=3, modalities=(), exercises=(Exercise(ExerciseKind.NERVE_GLIDE),)),
        ]
    )
    assert [d.day for d in days] == [day(0), day(2)]
    assert days[0].unanswered == {"medication"}
    assert days[1].leg_pain is None
    assert days[1].knows("exercise:nerve_glide") is False
    assert days[1].knows(ICE) is None


def test_exposure_names_join_kind_and_name() -> None:
    assert exposure_name(ExposureKind.MEDICATION, MedicationClass.NSAID) == "medication:nsaid"
    assert exposure_name("diet", "coffee") == "diet:coffee"


# --- what the patient reads --------------------------------------------------------------

EVERY_EXPOSURE = [
    *(exposure_name(ExposureKind.MODALITY, k) for k in ModalityKind),
    *(exposure_name(ExposureKind.EXERCISE, k) for k in ExerciseKind),
    *(exposure_name(ExposureKind.MEDICATION, k) for k in MedicationClass),
]


def shifted(effect: float, seed: int = 1, days: int = 42) -> tuple[list[DayRecord], date]:
    return noisy(seed, effect=effect, days=days)


# One series per verdict (and both kinds of "no clear difference").
SCENARIOS = {
    "helps": shifted(-2.0),
    "worse": shifted(2.0, seed=0),
    "about the same": shifted(0.0, seed=2, days=120),
    "unclear yet": shifted(-1.0, seed=0),
    "too few": shifted(-2.0, days=10),
}


def renamed(days: list[DayRecord], exposure: str) -> list[DayRecord]:
    return [
        DayRecord(r.day, r.leg_pain, frozenset({exposure}) if r.exposures else r.exposures)
        for r in days
    ]


def patient_texts() -> Iterator[tuple[str, str, Verdict]]:
    for (name, (days, today)), exposure in itertools.product(SCENARIOS.items(), EVERY_EXPOSURE):
        window = None if name == "about the same" else 28
        e = only(what_helps(renamed(days, exposure), today=today, window_days=window), exposure)
        yield f"{name} / {exposure}", e.patient_text, e.verdict


PATIENT_TEXTS = {label: (text, verdict) for label, text, verdict in patient_texts()}


def test_the_scenarios_cover_every_verdict_and_wording() -> None:
    texts = [text for text, _ in PATIENT_TEXTS.values()]
    assert {verdict for _, verdict in PATIENT_TEXTS.values()} == set(Verdict)
    assert any("about the same" in t for t in texts)
    assert any("cannot yet see a clear change" in t for t in texts)


@pytest.fixture(scope="module")
def _syllables_from_pyphen() -> Iterator[None]:
    # As in test_plain_language: offline, textstat counts syllables with pyphen.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_count_syllables, "get_cmudict", lambda lang: None)
        yield


@pytest.mark.usefixtures("_syllables_from_pyphen")
@pytest.mark.parametrize("label", list(PATIENT_TEXTS))
def test_patient_text_reads_at_grade_8_or_below(label: str) -> None:
    text, _ = PATIENT_TEXTS[label]
    grade = float(textstat.flesch_kincaid_grade(text))
    assert grade <= 8, f"{label} reads at grade {grade:.1f}: {text}"


@pytest.mark.parametrize("label", list(PATIENT_TEXTS))
def test_patient_text_names_no_drug_class_and_never_says_to_stop(label: str) -> None:
    text, _ = PATIENT_TEXTS[label]
    for word in ("gabapentinoid", "NSAID", "benzodiazepine", "SNRI", "tricyclic", "logged", "_"):
        assert word not in text
    assert not re.search(r"\bstop", text, flags=re.IGNORECASE)


@pytest.mark.parametrize("label", [k for k in PATIENT_TEXTS if "medication:" in k])
def test_every_medicine_text_says_to_talk_to_the_care_team_before_changing(label: str) -> None:
    assert PATIENT_TEXTS[label][0].endswith(ASK_BEFORE_CHANGING)


def test_a_medicine_with_higher_next_day_pain_is_not_called_harmful() -> None:
    text, verdict = PATIENT_TEXTS[f"worse / {OPIOID}"]
    assert verdict is WORSE
    assert "does not mean the medicine makes pain worse" in text


def test_not_enough_yet_never_asks_the_patient_to_go_without() -> None:
    for label, (text, verdict) in PATIENT_TEXTS.items():
        if verdict is TOO_FEW:
            assert "You do not need to change what you do." in text, label


def test_an_exposure_outside_the_known_list_is_still_described() -> None:
    days, today = shifted(-2.0)
    e = only(what_helps(renamed(days, "diet:cold_drinks"), today=today), "diet:cold_drinks")
    assert e.patient_text.startswith("On days after you logged cold drinks")
