"""`rootwise score INSTRUMENT PATH`: one set of answers in, one scored result out as JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rootwise.cli import app


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def scored(instrument: str, answers: dict[str, object]) -> dict[str, object]:
    code, out, err = run("score", instrument, "-", stdin=json.dumps({"answers": answers}))
    assert (code, err) == (0, "")
    result: dict[str, object] = json.loads(out)
    return result


def test_nrs_prints_the_score_and_its_band() -> None:
    result = scored("nrs", {"nrs.1": 5})
    assert result == {
        "instrument": "nrs",
        "score": 5,
        "band": "moderate",
        "complete": True,
        "missing": [],
        "details": {},
    }


def test_peg_prints_the_mean_to_one_decimal() -> None:
    # (3 + 3 + 4) / 3 = 3.33 -> 3.3
    result = scored("peg", {"peg.1": 3, "peg.2": 3, "peg.3": 4})
    assert (result["score"], result["complete"]) == (3.3, True)


def test_dn4_counts_true_answers() -> None:
    answers = {f"dn4.{n}": n <= 3 for n in range(1, 8)}
    result = scored("dn4", answers)
    assert (result["score"], result["band"]) == (3, "positive")


def test_odi_with_a_null_section_scores_the_nine_answered() -> None:
    # 9 sections of 2 = 18; 18 / 45 x 100 = 40, moderate; odi.10 is null = not answered.
    answers: dict[str, object] = {f"odi.{n}": 2 for n in range(1, 10)}
    answers["odi.10"] = None
    result = scored("odi", answers)
    assert (result["score"], result["band"], result["missing"]) == (40, "moderate", ["odi.10"])


def test_startback_prints_the_risk_group_with_its_caveat_and_copyright() -> None:
    answers = {f"startback.{n}": 1 for n in range(1, 9)} | {"startback.9": 4}
    result = scored("startback", answers)
    details = result["details"]
    assert (result["score"], result["band"]) == (9, "high")
    assert isinstance(details, dict)
    assert "Keele University" in details["copyright"]
    assert "primary care" in details["note"]


def test_an_incomplete_set_is_scored_as_incomplete_not_refused() -> None:
    result = scored("peg", {"peg.1": 4})
    assert (result["score"], result["complete"], result["missing"]) == (
        None,
        False,
        ["peg.2", "peg.3"],
    )


def test_a_file_path_is_read(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps({"answers": {"nrs.1": 0}}))
    code, out, _ = run("score", "nrs", str(path))
    assert (code, json.loads(out)["band"]) == (0, "none")


@pytest.mark.parametrize(
    ("instrument", "body", "message"),
    [
        ("odi", {"answers": {"odi.3": 7}}, "answers.odi.3: must be 0-5, got 7"),
        ("nrs", {"answers": {"nrs.1": 11}}, "answers.nrs.1: must be 0-10, got 11"),
        ("nrs", {"answers": {"nrs.1": 4.5}}, "answers.nrs.1: must be 0-10, got 4.5"),
        ("peg", {"answers": {"peg.1": "5"}}, 'answers.peg.1: must be 0-10, got "5"'),
        ("peg", {"answers": {"peg.2": True}}, "answers.peg.2: must be 0-10, got true"),
        ("dn4", {"answers": {"dn4.1": 1}}, "answers.dn4.1: must be true or false, got 1"),
        ("startback", {"answers": {"startback.1": 2}}, "answers.startback.1: must be 0 or 1"),
        ("startback", {"answers": {"startback.9": 5}}, "answers.startback.9: must be 0-4"),
        ("odi", {"answers": {"odi.11": 1}}, "answers.odi.11: unknown link id for odi"),
        ("odi", {"answers": {"peg.1": 1}}, "answers.peg.1: unknown link id for odi"),
        ("odi", {"answers": {}, "patient": 1}, "patient: unknown field"),
        ("odi", {}, "answers: required"),
        ("odi", {"answers": [1]}, "answers: must be an object, got an array"),
        ("odi", [1], "input: must be a JSON object, got an array"),
    ],
)
def test_bad_input_exits_2_with_one_line_naming_the_field(
    instrument: str, body: object, message: str
) -> None:
    code, out, err = run("score", instrument, "-", stdin=json.dumps(body))
    assert (code, out) == (2, "")
    assert err.startswith(message)
    assert err.count("\n") == 1


def test_several_problems_are_counted_on_the_one_line() -> None:
    body = {"answers": {"odi.1": 9, "odi.2": -1, "odi.x": 1}}
    code, _, err = run("score", "odi", "-", stdin=json.dumps(body))
    assert (code, err) == (2, "answers.odi.1: must be 0-5, got 9 (and 2 more problems)\n")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"answers": {"nrs.1": 3}', "input: not valid JSON"),
        ("", "input: not valid JSON"),
        ('{"answers": {"nrs.1": NaN}}', "input: not valid JSON (NaN is not a JSON value)"),
        ('{"answers": {"nrs.1": 3, "nrs.1": 4}}', 'input: the key "nrs.1" appears more than once'),
    ],
)
def test_text_that_is_not_strict_json_exits_2(text: str, message: str) -> None:
    code, out, err = run("score", "nrs", "-", stdin=text)
    assert (code, out) == (2, "")
    assert err.startswith(message)
    assert err.count("\n") == 1


def test_text_that_is_not_unicode_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "latin1.json"
    path.write_bytes(b'{"answers": {"nrs.1": 3}, "\xe9": 1}')
    code, out, err = run("score", "nrs", str(path))
    assert (code, out, err) == (2, "", "input: not valid JSON (the text is not valid Unicode)\n")


def test_an_unknown_instrument_exits_2_listing_the_known_ones() -> None:
    code, out, err = run("score", "promis", "-", stdin='{"answers": {}}')
    assert (code, out) == (2, "")
    assert err == "instrument: unknown 'promis', expected one of nrs, peg, dn4, odi, startback\n"


def test_a_missing_file_exits_2_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "absent.json"
    code, out, err = run("score", "nrs", str(path))
    assert (code, out) == (2, "")
    assert err.startswith(f"{path}: cannot read")
