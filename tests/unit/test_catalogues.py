"""The translation catalogues: complete, in step with the code, and faithful where it
matters most (placeholders, links, and the advice a patient acts on).

`make i18n` extracts the marked text into messages.pot and merges it into each `.po`;
these tests fail until every new entry is translated.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po
from hypothesis import given, settings
from hypothesis import strategies as st

from rootwise.clinical import exercises, homecare
from rootwise.clinical.advice import patient_headline
from rootwise.clinical.helps import (
    EXPOSURE_WORDS,
    HIGHER,
    LOWER,
    PATIENT_TEMPLATES,
    DayRecord,
    HelpEstimate,
    what_helps,
)
from rootwise.clinical.model import Condition, Level, Procedure
from rootwise.clinical.recovery.bands import default_leg_band
from rootwise.clinical.recovery.wording import typical_now
from rootwise.clinical.rules import RULES
from rootwise.clinical.thresholds import DEFAULT_THRESHOLDS, Thresholds
from rootwise.web import i18n
from rootwise.web.catalogue import HELPS_DID_CONTEXT, HELPS_NOUN_CONTEXT, extract_messages
from rootwise.web.pages import clinical_wording

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "src" / "rootwise" / "locale"
TRANSLATED = [language for language in i18n.SUPPORTED if language != i18n.DEFAULT]
SURGERY = date(2026, 3, 2)

# `%(name)s` (templates, `{% trans %}`) and `{name}` (Python `.format`) placeholders.
PLACEHOLDER = re.compile(r"%\(\w+\)s|\{\w+\}")
TAG = re.compile(r"<[^>]+>")


def catalogue(language: str) -> Catalog:
    with (LOCALE / language / "LC_MESSAGES" / "messages.po").open("rb") as po:
        return read_po(po, locale=language)


def entries(language: str) -> Iterator[Message]:
    return (m for m in catalogue(language) if m.id)


def key(message: Message) -> tuple[str | None, str]:
    singular = message.id if isinstance(message.id, str) else message.id[0]
    return message.context, singular


def texts(value: str | tuple[str, ...] | list[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


@pytest.fixture(scope="module")
def extracted() -> Catalog:
    return extract_messages(ROOT)


@pytest.fixture
def spanish() -> Iterator[None]:
    with i18n.speaking(i18n.load_catalogues()["es"]):
        yield


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_entry_is_translated_and_none_is_fuzzy(language: str) -> None:
    untranslated = [key(m) for m in entries(language) if not all(texts(m.string))]
    fuzzy = [key(m) for m in entries(language) if m.fuzzy]
    assert not untranslated, untranslated
    assert not fuzzy, fuzzy


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_catalogue_holds_exactly_the_text_marked_in_the_code(
    language: str, extracted: Catalog
) -> None:
    marked = {key(m) for m in extracted if m.id}
    held = {key(m) for m in entries(language)}
    assert not marked - held, f"run `make i18n` and translate: {sorted(marked - held, key=str)}"
    assert not held - marked, f"run `make i18n`, no longer used: {sorted(held - marked, key=str)}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_every_placeholder_and_link(language: str) -> None:
    for message in entries(language):
        for english, translated in zip(texts(message.id), texts(message.string), strict=False):
            assert sorted(PLACEHOLDER.findall(english)) == sorted(
                PLACEHOLDER.findall(translated)
            ), (english, translated)
            assert TAG.findall(english) == TAG.findall(translated), (english, translated)


def test_the_catalogues_compile_at_start_up() -> None:
    loaded = i18n.load_catalogues()
    assert set(loaded) == set(i18n.SUPPORTED)
    assert loaded["es"].translations.gettext("Home") == "Inicio"
    assert loaded["es"].translations.ngettext("{n} day", "{n} days", 2) == "{n} days"


@pytest.mark.usefixtures("spanish")
@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_every_rules_advice_is_given_in_spanish_with_the_same_figures(rule_id: str) -> None:
    tuned = Thresholds(fever_c=DEFAULT_THRESHOLDS.fever_c + 1)
    for thresholds in (DEFAULT_THRESHOLDS, tuned):
        english = RULES[rule_id].patient_text(thresholds)
        spanish = clinical_wording.rule_advice(rule_id, english)
        assert spanish != english
        assert re.findall(r"\d+(?:\.\d+)?", spanish) == re.findall(r"\d+(?:\.\d+)?", english)


@pytest.mark.usefixtures("spanish")
def test_an_emergency_in_spanish_says_to_get_help_now_and_never_to_wait() -> None:
    waiting = ("hoy", "mañana", "1 a 3 días", "próximos días")
    for rule_id, rule in RULES.items():
        if rule.level is Level.EMERGENCY:
            spanish = clinical_wording.rule_advice(rule_id, rule.patient_text(DEFAULT_THRESHOLDS))
            assert re.search(r"de inmediato|ahora", spanish), rule_id
            assert not [w for w in waiting if w in spanish.lower()], (rule_id, spanish)


@pytest.mark.usefixtures("spanish")
def test_every_headline_is_given_in_spanish_with_the_number_and_the_date() -> None:
    headlines = {
        level: clinical_wording.headline(
            level.value,
            patient_headline(level, emergency_number="911", surgery_date=SURGERY),
            surgery_date=SURGERY,
        )
        for level in Level
    }
    assert headlines[Level.EMERGENCY].startswith("Llame al 911 ahora")
    assert "2 de marzo de 2026" in headlines[Level.EMERGENCY]
    assert "Llame hoy a su equipo quirúrgico" in headlines[Level.SAME_DAY]
    assert "llame al 911" in headlines[Level.SAME_DAY]
    assert "en los próximos 1 a 3 días" in headlines[Level.SOON]
    assert "Siga con su plan" in headlines[Level.ROUTINE]


@pytest.mark.usefixtures("spanish")
def test_advice_of_an_unknown_wording_stays_in_english_rather_than_being_lost() -> None:
    old = "Wording from an older version of the rule."
    assert clinical_wording.rule_advice("weakness.sudden", old) == old
    assert clinical_wording.rule_advice("no.such_rule", old) == old
    assert clinical_wording.headline("routine", old, surgery_date=SURGERY) == old
    assert clinical_wording.sentences(old) == old


def test_english_advice_is_shown_as_stored() -> None:
    text = RULES["infection.fever"].patient_text(DEFAULT_THRESHOLDS)
    assert clinical_wording.rule_advice("infection.fever", text) == text


@pytest.mark.usefixtures("spanish")
@pytest.mark.parametrize("week", [0, 1, 2, 5, 12, 52])
@pytest.mark.parametrize("own", [None, 0.0, 3.0, 9.0])
def test_what_is_usual_this_week_is_given_in_spanish(week: int, own: float | None) -> None:
    english = typical_now(week, default_leg_band(Procedure.DISCECTOMY), own)
    spanish = clinical_wording.sentences(english)
    assert spanish != english
    assert "people" not in spanish
    assert "Yours" not in spanish
    assert re.findall(r"\d+", spanish) == re.findall(r"\d+", english)


@pytest.mark.parametrize(
    ("header", "language"),
    [
        ("es-MX,es;q=0.9,en;q=0.8", "es"),
        ("en-US,en;q=0.9,es;q=0.5", "en"),
        ("fr-FR,fr;q=0.9,es;q=0.4", "es"),
        ("de-DE", "en"),
        ("", "en"),
        (None, "en"),
        ("es;q=0", "en"),
        ("*;q=0.5, es-419", "es"),
        ("x;q=nonsense, ,;;", "en"),
    ],
)
def test_the_browsers_preference_picks_a_supported_language(
    header: str | None, language: str
) -> None:
    assert i18n.best_language(header) == language


def test_dates_and_times_are_written_in_the_pages_language() -> None:
    day = date(2026, 3, 20)
    evening = datetime(2026, 3, 20, 21, 5, tzinfo=timezone(timedelta(hours=-4)))
    assert i18n.format_day(day) == "Friday, March 20, 2026"
    assert i18n.format_short_day(day) == "Mar 20, 2026"
    assert i18n.format_clock(evening) == "9:05 PM"
    with i18n.speaking(i18n.load_catalogues()["es"]):
        assert i18n.format_day(day) == "viernes, 20 de marzo de 2026"
        assert i18n.format_short_day(day) == "20 mar 2026"
        assert i18n.format_long_date(day) == "20 de marzo de 2026"
        assert i18n.format_clock(evening) == "21:05"
    assert i18n.language() == "en"


# --- What the clinical core works out for a page: what helps, home care, exercises ------

NUMBER = re.compile(r"\d+(?:\.\d+)?")


def estimates_of_every_kind() -> list[HelpEstimate]:
    """Estimates for every exposure from seeded series of days, covering every template."""
    exposures = [*EXPOSURE_WORDS, "diet:cold_drinks"]
    found: list[HelpEstimate] = []
    for seed in range(60):
        rng = random.Random(seed)
        first = date(2026, 1, 1)
        effect = rng.choice([-3.0, -1.5, 0.0, 1.5, 3.0])
        days: list[DayRecord] = []
        used: frozenset[str] = frozenset()
        for n in range(rng.choice([8, 20, 45])):
            pain = round(min(10, max(0, 5 + rng.gauss(0, 1) + effect * len(used) / 4)))
            used = frozenset(e for e in exposures if rng.random() < 0.4)
            days.append(DayRecord(first + timedelta(days=n), pain, used))
        found += what_helps(days, today=days[-1].day, window_days=None)
    # Exactly 1 point, at both ends of the interval, either way; and 1 day on each side.
    for after_ice in (4, 6):
        pains = [after_ice if n % 2 else 5 for n in range(30)]
        days = [
            DayRecord(
                first + timedelta(days=n), pain, frozenset({"modality:ice"} if n % 2 == 0 else ())
            )
            for n, pain in enumerate(pains)
        ]
        found += what_helps(days, today=days[-1].day, trend_half_width=0)
    found += what_helps(days[:3], today=days[2].day, trend_half_width=0)
    return found


ESTIMATES = estimates_of_every_kind()


def test_the_estimates_use_every_template_of_what_helps() -> None:
    used = {t for e in ESTIMATES for t in e.patient_wording.templates}
    # "About 2 points (between 0.5 and 1 point)" cannot happen: the larger end of the
    # interval is never below the difference.
    assert set(PATIENT_TEMPLATES) - used == {LOWER[False, True], HIGHER[False, True]}


@pytest.mark.usefixtures("spanish")
def test_what_helps_is_said_in_spanish_in_whole_sentences_with_the_same_figures() -> None:
    for estimate in ESTIMATES:
        english = estimate.patient_text
        spanish = clinical_wording.helps(estimate)
        assert spanish != english
        assert NUMBER.findall(spanish) == NUMBER.findall(english), (english, spanish)
        known = estimate.exposure in EXPOSURE_WORDS
        for english_words in ("On days after you", "your leg pain", "took ", "used "):
            assert english_words not in spanish or not known, (english_words, spanish)


@pytest.mark.usefixtures("spanish")
def test_every_template_and_word_of_what_helps_has_its_own_translation() -> None:
    for template in PATIENT_TEMPLATES:
        assert i18n.gettext(template) != template
    for did, noun in EXPOSURE_WORDS.values():
        assert i18n.pgettext(HELPS_DID_CONTEXT, did) != did
        assert i18n.pgettext(HELPS_NOUN_CONTEXT, noun) != noun


def test_what_helps_in_english_is_shown_as_the_core_wrote_it() -> None:
    estimate = ESTIMATES[0]
    assert clinical_wording.helps(estimate) == estimate.patient_text


@pytest.mark.usefixtures("spanish")
@pytest.mark.parametrize("text", [*homecare.patient_texts(), *exercises.patient_texts()])
def test_every_text_of_the_plan_is_translated(text: str) -> None:
    assert i18n.gettext(text) != text


@settings(max_examples=200, deadline=None)
@given(
    day=st.integers(0, 400),
    procedure=st.sampled_from(Procedure),
    conditions=st.frozensets(st.sampled_from(Condition)),
    numb=st.sampled_from([None, False, True]),
    healed=st.sampled_from([None, False, True]),
)
def test_home_care_in_any_situation_says_only_texts_in_the_catalogue(
    day: int,
    procedure: Procedure,
    conditions: frozenset[Condition],
    numb: bool | None,
    healed: bool | None,
) -> None:
    context = homecare.HomeCareContext(day, procedure, conditions, numb, healed)
    catalogued = set(homecare.patient_texts())
    for advice in homecare.home_care(context):
        for text in (advice.reason, *advice.how, advice.when, *advice.cautions):
            assert text in catalogued, text


@pytest.mark.usefixtures("spanish")
@pytest.mark.parametrize("day", [0, 13, 20, 30, 45, 80])
@pytest.mark.parametrize("procedure", [Procedure.DISCECTOMY, Procedure.FUSION])
@pytest.mark.parametrize("cleared", [None, True, False])
@pytest.mark.parametrize("logged", [(), (5, 5, 6), (20, 20, 25), (60,) * 7])
def test_the_walking_goal_and_the_exercise_notes_keep_their_numbers_in_spanish(
    day: int, procedure: Procedure, cleared: bool | None, logged: tuple[int, ...]
) -> None:
    walking = exercises.walking_plan(day, logged)
    note = exercises.programme_note_wording(day, procedure, cleared)
    texts = [walking.goal_wording, walking.advice_wording, *([note] if note else [])]
    texts += exercises.call_team_today_wording(Thresholds(fever_c=Decimal("38.0")))
    for wording in texts:
        spanish = clinical_wording.wording(wording)
        assert spanish != wording.text
        assert NUMBER.findall(spanish) == NUMBER.findall(wording.text), spanish
