"""A very small SVG builder that can only produce safe markup.

Every text and attribute value goes through markupsafe's escaping; only the builder's own
output (`Markup`) is trusted as a child. The tags are a fixed list of plain drawing
elements, so no script, link, image or `foreignObject` can get in; `style` and event
attributes are refused because the pages are sent under a CSP without inline styles or
scripts, and `href` because a chart must not load anything.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape

Attribute = str | int | float | None

_TAGS = frozenset(
    {"svg", "g", "title", "desc", "path", "line", "polygon", "circle", "rect", "text", "tspan"}
)
# Letters, digits and hyphens, as in stroke-dasharray or aria-labelledby (and viewBox).
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9-]*\Z")
_FORBIDDEN = re.compile(r"style\Z|on|href\Z|xlink", re.IGNORECASE)


def el(tag: str, *children: Markup | str, **attributes: Attribute) -> Markup:
    """`<tag attributes>children</tag>`, escaped. Keyword names lose a trailing `_` and turn
    `_` into `-` (`class_` -> `class`, `stroke_width` -> `stroke-width`); None leaves the
    attribute out; numbers are written with at most one decimal."""
    if tag not in _TAGS:
        raise ValueError(f"SVG element <{tag}> is not allowed in a chart")
    parts = [tag]
    for key, value in attributes.items():
        if value is None:
            continue
        name = key.rstrip("_").replace("_", "-")
        if not _NAME.match(name) or _FORBIDDEN.match(name):
            raise ValueError(f"SVG attribute {name!r} is not allowed in a chart")
        text = value if isinstance(value, str) else num(value)
        parts.append(f'{name}="{escape(text)}"')
    opening = " ".join(parts)
    if not children:
        return Markup(f"<{opening}/>")
    inner = "".join(escape(child) for child in children)
    return Markup(f"<{opening}>{inner}</{tag}>")


def num(value: float) -> str:
    """A coordinate or value as short text: one decimal at most, no trailing `.0`, no `-0`.
    A tenth of a unit is far below a pixel at any size a chart is shown."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def points(coordinates: list[tuple[float, float]]) -> str:
    """Path data through the coordinates: `M x y L x y ...` (absolute moves and lines only,
    so anyone reading the SVG, tests included, can follow it)."""
    return " ".join(
        f"{'M' if i == 0 else 'L'}{num(x)} {num(y)}" for i, (x, y) in enumerate(coordinates)
    )
