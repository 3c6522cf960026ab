"""The rule book for clinicians, generated from the rule registry so it cannot drift."""

from __future__ import annotations

import hashlib
from functools import lru_cache

from rootwise.clinical.model import Level
from rootwise.clinical.rule import Rule
from rootwise.clinical.rules import RULES
from rootwise.clinical.sources import SOURCES
from rootwise.clinical.thresholds import Thresholds

_LEVEL_TITLES = {
    Level.EMERGENCY: "Emergency: call emergency services now",
    Level.SAME_DAY: "Same day: call the surgical team today",
    Level.SOON: "Soon: tell the care team in the next 1-3 days",
    Level.ROUTINE: "Routine: keep going",
}


@lru_cache(maxsize=8)
def rules_version(thresholds: Thresholds) -> str:
    """A short fingerprint of every rule's wording, level, sources and thresholds."""
    digest = hashlib.sha256(render_rulebook(thresholds).encode()).hexdigest()
    return digest[:12]


def render_rulebook(thresholds: Thresholds) -> str:
    """Markdown listing every rule with its level, trigger, wording and sources."""
    lines = [
        "# Rootwise rule book",
        "",
        "Generated from the code by `rootwise rules`. The highest finding sets the level; "
        "an unanswered or unsure red-flag answer never gives `routine`.",
        "",
        "| rule | level | fires when | sources |",
        "| --- | --- | --- | --- |",
    ]
    ordered = sorted(RULES.values(), key=lambda r: -r.level.rank)
    lines += [
        f"| `{r.id}` | {r.level.value} | {r.trigger(thresholds)} | {', '.join(r.sources)} |"
        for r in ordered
    ]
    for level in sorted(_LEVEL_TITLES, key=lambda lv: -lv.rank):
        rules = [r for r in ordered if r.level is level]
        if rules:
            lines += ["", f"## {_LEVEL_TITLES[level]}"]
            for r in rules:
                lines += _rule_section(r, thresholds)
    cited = sorted({s for r in RULES.values() for s in r.sources})
    lines += ["", "## Sources", ""]
    lines += [f"- [{s}] {SOURCES[s]}" for s in cited]
    return "\n".join(lines) + "\n"


def _rule_section(r: Rule, thresholds: Thresholds) -> list[str]:
    return [
        "",
        f"### `{r.id}` ({r.level.value})",
        "",
        f"- Fires when: {r.trigger(thresholds)}",
        f"- The patient reads: {r.patient_text(thresholds)}",
        f"- The clinician reads: {r.clinician_text(thresholds)}",
        f"- Sources: {', '.join(f'[{s}]' for s in r.sources)}",
    ]
