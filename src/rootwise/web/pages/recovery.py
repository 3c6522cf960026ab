"""What the home page says about recovery this week. A plain function of the operation
and the day, so it is tested without a server.

The wording follows the recovery timeline in `shared/clinical/README.md` section 3
[BASS2011] [SEED]: leg pain usually eases first (about 8 in 10 people have leg-pain relief
by 1-2 weeks after discectomy or decompression, about 9 in 10 by 6 weeks), fusion runs
about 2 weeks slower, and numbness and tingling take months, improving for up to a year.
"""

from __future__ import annotations

from rootwise.web.i18n import gettext as _

# Fusion recovery runs about two weeks behind discectomy and decompression.
_FUSION_DELAY_DAYS = 14


def typical_this_week(procedure: str, days_since_surgery: int) -> str:
    """A short, plain sentence or two on what most people notice at this point, in the
    language of the page being built (`rootwise.web.i18n`)."""
    if days_since_surgery < 0:
        return _("Your surgery is still to come. After it, check in here once a day.")
    fusion = procedure == "fusion"
    days = days_since_surgery - (_FUSION_DELAY_DAYS if fusion else 0)
    slower = " " + _("After fusion, this often takes about two weeks longer.") if fusion else ""
    if days < 14:
        return (
            _(
                "Leg pain is often the first thing to get better. About 8 in 10 people have "
                "less leg pain within two weeks. Some soreness near the cut is normal."
            )
            + slower
        )
    if days < 42:
        return (
            _(
                "Most people now have less leg pain than before surgery, and it often keeps "
                "easing up to about six weeks. Numbness and tingling take longer to go."
            )
            + slower
        )
    if days < 365:
        return _(
            "By now about 9 in 10 people have much less leg pain. Numbness and tingling "
            "can take months, and feeling can keep getting better for up to a year."
        )
    return _(
        "Feeling in the leg can still change slowly. Keep doing what helps, and tell your "
        "care team about anything new."
    )
