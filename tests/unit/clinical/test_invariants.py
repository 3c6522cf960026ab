"""Properties that hold for every valid request, checked with hypothesis.

Each property is a safety principle of design.md or README section 2 that no table of
examples can cover exhaustively: more warning answers never lower the level, the unit of
a temperature never changes the triage, the order of earlier check-ins does not matter,
and an incomplete or uncertain screen is never reassuring.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction
from math import floor
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from rootwise.clinical.assess import Assessment, assess
from rootwise.clinical.history import as_history
from rootwise.clinical.model import (
    Answer,
    AssessmentRequest,
    Bladder,
    Bowel,
    Change,
    CheckIn,
    Level,
    Onset,
    Side,
    SideEffect,
    Temperature,
    TemperatureUnit,
    WoundSign,
)
from tests.unit.clinical.builders import (
    ALL_CLEAR,
    PATIENT,
    UNANSWERED,
    checkin,
)
from tests.unit.clinical.strategies import (
    CHECKINS,
    HISTORY_TIMES,
    REQUESTS,
    REQUESTS_WITH_DISTINCT_TIMES,
    readings,
    tenths,
)

FAST = settings(max_examples=200, deadline=None)

Draw = Callable[[st.SearchStrategy[Any]], Any]


def _assessed(request: AssessmentRequest) -> Assessment:
    """assess(request), checking the shape every assessment must have (api.md).

    The level is the highest finding's, findings run from the highest level down, and
    the screen is complete exactly when no red-flag question was left unanswered.
    """
    a = assess(request)
    ranks = [f.level.rank for f in a.findings]
    assert ranks == sorted(ranks, reverse=True)
    assert a.level.rank == max(ranks, default=Level.ROUTINE.rank)
    assert a.complete is ("screen.unanswered" not in {f.rule for f in a.findings})
    return a


def _with(request: AssessmentRequest, **answers: Any) -> AssessmentRequest:
    return replace(request, checkin=replace(request.checkin, **answers))


def _summary(a: Assessment) -> tuple[Level, bool, list[str]]:
    return a.level, a.complete, sorted(f.rule for f in a.findings)


# --- (1) A red-flag answer added never lowers the level -----------------------------------
#
# "Adding" means turning an unanswered or reassuring answer into a warning one, adding a
# sign to the wound or side effects, or recording a fever (>= 38.3 °C) no lower than any
# reading already there. Replacing one warning with another is not adding and is not
# covered: from "new retention" to "unsure" rightly goes down.


@dataclass(frozen=True)
class RedFlag:
    """A warning answer that can be added to a check-in whose `field` is `calm`."""

    field: str
    warnings: st.SearchStrategy[Any]
    calm: tuple[Any, ...] | None = None  # None: a set, to which signs are added

    def applies(self, c: CheckIn) -> bool:
        return self.calm is None or getattr(c, self.field) in self.calm

    def add(self, c: CheckIn, draw: Draw) -> dict[str, Any]:
        if self.calm is None:
            return {self.field: (getattr(c, self.field) or frozenset()) | draw(self.warnings)}
        return {self.field: draw(self.warnings)}


def _enum(field: str, calm: tuple[Any, ...], warnings: tuple[Any, ...]) -> RedFlag:
    return RedFlag(field, st.sampled_from(warnings), calm)


def _signs(field: str, values: Any) -> RedFlag:
    return RedFlag(field, st.frozensets(st.sampled_from(values), min_size=1))


class Fever(RedFlag):
    """A fever reading (>= 38.3 °C or 100.9 °F), never lower than the reading it replaces."""

    def applies(self, c: CheckIn) -> bool:
        return True

    def add(self, c: CheckIn, draw: Draw) -> dict[str, Any]:
        reading = draw(self.warnings)
        if c.temperature is not None and c.temperature.celsius > reading.celsius:
            return {}  # already hotter than this fever: nothing is added
        return {"temperature": reading}


NOT_NEW = (None, Change.NONE, Change.UNCHANGED, Change.BETTER)
RED_FLAGS = (
    _enum("bladder", (None, Bladder.NORMAL), tuple(b for b in Bladder if b is not Bladder.NORMAL)),
    _enum("bowel", (None, Bowel.NORMAL), tuple(b for b in Bowel if b is not Bowel.NORMAL)),
    _enum("saddle_numbness", (None, Answer.NO), (Answer.YES, Answer.UNSURE)),
    _enum("weakness", NOT_NEW, (Change.NEW, Change.WORSE, Change.UNSURE)),
    _enum("weakness_onset", (None, Onset.GRADUAL), (Onset.SUDDEN, Onset.UNSURE)),
    _enum("weakness_side", (None, Side.NONE, Side.LEFT, Side.RIGHT), (Side.BOTH,)),
    _enum("numbness", NOT_NEW, (Change.NEW, Change.WORSE)),
    Fever(
        "temperature",
        st.one_of(
            readings("38.3", "43.0", TemperatureUnit.CELSIUS),
            readings("100.9", "109.4", TemperatureUnit.FAHRENHEIT),
        ),
    ),
    _enum("chills", (None, False), (True,)),
    _signs("wound", WoundSign),
    _enum("calf_pain_or_swelling", (None, False), (True,)),
    _enum("chest_pain_or_breathless", (None, False), (True,)),
    _enum("headache_when_upright", (None, False), (True,)),
    _signs("side_effects", SideEffect),
)


@FAST
@given(request=REQUESTS, data=st.data())
def test_adding_a_red_flag_answer_never_lowers_the_level(
    request: AssessmentRequest, data: st.DataObject
) -> None:
    applicable = [flag for flag in RED_FLAGS if flag.applies(request.checkin)]
    flag = data.draw(st.sampled_from(applicable), label="red flag")
    answers = flag.add(request.checkin, data.draw)
    before = _assessed(request)
    after = _assessed(_with(request, **answers))
    assert after.level.rank >= before.level.rank, (flag.field, before.findings, after.findings)


# --- (2) The unit of a temperature never changes the triage -------------------------------
#
# °C -> °F: a °C reading at 0.1 resolution has an exact °F value with two decimals
# (c * 9/5 + 32), which a float represents faithfully enough that its repr is that
# decimal; so both readings describe exactly the same temperature and must agree in
# everything but the wording of the reading.
#
# °F -> °C cannot be made exact: (f - 32) * 5/9 of a 0.1 °F reading is usually a
# repeating decimal. So the °F direction is checked against the specification instead:
# a °F reading triages as the °C reading a thermometer would show for it (the exact value
# rounded half up to 0.1 °C, computed here with fractions, independently of the model),
# and the fever rule fires exactly from 100.9 °F up.


@FAST
@given(request=REQUESTS, tenth_c=tenths("34.0", "43.0"))
def test_the_same_temperature_in_celsius_and_fahrenheit_gives_the_same_result(
    request: AssessmentRequest, tenth_c: Decimal
) -> None:
    exact_f = tenth_c * 9 / 5 + 32
    assert Decimal(repr(float(exact_f))) == exact_f, "the float carries the exact value"
    in_c = _assessed(
        _with(request, temperature=Temperature(float(tenth_c), TemperatureUnit.CELSIUS))
    )
    in_f = _assessed(
        _with(request, temperature=Temperature(float(exact_f), TemperatureUnit.FAHRENHEIT))
    )
    assert _summary(in_f) == _summary(in_c)
    for f_c, f_f in zip(in_c.findings, in_f.findings, strict=True):
        assert f_c.evidence.get("temperature_c") == f_f.evidence.get("temperature_c")


def _thermometer_celsius(tenth_f: Decimal) -> Decimal:
    exact = (Fraction(tenth_f) - 32) * Fraction(5, 9)
    return Decimal(floor(exact * 10 + Fraction(1, 2))) / 10


@FAST
@given(request=REQUESTS, tenth_f=tenths("93.2", "109.4"))
def test_a_fahrenheit_reading_triages_as_the_celsius_a_thermometer_would_show(
    request: AssessmentRequest, tenth_f: Decimal
) -> None:
    as_c = _thermometer_celsius(tenth_f)
    in_f = _assessed(
        _with(request, temperature=Temperature(float(tenth_f), TemperatureUnit.FAHRENHEIT))
    )
    in_c = _assessed(_with(request, temperature=Temperature(float(as_c), TemperatureUnit.CELSIUS)))
    assert _summary(in_f) == _summary(in_c)


@FAST
@given(tenth_f=tenths("93.2", "109.4"))
def test_in_fahrenheit_the_fever_rule_fires_from_100_9_up(tenth_f: Decimal) -> None:
    reading = Temperature(float(tenth_f), TemperatureUnit.FAHRENHEIT)
    a = _assessed(AssessmentRequest(patient=PATIENT, checkin=checkin(temperature=reading)))
    assert ("infection.fever" in {f.rule for f in a.findings}) is (tenth_f >= Decimal("100.9"))
    with_deficit = _assessed(
        AssessmentRequest(
            patient=PATIENT, checkin=checkin(temperature=reading, numbness=Change.NEW)
        )
    )
    assert (with_deficit.level is Level.EMERGENCY) is (tenth_f >= Decimal("100.4"))


# --- (3) The order of earlier check-ins does not matter -----------------------------------
#
# Earlier check-ins here never share an instant, so their time order is unique; two
# check-ins at the same instant are specified by hand in test_pain_history.py.


@FAST
@given(request=REQUESTS_WITH_DISTINCT_TIMES, data=st.data())
def test_the_order_of_the_history_does_not_change_the_assessment(
    request: AssessmentRequest, data: st.DataObject
) -> None:
    shuffled = data.draw(st.permutations(request.history), label="history order")
    assert _assessed(replace(request, history=tuple(shuffled))) == _assessed(request)


# --- (4) An incomplete screen is never routine --------------------------------------------
#
# The drawn check-in first gets a reassuring answer for every red-flag question it left
# open, then exactly one question is unanswered, so the property is tested on that one
# question and not carried by some other gap.


SCREEN_ANSWERS = {k: v for k, v in ALL_CLEAR.items() if k not in ("leg_pain", "back_pain")}


def _every_question_answered(c: CheckIn) -> CheckIn:
    calm = {name: value for name, value in SCREEN_ANSWERS.items() if getattr(c, name) is None}
    if c.weakness_onset is None:
        calm["weakness_onset"] = Onset.GRADUAL
    if c.weakness_side is None:
        calm["weakness_side"] = Side.LEFT
    return replace(c, **calm)


def _one_question_unanswered(request: AssessmentRequest, answers: dict[str, Any]) -> Assessment:
    answered = _every_question_answered(request.checkin)
    return _assessed(replace(request, checkin=replace(answered, **answers)))


@FAST
@given(request=REQUESTS, question=st.sampled_from(sorted(UNANSWERED)))
def test_an_incomplete_screen_is_never_routine_and_never_complete(
    request: AssessmentRequest, question: str
) -> None:
    a = _one_question_unanswered(request, UNANSWERED[question])
    assert a.complete is False
    assert a.level is not Level.ROUTINE


# --- (5) and (6) "Unsure" is never reassuring ---------------------------------------------

# Each uncertain answer and the lowest level it may give (README section 2).
UNSURE: dict[str, tuple[Any, Level]] = {
    "bladder": (Bladder.UNSURE, Level.SAME_DAY),
    "bowel": (Bowel.UNSURE, Level.SAME_DAY),
    "saddle_numbness": (Answer.UNSURE, Level.SAME_DAY),
    "weakness": (Change.UNSURE, Level.SOON),
}


@FAST
@given(request=REQUESTS, question=st.sampled_from(sorted(UNSURE)))
def test_unsure_about_cauda_equina_is_at_least_same_day_and_about_weakness_at_least_soon(
    request: AssessmentRequest, question: str
) -> None:
    value, lowest = UNSURE[question]
    assert _assessed(_with(request, **{question: value})).level.rank >= lowest.rank


# Earlier check-ins with every field drawn, not only the ones rules are meant to read.
FULL_HISTORIES = st.lists(
    st.builds(lambda at, c: replace(c, recorded_at=at), HISTORY_TIMES, CHECKINS), max_size=8
).map(tuple)


@given(request=REQUESTS, history=FULL_HISTORIES)
@FAST
def test_rules_read_nothing_of_history_beyond_its_declared_fields(
    request: AssessmentRequest, history: tuple[CheckIn, ...]
) -> None:
    """The store loads only HISTORY_FIELDS of earlier check-ins; the rules must not need more."""
    full = replace(request, history=history)
    reduced = replace(request, history=tuple(as_history(c) for c in history))
    assert assess(full) == assess(reduced)
