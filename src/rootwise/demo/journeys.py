"""Synthetic recovery histories: when each demo patient checked in, and what they said.

Times are laid out backwards from `now`, so the demo always looks current: each patient's
latest check-in slot is a little before `now`, the ones before it fall on the previous
local calendar days at about the same time of day. Check-ins are daily for the last 30
days and three days a week before that, which keeps loading quick and still gives every
week of the patients operated on months ago enough days for their recovery trend.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from rootwise.clinical.model import ModalityKind
from rootwise.demo.answers import day_answers
from rootwise.demo.cohort import DEMO_PATIENT, Persona
from rootwise.demo.events import acknowledged_after, latest_minutes_ago, script, scripted_days
from rootwise.demo.traits import Traits, draw_traits

SEED = "rootwise-demo-1"
DAILY_DAYS = 30
_WEEKLY_DAYS = (0, 2, 4)
# A few missed days; more once the first weeks are over and the habit fades.
_MISS_EARLY, _MISS_LATER = 0.08, 0.15
_EARLY_DAYS = 14
# How far a check-in may drift from the patient's usual time of day, in minutes.
_DRIFT = 40


@dataclass(frozen=True, slots=True)
class Visit:
    """One check-in: when it was made, and its body as the patient's phone sends it."""

    recorded_at: datetime
    body: dict[str, Any]
    # Set when the care team acknowledged the alert this check-in raises.
    acknowledged_after: timedelta | None = None


@dataclass(frozen=True, slots=True)
class Journey:
    """A patient's plan and every check-in they made, oldest first."""

    persona: Persona
    traits: Traits
    surgery_date: date
    visits: tuple[Visit, ...]


def plan_journey(persona: Persona, *, now: datetime, tz: tzinfo) -> Journey:
    """`persona`'s history up to `now`; the same persona and `now` give the same journey."""
    rng = random.Random(f"{SEED}-{persona.number}")
    traits = draw_traits(persona, rng)
    minutes_ago = latest_minutes_ago(persona, usual=traits.minutes_before_now)
    latest = (now - timedelta(minutes=minutes_ago)).astimezone(tz)
    surgery_date = latest.date() - timedelta(days=persona.day)
    must = scripted_days(persona)
    visits = []
    iced_yesterday = False
    for day in range(1, persona.day + 1):
        days_ago = persona.day - day
        if not _checks_in(persona, day, days_ago, must, rng):
            iced_yesterday = False
            continue
        when = latest if days_ago == 0 else _days_before(latest, days_ago, rng)
        answers = script(persona, day, day_answers(persona, traits, day, rng))
        if persona is DEMO_PATIENT:
            iced_yesterday = _ice_helps(answers, iced_yesterday, rng)
        visits.append(
            Visit(
                recorded_at=when,
                body={"recorded_at": when.isoformat(), **answers},
                acknowledged_after=acknowledged_after(persona, day),
            )
        )
    return Journey(persona, traits, surgery_date, tuple(visits))


def _ice_helps(answers: dict[str, Any], iced_yesterday: bool, rng: random.Random) -> bool:
    """The patient who logs in uses ice on about half the days, and their leg pain is 2
    points lower the day after, so "what seems to help you" has something to show.
    Returns whether they iced today."""
    if iced_yesterday and answers.get("leg_pain"):
        # Never down to 0: the side of a leg pain still felt stays as answered.
        answers["leg_pain"] = max(1, answers["leg_pain"] - 2)
    others = [m for m in answers["modalities"] if m["kind"] != ModalityKind.ICE.value]
    iced = rng.random() < 0.5
    if iced:
        others.append({"kind": ModalityKind.ICE.value, "minutes": 20, "relief": 5})
    answers["modalities"] = others
    return iced


def _checks_in(
    persona: Persona, day: int, days_ago: int, must: frozenset[int], rng: random.Random
) -> bool:
    if day in must:
        return True
    if days_ago == 0 and not persona.checked_in_today:
        return False
    if days_ago >= DAILY_DAYS:
        # Three fixed days a week: enough for each week to count in the recovery trend.
        return day == 1 or day % 7 in _WEEKLY_DAYS
    return rng.random() >= (_MISS_EARLY if day <= _EARLY_DAYS else _MISS_LATER)


def _days_before(latest: datetime, days: int, rng: random.Random) -> datetime:
    """About the same time of day as `latest`, `days` local calendar days earlier."""
    minute = latest.hour * 60 + latest.minute + rng.randint(-_DRIFT, _DRIFT)
    minute = min(24 * 60 - 1, max(0, minute))
    on = latest.date() - timedelta(days=days)
    return datetime.combine(on, time(minute // 60, minute % 60), tzinfo=latest.tzinfo)
