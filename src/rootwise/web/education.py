"""The education library: short articles for patients, written for Rootwise.

Each article's text is a template, `templates/learn/articles/<slug>.html`, one
`{% trans %}` block per paragraph so that each is translated whole; its title, summary,
reading time and sources are listed here. Every source is an id of
`rootwise.clinical.sources.SOURCES`, shown with its full citation under the article.

To add an article: write its template (plain words, grade 8 or below: the tests measure
every paragraph), add an `Article` below, run `make i18n` and translate the new entries
in each `.po` file.
"""

from __future__ import annotations

from dataclasses import dataclass

from rootwise.clinical.sources import SOURCES
from rootwise.web.i18n import N_


@dataclass(frozen=True, slots=True)
class Article:
    slug: str
    title: str  # marked with N_: shown in the page's language
    summary: str  # one sentence for the list of articles, marked with N_
    minutes: int  # reading time, at about 150 words a minute, rounded up
    sources: tuple[str, ...]

    def __post_init__(self) -> None:
        unknown = [s for s in self.sources if s not in SOURCES]
        if unknown:
            raise ValueError(f"article {self.slug} cites unknown sources {unknown}")

    @property
    def template(self) -> str:
        return f"learn/articles/{self.slug}.html"

    def citations(self) -> list[tuple[str, str]]:
        return [(source, SOURCES[source]) for source in self.sources]


ARTICLES: tuple[Article, ...] = (
    Article(
        slug="why-nerve-pain-lingers",
        title=N_("Why leg nerve pain can last after surgery"),
        summary=N_("The nerve was squeezed for a long time. Here is why it heals slowly."),
        minutes=3,
        sources=("SEED", "BASS2011", "PEUL2007", "POSTACCHINI", "REHERNIATION", "PSPS"),
    ),
    Article(
        slug="medicines",
        title=N_("Medicines for nerve pain"),
        summary=N_("What each kind of medicine does, what the studies say, and what to watch for."),
        minutes=4,
        sources=(
            "SEED",
            "CG173",
            "NG59",
            "MATHIESON2017",
            "FDA2019",
            "LABEL",
            "NSAID-FUSION",
            "NSAID-GI",
            "CASHIN2021",
            "CDC2022",
        ),
    ),
    Article(
        slug="physical-therapy",
        title=N_("Physical therapy and nerve gliding"),
        summary=N_("Walking, exercises for the muscles that hold your spine, and nerve glides."),
        minutes=3,
        sources=("SEED", "NEURODYNAMICS"),
    ),
    Article(
        slug="heat-ice-tens",
        title=N_("Heat, ice and TENS"),
        summary=N_("When to use each one, and when not to."),
        minutes=3,
        sources=("SEED", "TENS", "NG59"),
    ),
    Article(
        slug="injections-and-procedures",
        title=N_("Injections, ablation and stimulation"),
        summary=N_("What these treatments are, and an honest look at how well they work."),
        minutes=4,
        sources=("SEED", "NASS-ESI", "ESI-META", "FDA2014", "RFA", "MINT", "PROCESS", "TA159"),
    ),
    Article(
        slug="recovery-timeline",
        title=N_("What recovery usually looks like"),
        summary=N_("How leg pain, numbness and weakness change in the weeks and months after."),
        minutes=3,
        sources=(
            "SEED",
            "BASS2011",
            "PEUL2007",
            "SWESPINE",
            "NORSPINE",
            "POSTACCHINI",
            "SPORT",
            "REHERNIATION",
            "PSPS",
        ),
    ),
    Article(
        slug="warning-signs",
        title=N_("Warning signs: when to get help"),
        summary=N_("Signs that need help now, today, or in the next few days."),
        minutes=4,
        sources=(
            "SEED",
            "GIRFT-CES",
            "AHN2000",
            "HEMATOMA",
            "SEA",
            "VTE",
            "FDA2019",
            "NHSN",
            "DUROTOMY",
            "NSAID-GI",
            "REHERNIATION",
            "TENS",
            "SAFETY",
        ),
    ),
)

BY_SLUG: dict[str, Article] = {article.slug: article for article in ARTICLES}
