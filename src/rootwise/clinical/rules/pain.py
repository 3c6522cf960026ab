"""Leg pain over days: rebound after improvement, and pain that stays severe."""

from __future__ import annotations

from datetime import date, timedelta

from rootwise.clinical.model import CheckIn, Level
from rootwise.clinical.rule import Fired, Situation, rule


@rule(
    "pain.leg_rebound",
    Level.SOON,
    sources=("REHERNIATION", "SPORT"),
    fires_when="leg pain at least {rebound_floor}/10 and at least {rebound_rise} points above "
    "the lowest leg pain of the previous {rebound_window_days} days, where that low followed "
    "an improvement of at least {improvement_points} points",
    patient="Your leg pain has gone up again after it had got better. This is worth telling "
    "your care team about in the next few days. Keep walking gently as you can.",
    clinician="Leg pain rebound after a clear improvement: consider recurrent disc "
    "herniation (5-15 % over years, highest risk in the first months); examine, and image "
    "if a deficit or the pain persists.",
)
def leg_rebound(s: Situation) -> Fired | None:
    t = s.thresholds
    today = s.checkin.leg_pain
    if today is None or today < t.rebound_floor:
        return None
    scored = [c for c in s.history if c.leg_pain is not None]
    window_start = s.checkin.recorded_at - timedelta(days=t.rebound_window_days)
    recent = [c for c in scored if c.recorded_at >= window_start]
    if not recent:
        return None
    # The latest of equal lows has the most earlier check-ins to show an improvement.
    low = min(recent, key=lambda c: (c.leg_pain, -c.recorded_at.timestamp()))
    low_score = _score(low)
    earlier_high = max((_score(c) for c in scored if c.recorded_at < low.recorded_at), default=None)
    improved = earlier_high is not None and earlier_high - low_score >= t.improvement_points
    if not improved or today - low_score < t.rebound_rise:
        return None
    return Fired(
        {
            "leg_pain": today,
            "recent_low": low_score,
            "recent_low_on": low.local_date.isoformat(),
            "earlier_high": earlier_high,
        }
    )


@rule(
    "pain.leg_uncontrolled",
    Level.SOON,
    sources=("SEED",),
    fires_when="leg pain at least {uncontrolled_pain}/10 on {uncontrolled_days} or more "
    "consecutive calendar days, today included (the worst score of each day counts)",
    patient="Your leg pain has been very bad for several days. Tell your care team in the "
    "next day or two so they can look at your pain plan. Do not take more medicine than "
    "you were told.",
    clinician="Leg pain at or above {uncontrolled_pain}/10 on {uncontrolled_days}+ "
    "consecutive days: uncontrolled pain; review analgesia and the pain plan, and look for a "
    "cause if it is not improving.",
)
def leg_uncontrolled(s: Situation) -> Fired | None:
    t = s.thresholds
    today = s.checkin.leg_pain
    if today is None or today < t.uncontrolled_pain:
        return None
    worst = _worst_leg_pain_by_day((*s.history, s.checkin))
    day = s.checkin.local_date
    run: list[int] = []
    while worst.get(day, -1) >= t.uncontrolled_pain:
        run.append(worst[day])
        day -= timedelta(days=1)
    if len(run) < t.uncontrolled_days:
        return None
    return Fired(
        {
            "days": len(run),
            "since": (day + timedelta(days=1)).isoformat(),
            "leg_pain_by_day": list(reversed(run)),
        }
    )


def _score(c: CheckIn) -> int:
    assert c.leg_pain is not None  # callers filter unscored check-ins out first
    return c.leg_pain


def _worst_leg_pain_by_day(checkins: tuple[CheckIn, ...]) -> dict[date, int]:
    worst: dict[date, int] = {}
    for c in checkins:
        if c.leg_pain is not None:
            worst[c.local_date] = max(c.leg_pain, worst.get(c.local_date, c.leg_pain))
    return worst


RULES = (leg_rebound, leg_uncontrolled)
