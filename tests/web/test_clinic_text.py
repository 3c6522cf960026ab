"""How clinician pages word levels, rules, evidence and deadlines (no database)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from rootwise.clinical.rules import RULES
from rootwise.web.pages.clinic_text import readable, rule_label, span, time_left

NOW = datetime(2026, 3, 20, 14, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("rule_id", "label"),
    [
        ("cauda_equina.saddle_numbness", "Cauda equina: saddle numbness"),
        ("vte.chest_pain_or_breathless", "VTE: chest pain or breathless"),
        ("modality.tens_with_implanted_device", "Modality: TENS with implanted device"),
        ("csf_leak.positional_headache", "CSF leak: positional headache"),
        ("standalone", "Standalone"),
    ],
)
def test_rule_ids_are_read_out_in_plain_words(rule_id: str, label: str) -> None:
    assert rule_label(rule_id) == label


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_every_rule_in_the_registry_gets_a_label_without_code_punctuation(rule_id: str) -> None:
    label = rule_label(rule_id)
    assert "_" not in label
    assert "." not in label
    assert label[0].isupper()


@pytest.mark.parametrize(
    ("length", "text"),
    [
        (timedelta(seconds=59), "less than 1 min"),
        (timedelta(minutes=1), "1 min"),
        (timedelta(minutes=59, seconds=59), "59 min"),
        (timedelta(hours=1), "1 h"),
        (timedelta(hours=3, minutes=5), "3 h 5 min"),
        (timedelta(days=1), "1 d"),
        (timedelta(days=4, hours=23, minutes=40), "4 d 23 h"),
    ],
)
def test_durations_read_as_their_two_largest_units_rounded_down(
    length: timedelta, text: str
) -> None:
    assert span(length) == text


def test_a_deadline_ahead_says_how_long_is_left() -> None:
    left = time_left(NOW + timedelta(minutes=12), NOW)
    assert (left.text, left.overdue) == ("12 min left", False)


def test_a_deadline_reached_this_very_moment_is_not_yet_overdue() -> None:
    assert time_left(NOW, NOW).overdue is False


def test_a_missed_deadline_says_by_how_much() -> None:
    late = time_left(NOW - timedelta(minutes=7, seconds=30), NOW)
    assert (late.text, late.overdue) == ("Overdue by 7 min", True)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("new_retention", "new retention"),
        (True, "yes"),
        (False, "no"),
        (None, "not answered"),
        (["new", "worse"], "new, worse"),
        ([], "none"),
        (38.6, "38.6"),
        ({"value": 38.6, "unit": "C"}, "value 38.6; unit C"),
    ],
)
def test_evidence_values_read_as_words(value: object, text: str) -> None:
    assert readable(value) == text
