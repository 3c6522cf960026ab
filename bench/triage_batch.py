"""Batch triage throughput, as a ratio to a plain JSON load and dump of the same requests.

Both sides read the same JSON lines in the same process and run interleaved, best of
several rounds, so a noisy shared machine moves them together.

    .venv/bin/python bench/triage_batch.py [--requests 5000] [--history-days 30]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from rootwise.clinical.assess import assess
from rootwise.contract.assessment import assessment_json
from rootwise.contract.request import parse_request

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
PROCEDURES = ["discectomy", "laminectomy", "laminotomy", "foraminotomy", "fusion"]
MEDICINES = [
    ("gabapentin", "gabapentinoid", 300, 3),
    ("ibuprofen", "nsaid", 400, 3),
    ("oxycodone", "opioid", 5, 4),
    ("acetaminophen", "acetaminophen", 1000, 3),
    ("cyclobenzaprine", "muscle_relaxant", 10, 2),
]


def _checkin(rng: random.Random, at: datetime, leg_pain: int) -> dict[str, Any]:
    """A fully answered check-in; about one in twenty carries some warning sign."""
    worrying = rng.random() < 0.05
    return {
        "recorded_at": at.isoformat(),
        "leg_pain": leg_pain,
        "back_pain": max(0, min(10, leg_pain + rng.randint(-2, 1))),
        "leg_pain_side": rng.choice(["left", "right", "both"]),
        "pain_qualities": rng.sample(["burning", "shooting", "tingling", "aching"], 2),
        "numbness": rng.choice(["none", "unchanged", "better"]),
        "weakness": "worse" if worrying else "none",
        "weakness_onset": "gradual" if worrying else None,
        "bladder": "normal",
        "bowel": "normal",
        "saddle_numbness": "no",
        "temperature": {"value": round(rng.uniform(36.2, 37.6), 1), "unit": "C"},
        "chills": False,
        "wound": ["warmth"] if worrying else [],
        "calf_pain_or_swelling": False,
        "chest_pain_or_breathless": False,
        "headache_when_upright": False,
        "walking_minutes": rng.randint(5, 60),
        "sleep_quality": rng.randint(3, 9),
        "medications": [
            {"name": n, "class": c, "dose_mg": d, "doses_per_day": k}
            for n, c, d, k in rng.sample(MEDICINES, 2)
        ],
        "side_effects": rng.sample(["constipation", "nausea", "drowsiness"], 1),
        "modalities": [{"kind": "ice", "minutes": 20, "relief": rng.randint(0, 6)}],
        "exercises": [{"kind": "walking", "minutes": rng.randint(5, 40)}],
    }


def make_requests(count: int, history_days: int, seed: int = 7) -> list[bytes]:
    """`count` requests as JSON lines, each with `history_days` daily earlier check-ins."""
    rng = random.Random(seed)
    lines = []
    for _ in range(count):
        surgery = date(2026, 8, 1) + timedelta(days=rng.randint(0, 60))
        start = datetime(surgery.year, surgery.month, surgery.day, 8, tzinfo=UTC)
        pain = rng.randint(5, 9)
        days = [
            _checkin(rng, start + timedelta(days=d + 1), max(0, min(10, pain - d // 5)))
            for d in range(history_days + 1)
        ]
        request = {
            "patient": {
                "surgery": {"procedure": rng.choice(PROCEDURES), "date": surgery.isoformat()},
                "conditions": rng.sample(["diabetes", "smoker", "sleep_apnea"], 1),
            },
            "checkin": days[-1],
            "history": days[:-1],
        }
        lines.append(json.dumps(request).encode())
    return lines


def plain_json(lines: list[bytes]) -> None:
    for line in lines:
        json.dumps(json.loads(line))


def triage(lines: list[bytes]) -> None:
    for line in lines:
        json.dumps(assessment_json(assess(parse_request(line, now=NOW))))


def best_of(rounds: int, work: Callable[[list[bytes]], None], lines: list[bytes]) -> float:
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        work(lines)
        timings.append(time.perf_counter() - started)
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=5000)
    parser.add_argument("--history-days", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    lines = make_requests(args.requests, args.history_days)
    megabytes = sum(len(line) for line in lines) / 1e6
    ceiling = triaged = float("inf")
    for _ in range(args.rounds):  # interleave so background load hits both alike
        ceiling = min(ceiling, best_of(1, plain_json, lines))
        triaged = min(triaged, best_of(1, triage, lines))
    print(f"# triage batch on {platform.python_implementation()} {platform.python_version()}")
    print(f"requests: {args.requests} x {args.history_days} days of history, {megabytes:.1f} MB")
    print(f"plain JSON load+dump : {args.requests / ceiling:10.0f} requests/s  (ceiling)")
    print(f"parse+assess+dump    : {args.requests / triaged:10.0f} requests/s")
    print(f"ratio to ceiling     : {ceiling / triaged:10.2f}  (target >= 0.30)")


if __name__ == "__main__":
    main()
