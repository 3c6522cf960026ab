"""Leg pain over days: rebound after improvement, and pain that stays severe."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import groupby

from rootwise.clinical.model import EarlierCheckIn, Level
from rootwise.clinical.rule import Fired, Situation, rule


@rule(
    "pain.leg_rebound",
    Level.SOON,
    sources=("REHERNIATION", "SPORT"),
    fires_when="leg pain at least {rebound_floor}/10 and at least {rebound_rise} points above "
    "a low of the previous {rebound_window_days} days that itself came at least "
    "{improvement_points} points below an earlier score (a clear improvement)",
    patient="Your leg pain has gone up again after it had got better. This is worth telling "
    "your care team about in the next 1 to 3 days. Keep walking gently as you can.",
    clinician="Leg pain rebound after a clear improvement: consider recurrent disc "
    "herniation (5-15 % over years, highest risk in the first months); examine, and image "
    "if a deficit or the pain persists.",
)
def leg_rebound(s: Situation) -> Fired | None:
    t = s.thresholds
    today = s.checkin.leg_pain
    if today is None or today < t.rebound_floor:
        return None
    window_start = s.checkin.recorded_at - timedelta(days=t.rebound_window_days)
    # Any recent low counts if it followed a clear improvement: the lowest score of the
    # window may predate the improvement (a nerve block on day 1) and must not hide it.
    # Check-ins at the same moment are one group: only a strictly earlier score may count
    # as the high, so the order in which history arrives cannot change the result.
    scored = [c for c in s.history if c.leg_pain is not None]
    high_so_far: int | None = None
    for moment, group in groupby(scored, key=lambda c: c.recorded_at):
        scores = [c.leg_pain for c in group if c.leg_pain is not None]
        low = min(scores)
        improved = high_so_far is not None and high_so_far - low >= t.improvement_points
        if improved and moment >= window_start and today - low >= t.rebound_rise:
            return Fired(
                {
                    "leg_pain": today,
                    "recent_low": low,
                    "recent_low_on": moment.date().isoformat(),
                    "earlier_high": high_so_far,
                }
            )
        high_so_far = max(*scores, high_so_far or 0)
    return None


@rule(
    "pain.leg_uncontrolled",
    Level.SOON,
    sources=("SEED",),
    fires_when="leg pain at least {uncontrolled_pain}/10 on {uncontrolled_days} or more "
    "consecutive calendar days, today included (the worst score of each day counts)",
    patient="Your leg pain has been very bad for several days. Tell your care team in the "
    "next 1 to 3 days so they can look at your pain plan. Do not take more medicine than "
    "you were told.",
    clinician="Leg pain at or above {uncontrolled_pain}/10 on {uncontrolled_days}+ "
    "consecutive days: uncontrolled pain; review analgesia and the pain plan, and look for a "
    "cause if it is not improving.",
)
def leg_uncontrolled(s: Situation) -> Fired | None:
    t = s.thresholds
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


def _worst_leg_pain_by_day(checkins: tuple[EarlierCheckIn, ...]) -> dict[date, int]:
    worst: dict[date, int] = {}
    for c in checkins:
        if c.leg_pain is not None:
            worst[c.local_date] = max(c.leg_pain, worst.get(c.local_date, c.leg_pain))
    return worst


RULES = (leg_rebound, leg_uncontrolled)
