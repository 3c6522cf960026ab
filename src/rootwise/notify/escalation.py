"""Escalation: an alert nobody acknowledged in time goes up the clinic's contact tiers.

Tier 0 is told when the alert is raised (`services.checkins`). An alert still `open` once
its `due_by` has passed goes to tier 1 (on call); still open a further interval after
that (`Settings.escalate_again_after`), to tier 2, the last. Each step is an
`alert_escalations` row written in the same transaction as its outbox messages, so a step
is either taken and announced or not taken at all. Acknowledged and resolved alerts are
never touched.

Several workers may run a pass at once. On PostgreSQL the overdue alerts are locked with
`FOR UPDATE SKIP LOCKED`, so each is escalated by one worker, which also waits out a
clinician acknowledging it at that moment; on SQLite write transactions are serialised.
The unique (alert_id, tier) key is the backstop for both: a duplicate step fails the
whole transaction rather than send anything twice.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from rootwise.settings import Settings
from rootwise.store import tables

log = logging.getLogger(__name__)

# Tier 1 is on call; tier 2 (e.g. the head of service) is the last one escalated to.
LAST_TIER = 2


@dataclass(frozen=True, slots=True)
class EscalationStep:
    """One step up the tiers: when, to which tier, and how many contacts were told."""

    alert_id: int
    tier: int
    escalated_at: datetime
    notified: int
    note: str | None


@dataclass(frozen=True, slots=True)
class _Overdue:
    """An open alert past its deadline, with the tier it reached so far (0: none yet)."""

    id: int
    clinic_id: int
    patient_id: int
    level: str
    due_by: datetime
    rules: list[str]
    tier: int
    last_escalated_at: datetime | None


def escalate_overdue(
    sessions: sessionmaker[Session], *, now: datetime, settings: Settings
) -> list[EscalationStep]:
    """Take every escalation step due at `now`, in one write transaction; the steps taken."""
    try:
        with sessions.begin() as session:
            due = [
                (alert, alert.tier + 1)
                for alert in _overdue(session, now)
                if _next_step_due(alert, now=now, settings=settings)
            ]
            if not due:
                return []
            return _escalate(session, due, now=now)
    except IntegrityError:
        # Another worker recorded one of these steps first (it should have been waiting
        # on the row lock; this is the backstop). Nothing of this pass was kept; the next
        # pass sees that worker's steps and takes only what is still due.
        log.warning("escalation pass lost a race with another worker; nothing was sent twice")
        return []


def _overdue(session: Session, now: datetime) -> list[_Overdue]:
    # Only open alerts past their deadline: few at any time, whatever the clinic's size,
    # and the (clinic_id, status, due_by) index finds them.
    locked = session.execute(
        select(
            tables.Alert.id,
            tables.Alert.clinic_id,
            tables.Alert.patient_id,
            tables.Alert.level,
            tables.Alert.due_by,
            tables.Assessment.result,
        )
        .join(tables.Assessment, tables.Assessment.id == tables.Alert.assessment_id)
        .where(tables.Alert.status == "open", tables.Alert.due_by < now)
        .order_by(tables.Alert.id)
        # An alert another worker is escalating, or a clinician acknowledging, right now
        # is left for the next pass rather than waited for. SQLite ignores the clause.
        .with_for_update(skip_locked=True, of=tables.Alert)
    ).all()
    if not locked:
        return []
    # Read after the lock is held, so a step another worker committed before it is seen.
    reached = {
        alert_id: (tier, at)
        for alert_id, tier, at in session.execute(
            select(
                tables.AlertEscalation.alert_id,
                func.max(tables.AlertEscalation.tier),
                func.max(tables.AlertEscalation.escalated_at),
            )
            .where(tables.AlertEscalation.alert_id.in_([row.id for row in locked]))
            .group_by(tables.AlertEscalation.alert_id)
        )
    }
    return [
        _Overdue(
            id=row.id,
            clinic_id=row.clinic_id,
            patient_id=row.patient_id,
            level=row.level,
            due_by=row.due_by,
            rules=[finding["rule"] for finding in row.result.get("findings", [])],
            tier=reached.get(row.id, (0, None))[0],
            last_escalated_at=reached.get(row.id, (0, None))[1],
        )
        for row in locked
    ]


def _next_step_due(alert: _Overdue, *, now: datetime, settings: Settings) -> bool:
    if alert.tier >= LAST_TIER:
        return False
    if alert.last_escalated_at is None:
        # `_overdue` only returns alerts past due_by: the first step is due.
        return True
    return now > alert.last_escalated_at + settings.escalate_again_after(alert.level)


def _escalate(
    session: Session, due: list[tuple[_Overdue, int]], *, now: datetime
) -> list[EscalationStep]:
    contacts = _contacts_by_clinic_and_tier(session, due)
    steps: list[EscalationStep] = []
    messages: list[dict[str, Any]] = []
    for alert, tier in due:
        told = contacts.get((alert.clinic_id, tier), [])
        note = None if told else f"no tier-{tier} contacts for this clinic: nobody was notified"
        steps.append(EscalationStep(alert.id, tier, now, len(told), note))
        messages += [_message(alert, tier, contact, now=now) for contact in told]
    session.execute(
        insert(tables.AlertEscalation),
        [
            {
                "alert_id": step.alert_id,
                "tier": step.tier,
                "escalated_at": step.escalated_at,
                "notified": step.notified,
                "note": step.note,
            }
            for step in steps
        ],
    )
    if messages:
        session.execute(insert(tables.OutboxMessage), messages)
    for step in steps:
        log.warning(
            "alert %s not acknowledged: escalated to tier %s (%s contacts)",
            step.alert_id,
            step.tier,
            step.notified,
        )
    return steps


def _contacts_by_clinic_and_tier(
    session: Session, due: list[tuple[_Overdue, int]]
) -> dict[tuple[int, int], list[tables.NotificationContact]]:
    found: dict[tuple[int, int], list[tables.NotificationContact]] = defaultdict(list)
    rows = session.scalars(
        select(tables.NotificationContact)
        .where(
            tables.NotificationContact.clinic_id.in_({alert.clinic_id for alert, _ in due}),
            tables.NotificationContact.tier.in_({tier for _, tier in due}),
        )
        .order_by(tables.NotificationContact.id)
    )
    for contact in rows:
        found[(contact.clinic_id, contact.tier)].append(contact)
    return found


def _message(
    alert: _Overdue, tier: int, contact: tables.NotificationContact, *, now: datetime
) -> dict[str, Any]:
    """An outbox row for one contact; like tier 0's, it carries ids and rule ids only."""
    level = alert.level.replace("_", " ")
    return {
        "clinic_id": alert.clinic_id,
        "alert_id": alert.id,
        "channel": contact.channel,
        "recipient": contact.address,
        "subject": f"Rootwise {level} alert {alert.id} NOT acknowledged: escalated to tier {tier}",
        "body": {
            "alert_id": alert.id,
            "patient_id": alert.patient_id,
            "level": alert.level,
            "due_by": alert.due_by.isoformat(),
            "rules": alert.rules,
            "escalation_tier": tier,
            "escalated_at": now.isoformat(),
        },
        "idempotency_key": f"alert-{alert.id}-contact-{contact.id}-tier-{tier}",
        "status": "pending",
        "attempts": 0,
        "next_attempt_at": now,
        "created_at": now,
    }


def escalation_history(sessions: sessionmaker[Session], alert_id: int) -> list[EscalationStep]:
    """Every escalation step of `alert_id`, lowest tier first (empty if none was needed)."""
    with sessions() as session:
        rows = session.scalars(
            select(tables.AlertEscalation)
            .where(tables.AlertEscalation.alert_id == alert_id)
            .order_by(tables.AlertEscalation.tier)
        )
        return [
            EscalationStep(
                alert_id=row.alert_id,
                tier=row.tier,
                escalated_at=row.escalated_at,
                notified=row.notified,
                note=row.note,
            )
            for row in rows
        ]
