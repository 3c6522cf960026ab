"""What seems to help you: an n-of-1 comparison of a patient's own days.

For each thing a patient logs (ice, walking, a class of medicine, ...) we compare their
leg pain after days with it against their leg pain after days without it.

Outcome: the next day's pain. The check-in asks for the worst leg pain in the last 24
hours, so the pain reported on day d covers the hours *before* the ice or walking logged
that day (and is often the reason for it: people reach for ice on bad days). The pain
reported on day d+1 covers the hours after it. So a day counts only as a pair of
consecutive calendar days: day d with its exposures answered, and day d+1 with a leg pain.

Recovery trend: leg pain falls over weeks anyway, and things used mostly early on would
look harmful on a raw comparison. Each outcome is therefore detrended: its pain minus the
median pain of its neighbours within `trend_half_width` days (itself left out). A smooth
trend cancels; what is left is how that day differed from the days around it. Only
outcome days in the recent window (the last 28 days by default) are compared, because
what helps changes as recovery moves on. The price: something used every day for weeks
on end has few neighbours without it, so its effect is mostly absorbed by the trend and
the comparison leans towards "no clear difference". That is the safe direction.

Estimate: the Hodges-Lehmann shift (the median of all with-minus-without differences)
with its distribution-free confidence interval from the Mann-Whitney distribution
(exact for small samples, normal approximation for large ones). It suits noisy 0-10
scores, needs no random numbers, and gives the same answer every time. Negative means
less pain after days with it.

What it cannot do: it compares the patient's own days, so it cannot prove cause; pain
also changes for other reasons (flares, sleep, activity, things not logged). Medicines
are worded neutrally and always with "talk with your care team before you change any
medicine": a medicine taken on bad days can look harmful when it is not.

Words: what the patient reads is built from whole-sentence templates (`PATIENT_TEMPLATES`)
filled with numbers and with what the patient did and what to call it (`EXPOSURE_WORDS`).
`HelpEstimate.patient_wording` keeps the templates and values, so a page in another
language translates whole sentences; `patient_text` is the same wording in English.
"""

from __future__ import annotations

import itertools
import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Final

from rootwise.clinical.model import (
    CheckIn,
    ExerciseKind,
    MedicationClass,
    ModalityKind,
)
from rootwise.clinical.wording import Wording

# Enough data to show an estimate: usable days in all, and on each side.
MIN_DAYS: Final = 14
MIN_WITH: Final = 5
MIN_WITHOUT: Final = 5
# Outcome days compared: the last four weeks, today included.
WINDOW_DAYS: Final = 28
# Detrending: neighbours within 3 days either side (a week), at least 3 of them with a pain.
TREND_HALF_WIDTH: Final = 3
MIN_NEIGHBOURS: Final = 3
# Two-sided confidence of the interval: a one-sided false "helps" rate of about 5 %.
CONFIDENCE: Final = 0.90
# The smallest difference worth telling a patient about, in points of 0-10 pain.
MEANINGFUL_POINTS: Final = 1.0
# A shift in same-day pain this large on days with the exposure is worth a caveat.
USED_ON_WORSE_DAYS_POINTS: Final = 1.0

_DAY: Final = timedelta(days=1)
# Above this many pairs the Mann-Whitney distribution is approximated by a normal one.
_EXACT_PAIRS: Final = 1000


class ExposureKind(StrEnum):
    MODALITY = "modality"
    EXERCISE = "exercise"
    MEDICATION = "medication"


def exposure_name(kind: ExposureKind | str, name: str) -> str:
    """The name of one exposure, e.g. `modality:ice` or `medication:gabapentinoid`."""
    return f"{kind}:{name}"


def exposure_kind(exposure: str) -> str:
    """The kind part of an exposure name; the whole name when it has none."""
    return exposure.partition(":")[0]


@dataclass(frozen=True, slots=True)
class DayRecord:
    """One calendar day of check-ins, merged: the worst leg pain and every exposure.

    `unanswered` holds the exposure kinds (`ExposureKind` values) the patient did not
    answer that day: their absence then means "not known", never "not used".
    """

    day: date
    leg_pain: int | None
    exposures: frozenset[str] = frozenset()
    unanswered: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        if self.leg_pain is not None and not 0 <= self.leg_pain <= 10:
            raise ValueError(f"leg_pain must be 0-10, not {self.leg_pain} on {self.day}")

    def knows(self, exposure: str) -> bool | None:
        """Whether `exposure` was used this day; `None` when not answered."""
        if exposure in self.exposures:
            return True
        return None if exposure_kind(exposure) in self.unanswered else False


def day_records(checkins: Iterable[CheckIn]) -> tuple[DayRecord, ...]:
    """One `DayRecord` per local calendar day, oldest first.

    Several check-ins on one day merge: the worst leg pain, every exposure, and a kind
    counts as unanswered only when no check-in that day answered it. Walking minutes
    above zero count as `exercise:walking`.
    """
    by_day: dict[date, list[CheckIn]] = {}
    for c in checkins:
        by_day.setdefault(c.local_date, []).append(c)
    return tuple(_merge(day, by_day[day]) for day in sorted(by_day))


def _merge(day: date, checkins: list[CheckIn]) -> DayRecord:
    pains = [c.leg_pain for c in checkins if c.leg_pain is not None]
    exposures: set[str] = set()
    answered: set[str] = set()
    for c in checkins:
        if c.modalities is not None:
            answered.add(ExposureKind.MODALITY)
            exposures.update(exposure_name(ExposureKind.MODALITY, m.kind) for m in c.modalities)
        if c.exercises is not None:
            answered.add(ExposureKind.EXERCISE)
            exposures.update(exposure_name(ExposureKind.EXERCISE, e.kind) for e in c.exercises)
        if c.walking_minutes:
            exposures.add(exposure_name(ExposureKind.EXERCISE, ExerciseKind.WALKING))
        if c.medications is not None:
            answered.add(ExposureKind.MEDICATION)
            exposures.update(
                exposure_name(ExposureKind.MEDICATION, cls) for cls in c.medication_classes()
            )
    return DayRecord(
        day=day,
        leg_pain=max(pains, default=None),
        exposures=frozenset(exposures),
        unanswered=frozenset(k.value for k in ExposureKind) - answered,
    )


class Verdict(StrEnum):
    SEEMS_TO_HELP = "seems_to_help"
    NO_CLEAR_DIFFERENCE = "no_clear_difference"
    SEEMS_WORSE = "seems_worse"
    NOT_ENOUGH_DATA = "not_enough_data"


@dataclass(frozen=True, slots=True)
class HelpEstimate:
    """Next-day leg pain after days with `exposure` minus after days without it.

    `difference`, `low` and `high` are `None` when there is not enough data; the
    `more_*` fields then say how many more usable days are needed (0 when enough).
    `patient_text` is `patient_wording` in English.
    """

    exposure: str
    days_with: int
    days_without: int
    difference: float | None
    low: float | None
    high: float | None
    verdict: Verdict
    patient_wording: Wording
    clinician_text: str
    more_with: int = 0
    more_without: int = 0
    more_in_all: int = 0

    @property
    def patient_text(self) -> str:
        return self.patient_wording.text


def what_helps(
    days: Sequence[DayRecord],
    *,
    today: date,
    window_days: int | None = WINDOW_DAYS,
    min_days: int = MIN_DAYS,
    min_with: int = MIN_WITH,
    min_without: int = MIN_WITHOUT,
    confidence: float = CONFIDENCE,
    trend_half_width: int = TREND_HALF_WIDTH,
) -> tuple[HelpEstimate, ...]:
    """One estimate per exposure logged in the window, clearest and largest first.

    Days after `today` are ignored. `window_days=None` compares every day on record;
    `trend_half_width=0` compares raw pains (for showing what detrending corrects).
    """
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1, not {confidence}")
    if trend_half_width < 0:
        raise ValueError(f"trend_half_width must be 0 or more, not {trend_half_width}")
    if _cut(min_with, min_without, confidence) < 1:
        raise ValueError("min_with and min_without are too small for a finite interval")
    records = _by_day(days, today)
    residuals = _detrended(records, trend_half_width)
    start = date.min if window_days is None else today - timedelta(days=window_days - 1)
    pairs = [
        (records[out - _DAY], residuals[out])
        for out in sorted(residuals)
        if out >= start and out - _DAY in records
    ]
    seen = sorted({e for r in records.values() if r.day + _DAY >= start for e in r.exposures})
    rules = _Rules(start, today, confidence, trend_half_width, min_days, min_with, min_without)
    estimates = [_estimate(e, _split(e, pairs, residuals), rules) for e in seen]
    return tuple(sorted(estimates, key=_order))


@dataclass(frozen=True, slots=True)
class _Rules:
    start: date
    today: date
    confidence: float
    half_width: int
    min_days: int
    min_with: int
    min_without: int


@dataclass(frozen=True, slots=True)
class _Split:
    """Detrended next-day pains after days with and without one exposure."""

    with_: list[float]
    without: list[float]
    # How much higher same-day pain was on days with it; None when not known.
    used_on_worse_days: float | None


def _by_day(days: Sequence[DayRecord], today: date) -> dict[date, DayRecord]:
    records: dict[date, DayRecord] = {}
    for r in days:
        if r.day in records:
            raise ValueError(f"more than one record for {r.day}; merge each day first")
        if r.day <= today:
            records[r.day] = r
    return records


def _detrended(records: dict[date, DayRecord], half_width: int) -> dict[date, float]:
    """Each day's pain minus the median pain of its neighbours, where it has enough.

    A `half_width` of 0 turns detrending off: the raw pains are compared.
    """
    pain = {d: r.leg_pain for d, r in records.items() if r.leg_pain is not None}
    if half_width == 0:
        return {d: float(score) for d, score in pain.items()}
    residuals: dict[date, float] = {}
    for day, score in pain.items():
        near = [
            pain[n]
            for offset in range(-half_width, half_width + 1)
            if offset and (n := day + timedelta(days=offset)) in pain
        ]
        if len(near) >= min(MIN_NEIGHBOURS, 2 * half_width):
            residuals[day] = score - statistics.median(near)
    return residuals


def _split(
    exposure: str, pairs: list[tuple[DayRecord, float]], residuals: dict[date, float]
) -> _Split:
    outcomes: dict[bool, list[float]] = {True: [], False: []}
    same_day: dict[bool, list[float]] = {True: [], False: []}
    for record, outcome in pairs:
        used = record.knows(exposure)
        if used is None:
            continue
        outcomes[used].append(outcome)
        if record.day in residuals:
            same_day[used].append(residuals[record.day])
    gap = (
        statistics.fmean(same_day[True]) - statistics.fmean(same_day[False])
        if same_day[True] and same_day[False]
        else None
    )
    return _Split(outcomes[True], outcomes[False], gap)


def _estimate(exposure: str, split: _Split, rules: _Rules) -> HelpEstimate:
    days_with, days_without = len(split.with_), len(split.without)
    more = (
        max(0, rules.min_with - days_with),
        max(0, rules.min_without - days_without),
        max(0, rules.min_days - days_with - days_without),
    )
    words = _words(exposure)
    if any(more):
        return HelpEstimate(
            exposure=exposure,
            days_with=days_with,
            days_without=days_without,
            difference=None,
            low=None,
            high=None,
            verdict=Verdict.NOT_ENOUGH_DATA,
            patient_wording=_not_enough_wording(words, days_with, days_without),
            clinician_text=_not_enough_note(exposure, days_with, days_without, more),
            more_with=more[0],
            more_without=more[1],
            more_in_all=more[2],
        )
    shift = hodges_lehmann(split.with_, split.without, rules.confidence)
    verdict = _verdict(*shift)
    return HelpEstimate(
        exposure=exposure,
        days_with=days_with,
        days_without=days_without,
        difference=shift[0],
        low=shift[1],
        high=shift[2],
        verdict=verdict,
        patient_wording=_patient_wording(words, verdict, *shift),
        clinician_text=_clinician_note(exposure, verdict, shift, split, rules),
    )


def _verdict(difference: float, low: float, high: float) -> Verdict:
    if high < 0 and difference <= -MEANINGFUL_POINTS:
        return Verdict.SEEMS_TO_HELP
    if low > 0 and difference >= MEANINGFUL_POINTS:
        return Verdict.SEEMS_WORSE
    return Verdict.NO_CLEAR_DIFFERENCE


_VERDICT_ORDER: Final = (
    Verdict.SEEMS_TO_HELP,
    Verdict.SEEMS_WORSE,
    Verdict.NO_CLEAR_DIFFERENCE,
    Verdict.NOT_ENOUGH_DATA,
)


def _order(e: HelpEstimate) -> tuple[int, float, str]:
    """Clear findings first, larger effects first; then the nearest to having enough."""
    if e.difference is not None:
        return (_VERDICT_ORDER.index(e.verdict), -abs(e.difference), e.exposure)
    fewest_more_days = max(e.more_in_all, e.more_with + e.more_without)
    return (_VERDICT_ORDER.index(e.verdict), fewest_more_days, e.exposure)


# --- the statistics ----------------------------------------------------------------


def hodges_lehmann(
    with_: Sequence[float], without: Sequence[float], confidence: float
) -> tuple[float, float, float]:
    """The Hodges-Lehmann shift of `with_` over `without`, and its confidence interval.

    The interval runs between order statistics of the pairwise differences, cut where
    the Mann-Whitney distribution puts (1 - confidence) / 2 in each tail [Lehmann 1975,
    Hollander & Wolfe ch. 4]. Ties (common in 0-10 scores) make it a little wider.
    """
    differences = sorted(a - b for a in with_ for b in without)
    cut = _cut(len(with_), len(without), confidence)
    if cut < 1:
        raise ValueError("too few days for a finite interval at this confidence")
    return (
        float(statistics.median(differences)),
        float(differences[cut - 1]),
        float(differences[len(differences) - cut]),
    )


def _cut(m: int, n: int, confidence: float) -> int:
    """The largest k with P(U <= k - 1) <= (1 - confidence) / 2 under no shift."""
    tail = (1 - confidence) / 2
    if m * n > _EXACT_PAIRS:
        z = statistics.NormalDist().inv_cdf(1 - tail)
        spread = math.sqrt(m * n * (m + n + 1) / 12)
        return max(0, math.floor(m * n / 2 - z * spread + 0.5))
    counts = _mann_whitney_counts(m, n)
    total = sum(counts)
    return next(k for k, below in enumerate(itertools.accumulate(counts)) if below / total > tail)


def _mann_whitney_counts(m: int, n: int) -> list[int]:
    """How many orderings of m + n values give U = 0, 1, ..., m * n.

    These are the coefficients of the Gaussian binomial [m + n choose m], built up as
    the product of (1 - q^(n + i)) / (1 - q^i) for i = 1..m, in exact integers.
    """
    poly = [1]
    for i in range(1, m + 1):
        grown = [*poly, *([0] * (n + i))]
        for k, c in enumerate(poly):
            grown[k + n + i] -= c
        for k in range(i, len(grown)):
            grown[k] += grown[k - i]
        poly = grown[: i * n + 1]
    return poly


# --- the words ------------------------------------------------------------------------

# What the patient did ("On days after you ...") and what to call it ("how ... affects").
EXPOSURE_WORDS: Final[dict[str, tuple[str, str]]] = {
    exposure_name(ExposureKind.MODALITY, ModalityKind.ICE): ("used ice", "ice"),
    exposure_name(ExposureKind.MODALITY, ModalityKind.HEAT): ("used heat", "heat"),
    exposure_name(ExposureKind.MODALITY, ModalityKind.TENS): ("used your TENS unit", "TENS"),
    exposure_name(ExposureKind.EXERCISE, ExerciseKind.WALKING): ("went for a walk", "walking"),
    exposure_name(ExposureKind.EXERCISE, ExerciseKind.NERVE_GLIDE): (
        "did nerve glides",
        "nerve glides",
    ),
    exposure_name(ExposureKind.EXERCISE, ExerciseKind.CORE_STABILIZATION): (
        "did core exercises",
        "core exercises",
    ),
    exposure_name(ExposureKind.EXERCISE, ExerciseKind.OTHER): (
        "did other exercises",
        "other exercises",
    ),
    exposure_name(ExposureKind.MEDICATION, MedicationClass.GABAPENTINOID): (
        "took gabapentin or pregabalin",
        "gabapentin or pregabalin",
    ),
    exposure_name(ExposureKind.MEDICATION, MedicationClass.NSAID): (
        "took ibuprofen or naproxen",
        "ibuprofen or naproxen",
    ),
    exposure_name(ExposureKind.MEDICATION, MedicationClass.MUSCLE_RELAXANT): (
        "took a muscle relaxer",
        "muscle relaxers",
    ),
    exposure_name(ExposureKind.MEDICATION, MedicationClass.OPIOID): (
        "took an opioid pain medicine",
        "opioid pain medicine",
    ),
    exposure_name(ExposureKind.MEDICATION, MedicationClass.ACETAMINOPHEN): (
        "took acetaminophen",
        "acetaminophen",
    ),
    exposure_name(ExposureKind.MEDICATION, MedicationClass.SNRI): (
        "took duloxetine or a similar medicine",
        "duloxetine or a similar medicine",
    ),
    exposure_name(ExposureKind.MEDICATION, MedicationClass.TRICYCLIC): (
        "took amitriptyline or a similar medicine",
        "amitriptyline or a similar medicine",
    ),
    exposure_name(ExposureKind.MEDICATION, MedicationClass.ORAL_STEROID): (
        "took steroid pills",
        "steroid pills",
    ),
    exposure_name(ExposureKind.MEDICATION, MedicationClass.BENZODIAZEPINE): (
        "took a calming medicine like diazepam",
        "calming medicine",
    ),
    exposure_name(ExposureKind.MEDICATION, MedicationClass.OTHER): (
        "took your other medicine",
        "your other medicine",
    ),
}


@dataclass(frozen=True, slots=True)
class _Words:
    did: str
    noun: str
    is_medicine: bool


def _words(exposure: str) -> _Words:
    kind, _, name = exposure.partition(":")
    did, noun = EXPOSURE_WORDS.get(exposure, (f"logged {name or kind}", name or kind))
    return _Words(did.replace("_", " "), noun.replace("_", " "), kind == ExposureKind.MEDICATION)


# The templates. `{did}` and `{noun}` are words of `EXPOSURE_WORDS`; `{points}` is the
# difference and `{low}` and `{high}` its interval, in points to the nearest half, the
# larger last; `{days_with}` and `{days_without}` are numbers of days. Where a number
# may be 1, each form has its own whole sentence ("1 point", "2 points").
NOT_PROOF: Final = (
    "This only compares your own days, so it cannot prove the cause. "
    "Pain also changes for other reasons."
)
ASK_BEFORE_CHANGING: Final = "Talk with your care team before you change any medicine."
MEDICINE_ON_BAD_DAYS: Final = (
    "This does not mean the medicine makes pain worse. People often take more medicine on bad days."
)
TALK_ABOUT_IT: Final = "You may want to talk about this with your care team."
ABOUT_THE_SAME: Final = (
    "On days after you {did}, your leg pain the next day was about the same as after other days."
)
WORST_NOT_RELIEF: Final = (
    "This looks at your worst pain the next day. "
    "It does not measure the relief you feel at the time."
)
NOT_CLEAR_YET: Final = "We cannot yet see a clear change in your leg pain on days after you {did}."
KEEP_CHECKING: Final = "We will keep checking as you keep logging."
TOO_SOON: Final = "It is too soon to tell how {noun} affects your leg pain."
NO_NEED_TO_CHANGE: Final = "Keep checking in each day. You do not need to change what you do."

# Keyed by (the difference is 1 point, the larger end of the interval is 1 point). The
# larger end is never below the difference, so (False, True) needs a difference under
# `MEANINGFUL_POINTS`; it is written out all the same, so no threshold leaves a gap.
LOWER: Final = {
    (False, False): (
        "On days after you {did}, your leg pain the next day was about {points} points lower "
        "(somewhere between {low} and {high} points lower)."
    ),
    (False, True): (
        "On days after you {did}, your leg pain the next day was about {points} points lower "
        "(somewhere between {low} and {high} point lower)."
    ),
    (True, False): (
        "On days after you {did}, your leg pain the next day was about {points} point lower "
        "(somewhere between {low} and {high} points lower)."
    ),
    (True, True): (
        "On days after you {did}, your leg pain the next day was about {points} point lower "
        "(somewhere between {low} and {high} point lower)."
    ),
}
HIGHER: Final = {
    (False, False): (
        "On days after you {did}, your leg pain the next day was about {points} points higher "
        "(somewhere between {low} and {high} points higher)."
    ),
    (False, True): (
        "On days after you {did}, your leg pain the next day was about {points} points higher "
        "(somewhere between {low} and {high} point higher)."
    ),
    (True, False): (
        "On days after you {did}, your leg pain the next day was about {points} point higher "
        "(somewhere between {low} and {high} points higher)."
    ),
    (True, True): (
        "On days after you {did}, your leg pain the next day was about {points} point higher "
        "(somewhere between {low} and {high} point higher)."
    ),
}
# Keyed by (1 day with it, 1 day without it).
SO_FAR: Final = {
    (False, False): (
        "So far we have {days_with} days after you {did} and {days_without} other days."
    ),
    (False, True): "So far we have {days_with} days after you {did} and {days_without} other day.",
    (True, False): "So far we have {days_with} day after you {did} and {days_without} other days.",
    (True, True): "So far we have {days_with} day after you {did} and {days_without} other day.",
}

# Every template a patient may read, for the translation catalogues.
PATIENT_TEMPLATES: Final = (
    *LOWER.values(),
    *HIGHER.values(),
    NOT_PROOF,
    MEDICINE_ON_BAD_DAYS,
    TALK_ABOUT_IT,
    ABOUT_THE_SAME,
    WORST_NOT_RELIEF,
    NOT_CLEAR_YET,
    KEEP_CHECKING,
    TOO_SOON,
    *SO_FAR.values(),
    NO_NEED_TO_CHANGE,
    ASK_BEFORE_CHANGING,
)


def _points(value: float) -> float:
    """`value` to the nearest half point, for patients."""
    return round(abs(value) * 2) / 2


def _patient_wording(
    words: _Words, verdict: Verdict, difference: float, low: float, high: float
) -> Wording:
    values: dict[str, object] = {"did": words.did}
    if verdict in (Verdict.SEEMS_TO_HELP, Verdict.SEEMS_WORSE):
        points = _points(difference)
        near, far = sorted((_points(low), _points(high)))
        values.update(points=f"{points:g}", low=f"{near:g}", high=f"{far:g}")
        forms = LOWER if verdict is Verdict.SEEMS_TO_HELP else HIGHER
        templates = [forms[points == 1, far == 1]]
        if verdict is Verdict.SEEMS_TO_HELP:
            templates.append(NOT_PROOF)
        elif words.is_medicine:
            templates.append(MEDICINE_ON_BAD_DAYS)
        else:
            templates += [NOT_PROOF, TALK_ABOUT_IT]
    elif low > -MEANINGFUL_POINTS and high < MEANINGFUL_POINTS:
        templates = [ABOUT_THE_SAME, WORST_NOT_RELIEF]
    else:
        templates = [NOT_CLEAR_YET, KEEP_CHECKING]
    if words.is_medicine:
        templates.append(ASK_BEFORE_CHANGING)
    return Wording.of(*templates, **values)


def _not_enough_wording(words: _Words, days_with: int, days_without: int) -> Wording:
    templates = [
        TOO_SOON,
        SO_FAR[days_with == 1, days_without == 1],
        NO_NEED_TO_CHANGE,
    ]
    if words.is_medicine:
        templates.append(ASK_BEFORE_CHANGING)
    return Wording.of(
        *templates,
        did=words.did,
        noun=words.noun,
        days_with=days_with,
        days_without=days_without,
    )


_METHOD: Final = (
    "Outcome: next-day worst leg pain (pairs of consecutive days), {detrended}; "
    "Hodges-Lehmann shift with a Mann-Whitney {confidence:.0%} interval; outcome days "
    "{start} to {today}."
)
_CAVEAT: Final = (
    "Observational n-of-1 comparison: cannot establish cause. Detrending removes a smooth "
    "recovery trend but absorbs much of the effect of anything used for long unbroken runs, "
    "and does not remove confounding by indication or unlogged causes."
)


def _clinician_note(
    exposure: str,
    verdict: Verdict,
    shift: tuple[float, float, float],
    split: _Split,
    rules: _Rules,
) -> str:
    difference, low, high = shift
    start = "first record" if rules.start == date.min else rules.start.isoformat()
    parts = [
        f"{exposure}: {verdict.value.replace('_', ' ')}; next-day leg pain "
        f"{difference:+.1f} points after days with it (interval {low:+.1f} to {high:+.1f}); "
        f"{len(split.with_)} days with, {len(split.without)} without.",
        _METHOD.format(
            detrended=(
                f"detrended by the median of neighbouring days within ±{rules.half_width} d"
                if rules.half_width
                else "not detrended"
            ),
            confidence=rules.confidence,
            start=start,
            today=rules.today.isoformat(),
        ),
    ]
    gap = split.used_on_worse_days
    if gap is not None and abs(gap) >= USED_ON_WORSE_DAYS_POINTS:
        parts.append(
            f"Same-day pain on days with it was {abs(gap):.1f} points "
            f"{'above' if gap > 0 else 'below'} its local median: it tends to be used on "
            f"{'worse' if gap > 0 else 'better'} days, so part of any next-day "
            "difference may be pain returning towards its usual level."
        )
    parts.append(_CAVEAT)
    return " ".join(parts)


def _not_enough_note(
    exposure: str, days_with: int, days_without: int, more: tuple[int, int, int]
) -> str:
    more_with, more_without, more_in_all = more
    return (
        f"{exposure}: not enough data; {days_with} usable days with it, {days_without} "
        f"without. Needs {more_with} more with, {more_without} more without and "
        f"{more_in_all} more in all (a usable day is a day with the exposure answered "
        "followed by a day with leg pain, in the window)."
    )
