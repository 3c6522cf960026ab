"""Charts: inline SVG a phone can show and a screen reader can read, with the same numbers
in a table. No database: the charts take plain values."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import jinja2
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

import rootwise.web
from rootwise.web import i18n
from rootwise.web.charts import (
    BandKnot,
    Chart,
    PainPoint,
    ScorePoint,
    pain_chart,
    score_chart,
)
from rootwise.web.charts.layout import PLOT, WIDTH
from rootwise.web.charts.svg import el
from rootwise.web.charts.words import day_span
from rootwise.web.pages.rendering import page_templates

SVG = "{http://www.w3.org/2000/svg}"
WEB = Path(rootwise.web.__file__).parent
SURGERY = date(2026, 1, 5)
# Discectomy-like: about half by week 2, typical 2 by week 6 (shared/clinical section 3).
BAND = (
    BandKnot(week=0, low=4, median=6.5, high=9),
    BandKnot(week=2, low=2, median=3.5, high=6),
    BandKnot(week=6, low=0.5, median=2, high=5),
    BandKnot(week=13, low=0, median=1.5, high=4),
    BandKnot(week=52, low=0, median=1, high=3),
)
SCHEDULE = (
    ScorePoint(SURGERY - timedelta(days=3), "Before surgery", 46),
    ScorePoint(SURGERY + timedelta(days=14), "2 weeks", 38),
    ScorePoint(SURGERY + timedelta(days=42), "6 weeks", 30),
    ScorePoint(SURGERY + timedelta(days=91), "3 months", 22),
)


def day(n: int) -> date:
    return SURGERY + timedelta(days=n)


def chart_of(
    points: list[PainPoint], *, today: int = 40, weeks_shown: int | None = None, title: str = "Pain"
) -> Chart:
    return pain_chart(
        points,
        BAND,
        surgery_date=SURGERY,
        today=day(today),
        title=title,
        weeks_shown=weeks_shown,
    )


def odi(
    points: tuple[ScorePoint, ...] = SCHEDULE,
    *,
    baseline: float | None = 46,
    mcid_points: float | None = 10,
    lower_is_better: bool = True,
) -> Chart:
    """An Oswestry Disability Index chart: 0-100, lower is better, MCID 10 points."""
    return score_chart(
        points,
        title="Oswestry Disability Index",
        y_max=100,
        y_label="ODI (0-100)",
        baseline=baseline,
        mcid_points=mcid_points,
        lower_is_better=lower_is_better,
    )


def parse(chart: Chart) -> ET.Element:
    return ET.fromstring(str(chart.svg))


def texts(root: ET.Element) -> list[str]:
    """Each <text>, its lines (tspans) joined by spaces."""
    return [" ".join(s for s in t.itertext() if s.strip()) for t in root.iter(f"{SVG}text")]


def group(root: ET.Element, name: str) -> ET.Element:
    found = [g for g in root.iter(f"{SVG}g") if name in g.get("class", "").split()]
    assert len(found) == 1, f"expected one <g class={name}>, found {len(found)}"
    return found[0]


def vertices(path: ET.Element) -> list[tuple[float, float]]:
    d = path.get("d", "")
    assert re.fullmatch(r"(?:[ML]-?[\d.]+ -?[\d.]+ ?)+", d), d
    return [(float(a), float(b)) for a, b in re.findall(r"[ML](-?[\d.]+) (-?[\d.]+)", d)]


def markers(series: ET.Element) -> list[tuple[float, float]]:
    """Centres of a series' circles and squares."""
    circles = [
        (float(c.get("cx", "")), float(c.get("cy", ""))) for c in series.iter(f"{SVG}circle")
    ]
    squares = [
        (
            float(r.get("x", "")) + float(r.get("width", "")) / 2,
            float(r.get("y", "")) + float(r.get("height", "")) / 2,
        )
        for r in series.iter(f"{SVG}rect")
    ]
    return circles + squares


def x_at(week: float, end: float) -> float:
    return PLOT.left + week / end * (PLOT.right - PLOT.left)


def y_at(value: float, top: float = 10) -> float:
    return PLOT.bottom - value / top * (PLOT.bottom - PLOT.top)


def days_after_surgery(short_day: str) -> int:
    return (datetime.strptime(short_day, "%b %d, %Y").date() - SURGERY).days


def contrast_with_white(colour: str) -> float:
    def channel(hex_pair: str) -> float:
        c = int(hex_pair, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 1.05 / (luminance + 0.05)


TWO_WEEKS = [PainPoint(day(n), 8 - n // 3, 5 - n // 5) for n in range(14)]


# --- What every chart is ---------------------------------------------------------------


@pytest.mark.parametrize("chart", [chart_of(TWO_WEEKS), odi()], ids=["pain", "score"])
def test_a_chart_is_an_image_named_by_its_title_and_description(chart: Chart) -> None:
    root = parse(chart)
    assert root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert title is not None
    assert desc is not None
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert title.text == chart.title
    assert chart.caption in (desc.text or "")


@pytest.mark.parametrize("chart", [chart_of(TWO_WEEKS), odi()], ids=["pain", "score"])
def test_a_chart_scales_to_its_column(chart: Chart) -> None:
    root = parse(chart)
    assert root.get("width") == "100%"
    assert root.get("height") is None
    assert root.get("viewBox", "").startswith(f"0 0 {WIDTH} ")


@pytest.mark.parametrize("chart", [chart_of(TWO_WEEKS), odi()], ids=["pain", "score"])
def test_text_is_at_least_12px_on_a_360px_phone(chart: Chart) -> None:
    root = parse(chart)
    sizes = [float(e.get("font-size", "")) for e in root.iter() if e.get("font-size")]
    assert sizes
    assert min(sizes) * 360 / WIDTH >= 12


@pytest.mark.parametrize("chart", [chart_of(TWO_WEEKS), odi()], ids=["pain", "score"])
def test_a_chart_has_no_style_script_or_external_reference(chart: Chart) -> None:
    """Pages are sent with a CSP that allows no inline style or script and no other site."""
    root = parse(chart)
    tags = {e.tag.removeprefix(SVG) for e in root.iter()}
    drawing = {"svg", "g", "title", "desc", "path", "line", "polygon", "circle", "rect", "text"}
    assert tags <= drawing | {"tspan"}
    for element in root.iter():
        for name, value in element.attrib.items():
            assert name != "style"
            assert not name.startswith("on")
            assert "href" not in name
            assert "url(" not in value


@pytest.mark.parametrize("chart", [chart_of(TWO_WEEKS), odi()], ids=["pain", "score"])
def test_lines_and_markers_have_3_to_1_contrast_with_white(chart: Chart) -> None:
    root = parse(chart)
    grid = set(group(root, "chart__grid").iter())
    colours = {
        element.get(attribute, "")
        for element in root.iter()
        if element not in grid
        for attribute in ("stroke", "fill")
    } - {"", "none", "#fff"}
    band_fill = {p.get("fill") for p in root.iter(f"{SVG}polygon")}
    # The band's fill is a background whose edges are drawn in a strong colour.
    for colour in colours - band_fill:
        assert contrast_with_white(colour) >= 3, colour


def test_titles_and_labels_are_text_never_markup() -> None:
    title = 'Leg pain <script>alert("x")</script> & "back" pain'
    chart = chart_of(TWO_WEEKS, title=title)
    assert "<script>" not in chart.svg
    assert parse(chart).findtext(f"{SVG}title") == title
    label = "<b>2 weeks</b> & after"
    scores = odi((ScorePoint(day(14), label, 30),))
    assert "<b>" not in scores.svg
    assert label in " ".join(texts(parse(scores)))


def test_different_charts_have_different_ids_and_the_same_chart_the_same() -> None:
    assert chart_of(TWO_WEEKS).id == chart_of(TWO_WEEKS).id
    assert chart_of(TWO_WEEKS).id != chart_of(TWO_WEEKS[:5]).id
    chosen = pain_chart([], BAND, surgery_date=SURGERY, today=day(1), title="t", chart_id="leg")
    assert parse(chosen).get("aria-labelledby") == "leg-title leg-desc"


def test_a_chart_id_that_is_not_a_plain_name_is_refused() -> None:
    with pytest.raises(ValueError, match="chart id"):
        pain_chart([], BAND, surgery_date=SURGERY, today=day(1), title="t", chart_id='a" x="')


@pytest.mark.parametrize(
    ("tag", "attributes"),
    [
        ("script", {}),
        ("image", {}),
        ("rect", {"style": "fill:red"}),
        ("rect", {"onclick": "x"}),
        ("rect", {"href": "https://example.org"}),
        ("text", {"bad name": "x"}),
    ],
)
def test_the_svg_builder_refuses_anything_but_plain_drawing(
    tag: str, attributes: dict[str, str]
) -> None:
    with pytest.raises(ValueError, match="not allowed"):
        el(tag, **attributes)


def test_the_svg_builder_escapes_text_and_values_but_not_its_own_output() -> None:
    inner = el("tspan", "a < b")
    assert el("text", inner, "&", x='1" y="2') == Markup(
        '<text x="1&#34; y=&#34;2"><tspan>a &lt; b</tspan>&amp;</text>'
    )


# --- The pain chart --------------------------------------------------------------------


def test_the_axes_are_weeks_after_surgery_and_pain_from_0_to_10() -> None:
    root = parse(chart_of(TWO_WEEKS))
    axes = texts(group(root, "chart__axes"))
    assert "Weeks after surgery" in axes
    assert "Pain (0-10)" in axes
    y_ticks, x_ticks = "0 2 4 6 8 10", "0 1 2 3 4 5 6"
    assert " ".join(t for t in axes if t.isdigit()) == f"{y_ticks} {x_ticks}"


@pytest.mark.parametrize(
    ("today", "ticks"),
    [
        (10, "0 1 2 3 4 5 6"),
        (60, "0 2 4 6 8 10"),
        (80, "0 2 4 6 8 10 12"),
        (120, "0 4 8 12 16 20"),
        (250, "0 8 16 24 32 40"),
        (365, "0 13 26 39 52"),
    ],
)
def test_week_ticks_stay_few_enough_for_a_phone(today: int, ticks: str) -> None:
    root = parse(chart_of([], today=today))
    axes = texts(group(root, "chart__axes"))
    assert " ".join(axes[6:-2]) == ticks


def test_the_usual_range_is_a_shaded_band_with_a_dashed_median() -> None:
    band = group(parse(chart_of(TWO_WEEKS)), "chart__band")
    polygon = band.find(f"{SVG}polygon")
    assert polygon is not None
    pairs = (p.split(",") for p in polygon.get("points", "").split())
    outline = [(float(a), float(b)) for a, b in pairs]
    # Along the top from week 0 to week 6 (the axis), back along the bottom.
    assert outline[0] == pytest.approx((PLOT.left, y_at(9)), abs=0.06)
    assert outline[-1] == pytest.approx((PLOT.left, y_at(4)), abs=0.06)
    median = band.find(f"{SVG}path")
    assert median is not None
    assert median.get("stroke-dasharray")
    assert vertices(median)[0] == pytest.approx((PLOT.left, y_at(6.5)), abs=0.06)


def test_leg_and_back_pain_are_lines_that_differ_by_more_than_colour() -> None:
    root = parse(chart_of(TWO_WEEKS))
    leg, back = group(root, "chart__series--leg"), group(root, "chart__series--back")
    leg_line, back_line = leg.find(f"{SVG}path"), back.find(f"{SVG}path")
    assert leg_line is not None
    assert back_line is not None
    assert leg_line.get("stroke") != back_line.get("stroke")
    assert leg_line.get("stroke-dasharray") is None
    assert back_line.get("stroke-dasharray")
    assert len(list(leg.iter(f"{SVG}circle"))) == 14
    assert len(list(back.iter(f"{SVG}rect"))) == 14


def test_the_legend_names_every_line() -> None:
    legend = texts(group(parse(chart_of(TWO_WEEKS)), "chart__legend"))
    assert legend == ["Leg pain", "Back pain", "Usual range of leg pain", "Typical leg pain"]


def test_today_is_marked_where_it_falls() -> None:
    today = group(parse(chart_of(TWO_WEEKS, today=21)), "chart__today")
    assert texts(today) == ["Today"]
    line = today.find(f"{SVG}line")
    assert line is not None
    assert float(line.get("x1", "")) == pytest.approx(x_at(3, 6), abs=0.06)


def test_the_line_joins_up_to_two_missing_days_and_breaks_over_more() -> None:
    joined = [PainPoint(day(n), 5, None) for n in (0, 1, 4)]  # days 2 and 3 missing
    broken = [PainPoint(day(n), 5, None) for n in (0, 1, 5)]  # days 2, 3 and 4 missing
    leg = group(parse(chart_of(joined)), "chart__series--leg")
    assert [len(vertices(p)) for p in leg.iter(f"{SVG}path")] == [3]
    leg = group(parse(chart_of(broken)), "chart__series--leg")
    assert [len(vertices(p)) for p in leg.iter(f"{SVG}path")] == [2]
    assert len(markers(leg)) == 3  # the lone day 5 still shows


def test_the_table_has_one_row_per_day_with_the_numbers_drawn() -> None:
    chart = chart_of(TWO_WEEKS)
    assert chart.table.headers == (
        "Date",
        "Weeks after surgery",
        "Leg pain",
        "Back pain",
        "Usual range of leg pain",
    )
    assert len(chart.table.rows) == 14
    root = parse(chart)
    leg = markers(group(root, "chart__series--leg"))
    back = markers(group(root, "chart__series--back"))
    for row, leg_at, back_at in zip(chart.table.rows, leg, back, strict=True):
        x = x_at(days_after_surgery(row[0]) / 7, 6)
        assert leg_at == pytest.approx((x, y_at(float(row[2]))), abs=0.06)
        assert back_at == pytest.approx((x, y_at(float(row[3]))), abs=0.06)
    assert chart.table.rows[0] == ("Jan 5, 2026", "0", "8", "5", "4 to 9")
    assert chart.table.rows[7] == ("Jan 12, 2026", "1", "6", "4", "3 to 7.5")


def test_several_check_ins_on_a_day_count_as_its_worst() -> None:
    chart = chart_of(
        [PainPoint(day(3), 3, None), PainPoint(day(3), 6, 2), PainPoint(day(3), None, 1)]
    )
    assert [row[2:4] for row in chart.table.rows] == [("6", "2")]


def test_the_caption_gives_the_latest_pain_against_the_usual_range() -> None:
    chart = chart_of(TWO_WEEKS)
    assert chart.caption == (
        "Latest leg pain: 4 out of 10 on Jan 18, 2026, 13 days after surgery. "
        "The usual range then is 2.1 to 6.2. Latest back pain: 3 out of 10 on Jan 18, 2026."
    )


def test_no_check_ins_yet_shows_the_band_alone_and_says_so() -> None:
    chart = chart_of([], today=2)
    root = parse(chart)
    assert chart.caption.startswith("No check-ins yet.")
    assert group(root, "chart__band").find(f"{SVG}polygon") is not None
    for name in ("chart__series--leg", "chart__series--back"):
        assert list(group(root, name)) == []
    assert chart.table.rows == ()


def test_a_single_check_in_is_a_marker_without_a_line() -> None:
    root = parse(chart_of([PainPoint(day(2), 7, 4)], today=2))
    leg = group(root, "chart__series--leg")
    assert leg.find(f"{SVG}path") is None
    assert markers(leg) == [pytest.approx((x_at(2 / 7, 6), y_at(7)), abs=0.06)]


def test_unanswered_pain_is_not_drawn_and_is_listed_as_not_answered() -> None:
    chart = chart_of([PainPoint(day(n), None, None) for n in range(3)])
    root = parse(chart)
    assert list(group(root, "chart__series--leg")) == []
    assert chart.caption == "No leg or back pain scores yet."
    assert [row[2:4] for row in chart.table.rows] == [("not answered", "not answered")] * 3


def test_check_ins_before_surgery_are_left_out_and_the_caption_says_so() -> None:
    chart = chart_of([PainPoint(day(-2), 9, 9), PainPoint(day(1), 6, 3)])
    assert [row[0] for row in chart.table.rows] == ["Jan 6, 2026"]
    assert chart.caption.endswith("Check-ins before the day of surgery are not shown.")


def test_weeks_shown_sets_the_axis_and_leaves_later_check_ins_out() -> None:
    chart = chart_of(TWO_WEEKS, weeks_shown=1, today=7)
    assert len(chart.table.rows) == 8
    axes = texts(group(parse(chart), "chart__axes"))
    assert [t for t in axes if t.isdigit()][-2:] == ["0", "1"]


def test_a_year_of_daily_check_ins_is_drawn_as_weekly_averages_and_stays_small() -> None:
    year = [PainPoint(day(n), (n // 7) % 11, n % 11) for n in range(365)]
    chart = chart_of(year, today=365)
    assert len(str(chart.svg).encode()) < 60_000
    assert len(chart.table.rows) == 53
    assert chart.table.headers[:3] == ("Dates", "Weeks after surgery", "Leg pain (weekly average)")
    assert chart.table.rows[1][:4] == ("Jan 12 to 18, 2026", "1.4", "1", "5.3")
    assert "each week's average" in chart.caption
    assert "Leg pain, weekly average" in texts(group(parse(chart), "chart__legend"))


@pytest.mark.parametrize(
    ("first", "last", "words"),
    [
        (date(2026, 1, 12), date(2026, 1, 12), "Jan 12, 2026"),
        (date(2026, 1, 12), date(2026, 1, 18), "Jan 12 to 18, 2026"),
        (date(2026, 1, 26), date(2026, 2, 1), "Jan 26 to Feb 1, 2026"),
        (date(2026, 12, 28), date(2027, 1, 3), "Dec 28, 2026 to Jan 3, 2027"),
    ],
)
def test_a_week_of_dates_is_written_short_enough_for_a_phone(
    first: date, last: date, words: str
) -> None:
    assert day_span(first, last) == words


@pytest.mark.parametrize("points", [[PainPoint(day(1), 11, None)], [PainPoint(day(1), 0, -1)]])
def test_pain_outside_0_to_10_is_refused(points: list[PainPoint]) -> None:
    with pytest.raises(ValueError, match="must be 0-10"):
        chart_of(points)


def test_a_band_out_of_order_is_refused() -> None:
    with pytest.raises(ValueError, match="low <= median <= high"):
        pain_chart([], [BandKnot(0, 5, 4, 6)], surgery_date=SURGERY, today=day(1), title="t")


pain_points = st.builds(
    PainPoint,
    day=st.integers(-10, 400).map(day),
    leg=st.none() | st.integers(0, 10),
    back=st.none() | st.integers(0, 10),
)


@settings(max_examples=60, deadline=None)
@given(
    points=st.lists(pain_points, max_size=80),
    today=st.integers(-5, 420),
    weeks_shown=st.none() | st.integers(1, 60),
)
def test_any_pain_series_is_well_formed_svg_with_every_point_in_the_plot(
    points: list[PainPoint], today: int, weeks_shown: int | None
) -> None:
    chart = chart_of(points, today=today, weeks_shown=weeks_shown)
    root = parse(chart)
    for name in ("chart__series--leg", "chart__series--back"):
        series = group(root, name)
        drawn = markers(series) + [v for p in series.iter(f"{SVG}path") for v in vertices(p)]
        for x, y in drawn:
            assert PLOT.contains(x, y), (x, y)
    weeks = [float(row[1]) for row in chart.table.rows]
    assert weeks == sorted(weeks)
    assert all(0 <= week <= (math.inf if weeks_shown is None else weeks_shown) for week in weeks)
    assert len(str(chart.svg).encode()) < 60_000


# --- The score chart -------------------------------------------------------------------


def test_the_important_improvement_line_sits_at_baseline_minus_mcid() -> None:
    root = parse(odi())
    target = [p for p in root.iter(f"{SVG}path") if p.get("class") == "chart__target"]
    assert len(target) == 1
    line = vertices(target[0])
    assert line == [(PLOT.left, pytest.approx(y_at(36, 100), abs=0.06)), (PLOT.right, line[0][1])]
    assert "Important improvement: 10 points below the first score" in texts(
        group(root, "chart__legend")
    )


def test_when_higher_is_better_the_line_sits_above_the_baseline() -> None:
    chart = odi((ScorePoint(day(14), "2 weeks", 60),), baseline=50, lower_is_better=False)
    root = parse(chart)
    target = next(p for p in root.iter(f"{SVG}path") if p.get("class") == "chart__target")
    assert vertices(target)[0][1] == pytest.approx(y_at(60, 100), abs=0.06)
    assert "10 points above the first score" in " ".join(texts(group(root, "chart__legend")))
    assert chart.table.rows[0][3:] == ("10 higher", "Yes")


def test_each_score_is_drawn_and_labelled_with_its_value() -> None:
    root = parse(odi())
    series = group(root, "chart__series--score")
    labels = [t for t in series.iter(f"{SVG}text") if t.get("class") == "chart__value"]
    assert [t.text for t in labels] == ["46", "38", "30", "22"]
    assert [y for _, y in markers(series)] == [
        pytest.approx(y_at(v, 100), abs=0.06) for v in (46, 38, 30, 22)
    ]


def test_the_axes_carry_the_questionnaire_and_the_timepoints() -> None:
    axes = texts(group(parse(odi()), "chart__axes"))
    assert "ODI (0-100)" in axes
    assert [t for t in axes if t.isdigit()] == ["0", "20", "40", "60", "80", "100"]
    for label in ("Before surgery", "2 weeks", "6 weeks", "3 months"):
        assert label in " ".join(axes)


def test_the_score_table_gives_the_change_and_whether_it_was_important() -> None:
    chart = odi()
    assert chart.table.headers == (
        "Timepoint",
        "Date",
        "Score",
        "Change from first score",
        "Important improvement reached?",
    )
    assert chart.table.rows == (
        ("Before surgery", "Jan 2, 2026", "46", "no change", "No"),
        ("2 weeks", "Jan 19, 2026", "38", "8 lower", "No"),
        ("6 weeks", "Feb 16, 2026", "30", "16 lower", "Yes"),
        ("3 months", "Apr 6, 2026", "22", "24 lower", "Yes"),
    )
    assert chart.caption == (
        "Latest score: 22 (3 months, Apr 6, 2026). That is 24 lower than the first score, 46. "
        "It has reached an important improvement (36 or lower)."
    )


def test_an_improvement_of_exactly_the_mcid_counts_despite_binary_fractions() -> None:
    chart = odi((ScorePoint(day(14), "2 weeks", 30.1),), baseline=40, mcid_points=9.9)
    assert chart.table.rows[0][-1] == "Yes"


def test_without_a_baseline_there_is_no_change_and_no_line() -> None:
    chart = odi(baseline=None)
    assert chart.table.headers == ("Timepoint", "Date", "Score")
    assert not [p for p in parse(chart).iter(f"{SVG}path") if p.get("class") == "chart__target"]


def test_a_mark_off_the_scale_is_not_drawn() -> None:
    chart = odi((ScorePoint(day(0), "Before surgery", 6),), baseline=6)
    assert not [p for p in parse(chart).iter(f"{SVG}path") if p.get("class") == "chart__target"]
    assert "important improvement" not in chart.caption.lower()


def test_no_scores_yet_says_so_and_what_would_count() -> None:
    chart = odi(())
    assert chart.caption == "No scores yet. An important improvement would be 36 or lower."
    assert chart.table.rows == ()
    assert list(group(parse(chart), "chart__series--score")) == []


def test_timepoint_labels_too_wide_to_sit_side_by_side_take_turns_in_two_rows() -> None:
    twelve = tuple(ScorePoint(day(7 * n), f"{n} weeks", 40 - n) for n in range(12))
    chart = odi(twelve)
    labels = [
        t
        for t in group(parse(chart), "chart__axes").iter(f"{SVG}text")
        if "weeks" in "".join(t.itertext())
    ]
    assert len(labels) == 12
    assert len({t.get("y") for t in labels[::2]}) == 1
    assert {t.get("y") for t in labels[::2]}.isdisjoint({t.get("y") for t in labels[1::2]})


def test_when_two_rows_are_not_enough_only_some_timepoints_are_labelled() -> None:
    twelve = tuple(ScorePoint(day(7 * n), f"Follow-up {n}", 40 - n) for n in range(12))
    chart = odi(twelve)
    labelled = [t for t in texts(group(parse(chart), "chart__axes")) if "Follow-up" in t]
    assert 1 < len(labelled) < 12
    assert len(chart.table.rows) == 12


def test_a_score_above_the_scale_is_refused() -> None:
    with pytest.raises(ValueError, match="outside"):
        odi((ScorePoint(day(0), "Before surgery", 101),))


@settings(max_examples=40, deadline=None)
@given(
    scores=st.lists(st.floats(0, 50, allow_nan=False).map(lambda v: round(v, 1)), max_size=12),
    baseline=st.none() | st.floats(0, 50).map(lambda v: round(v, 1)),
    mcid=st.none() | st.floats(0.5, 20).map(lambda v: round(v, 1)),
)
def test_any_scores_are_well_formed_svg_with_every_point_in_the_plot(
    scores: list[float], baseline: float | None, mcid: float | None
) -> None:
    points = tuple(ScorePoint(day(30 * i), f"Month {i}", s) for i, s in enumerate(scores))
    chart = score_chart(
        points,
        title="Scores",
        y_max=50,
        y_label="Score (0-50)",
        baseline=baseline,
        mcid_points=mcid,
    )
    series = group(parse(chart), "chart__series--score")
    drawn = markers(series) + [v for p in series.iter(f"{SVG}path") for v in vertices(p)]
    assert len(markers(series)) == len(scores)
    for x, y in drawn:
        assert PLOT.contains(x, y), (x, y)
    assert len(chart.table.rows) == len(scores)


# --- In the page's language ------------------------------------------------------------


@pytest.fixture
def spanish() -> Iterator[None]:
    with i18n.speaking(i18n.load_catalogues()["es"]):
        yield


@pytest.mark.usefixtures("spanish")
def test_the_pain_chart_is_drawn_in_the_pages_language() -> None:
    chart = chart_of(TWO_WEEKS, today=10)
    root = parse(chart)
    assert chart.caption == (
        "Último dolor de pierna: 4 de 10 el 18 ene 2026, 13 días después de la cirugía. "
        "El rango habitual en ese momento es de 2.1 a 6.2. "
        "Último dolor de espalda: 3 de 10 el 18 ene 2026."
    )
    assert "Semanas después de la cirugía" in texts(group(root, "chart__axes"))
    assert texts(group(root, "chart__legend"))[:2] == ["Dolor de pierna", "Dolor de espalda"]
    assert texts(group(root, "chart__today")) == ["Hoy"]
    assert chart.table.headers[0] == "Fecha"
    assert chart.table.rows[0] == ("5 ene 2026", "0", "8", "5", "4 a 9")
    desc = root.findtext(f"{SVG}desc") or ""
    assert desc.startswith("Gráfica de líneas del dolor de pierna y de espalda")


@pytest.mark.usefixtures("spanish")
def test_weekly_averages_and_missing_answers_are_said_in_the_pages_language() -> None:
    year = [PainPoint(day(n), None if n % 9 == 0 else 3, 2) for n in range(200)]
    chart = chart_of(year, today=200)
    assert chart.table.headers[:3] == (
        "Fechas",
        "Semanas después de la cirugía",
        ("Dolor de pierna (promedio semanal)"),
    )
    assert chart.table.rows[1][0] == "12 al 18 ene 2026"
    assert "Las líneas muestran el promedio de cada semana." in chart.caption
    none = chart_of([PainPoint(day(1), None, None)])
    assert none.table.rows[0][2:4] == ("sin respuesta", "sin respuesta")


@pytest.mark.usefixtures("spanish")
@pytest.mark.parametrize(
    ("first", "last", "words"),
    [
        (date(2026, 1, 12), date(2026, 1, 12), "12 ene 2026"),
        (date(2026, 1, 12), date(2026, 1, 18), "12 al 18 ene 2026"),
        (date(2026, 1, 26), date(2026, 2, 1), "26 ene al 1 feb 2026"),
        (date(2026, 12, 28), date(2027, 1, 3), "28 dic 2026 al 3 ene 2027"),
    ],
)
def test_a_week_of_dates_is_written_in_the_pages_language(
    first: date, last: date, words: str
) -> None:
    assert day_span(first, last) == words


@pytest.mark.usefixtures("spanish")
def test_the_score_chart_is_drawn_in_the_pages_language() -> None:
    chart = odi(tuple(ScorePoint(p.when, f"etiqueta {i}", p.score) for i, p in enumerate(SCHEDULE)))
    assert chart.table.headers == (
        "Momento",
        "Fecha",
        "Puntaje",
        "Cambio desde el primer puntaje",
        "¿Alcanzó una mejoría importante?",
    )
    assert chart.table.rows[0][1:] == ("2 ene 2026", "46", "sin cambio", "No")
    assert chart.table.rows[3][3:] == ("24 menos", "Sí")
    assert chart.caption == (
        "Último puntaje: 22 (etiqueta 3, 6 abr 2026). Es 24 menos que el primer puntaje, 46. "
        "Ya alcanzó una mejoría importante (36 o menos)."
    )
    legend = texts(group(parse(chart), "chart__legend"))
    assert legend == ["Puntaje", "Mejoría importante: 10 puntos por debajo del primer puntaje"]
    assert odi(()).caption == "Todavía no hay puntajes. Una mejoría importante sería 36 o menos."


def test_outside_a_page_charts_are_in_english() -> None:
    assert i18n.language() == "en"
    assert chart_of(TWO_WEEKS).table.headers[0] == "Date"


# --- The partial and its stylesheet ----------------------------------------------------


@pytest.fixture
def partial() -> jinja2.Template:
    # The pages' own environment: the partial's text is marked for translation.
    return page_templates().env.get_template("_chart.html")


def test_the_partial_shows_the_chart_its_caption_and_the_numbers_on_request(
    partial: jinja2.Template,
) -> None:
    chart = chart_of(TWO_WEEKS, title="Leg & back <pain>")
    html = partial.render(chart=chart)
    assert html.count("<svg") == 1
    assert str(chart.svg) in html
    assert f'<figcaption class="chart__caption">{chart.caption}</figcaption>' in html
    assert re.search(r"<details[^>]*>\s*<summary>Show the numbers</summary>", html)
    assert html.count("<tr>") == 1 + len(chart.table.rows)
    assert "<caption" in html
    assert "Leg &amp; back &lt;pain&gt;</caption>" in html
    assert '<th scope="row">Jan 5, 2026</th>' in html


def test_the_partial_says_when_there_are_no_numbers(partial: jinja2.Template) -> None:
    html = partial.render(chart=chart_of([], today=1))
    assert "<table" not in html
    assert "no numbers to show yet" in html


def test_the_stylesheet_styles_every_chart_class_the_partial_uses() -> None:
    css = (WEB / "static" / "rootwise.css").read_text()
    template = (WEB / "templates" / "_chart.html").read_text()
    used = set(
        re.findall(r"\bchart(?:__[a-z-]+)?\b", " ".join(re.findall(r'class="([^"]+)"', template)))
    )
    assert used
    for name in used:
        assert f".{name}" in css, name
    assert ".chart__svg" in css
