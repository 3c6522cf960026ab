"""The assessment as JSON, exactly as `spec/api.md` describes it."""

from __future__ import annotations

from typing import Any

from rootwise import __version__
from rootwise.clinical.assess import Assessment
from rootwise.clinical.rule import Finding
from rootwise.clinical.sources import SOURCES


def assessment_json(a: Assessment) -> dict[str, Any]:
    """The wire form of an assessment: level, completeness, findings, advice, engine."""
    return {
        "level": a.level.value,
        "complete": a.complete,
        "findings": [finding_json(f) for f in a.findings],
        "advice": {"patient": a.patient_advice, "clinician": a.clinician_advice},
        "engine": {"name": "rootwise", "version": __version__, "rules_version": a.rules_version},
    }


def finding_json(f: Finding) -> dict[str, Any]:
    """One finding; `references` adds the full citation behind each source id."""
    return {
        "rule": f.rule,
        "level": f.level.value,
        "evidence": dict(f.evidence),
        "patient_advice": f.patient_advice,
        "clinician_note": f.clinician_note,
        "source": f.source,
        "references": [{"id": s, "citation": SOURCES[s]} for s in f.sources],
    }
