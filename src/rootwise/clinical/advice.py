"""What each triage level tells the patient to do now, and the care team to do next."""

from __future__ import annotations

from datetime import date

from rootwise.clinical.model import Level


def patient_headline(level: Level, *, emergency_number: str, surgery_date: date) -> str:
    """The first thing the patient reads: exactly what to do now, in plain words."""
    if level is Level.EMERGENCY:
        return (
            f"Call {emergency_number} now, or have someone take you to the nearest emergency "
            "department. Do not drive yourself. Tell them you had back surgery on "
            f"{surgery_date:%B} {surgery_date.day}, {surgery_date.year}."
        )
    if level is Level.SAME_DAY:
        return (
            "Call your surgical team today. If their office is closed, call their on-call "
            f"number. If you get worse before you reach them, call {emergency_number}."
        )
    if level is Level.SOON:
        return (
            "Tell your care team about this in the next 1 to 3 days. Keep checking in each "
            "day, and call them sooner if it gets worse."
        )
    return (
        "Nothing in today's answers needs action. Keep going with your plan, and check in "
        "again tomorrow."
    )


def clinician_headline(level: Level) -> str:
    """What the care team is expected to do at this level."""
    if level is Level.EMERGENCY:
        return (
            "Emergency: contact the patient now and confirm they are on their way to "
            "emergency care."
        )
    if level is Level.SAME_DAY:
        return "Same day: call the patient today and arrange examination if needed."
    if level is Level.SOON:
        return "Soon: review within 3 working days."
    return "Routine: no action needed."
