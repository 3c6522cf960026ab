"""`rootwise triage` and `rootwise rules`, as scripts and integrations call them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rootwise.cli import app
from rootwise.clinical.rules import RULES

EXAMPLES = Path(__file__).parents[2] / "examples"
NOW = "2026-11-25T12:00:00+00:00"
ROOTWISE = Path(sys.executable).with_name("rootwise")

ALL_CLEAR_CHECKIN = {
    "recorded_at": "2026-11-20T08:00:00+00:00",
    "leg_pain": 3,
    "bladder": "normal",
    "bowel": "normal",
    "saddle_numbness": "no",
    "weakness": "none",
    "numbness": "none",
    "chills": False,
    "wound": [],
    "calf_pain_or_swelling": False,
    "chest_pain_or_breathless": False,
    "headache_when_upright": False,
}


def request(**checkin: object) -> str:
    body = {
        "patient": {"surgery": {"procedure": "discectomy", "date": "2026-11-01"}},
        "checkin": {**ALL_CLEAR_CHECKIN, **checkin},
    }
    return json.dumps(body)


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args), input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_triage_prints_one_assessment_for_a_file() -> None:
    code, out, err = run("triage", str(EXAMPLES / "saddle-numbness.json"), "--now", NOW)
    assessment = json.loads(out)
    assert (code, err) == (0, "")
    assert assessment["level"] == "emergency"
    assert assessment["findings"][0]["rule"] == "cauda_equina.saddle_numbness"
    assert assessment["engine"]["name"] == "rootwise"


def test_triage_reads_stdin_when_the_path_is_a_dash() -> None:
    code, out, _ = run("triage", "-", "--now", NOW, stdin=request())
    assert code == 0
    assert json.loads(out)["level"] == "routine"


def test_every_example_triages_cleanly() -> None:
    for example in sorted(EXAMPLES.glob("*.json")):
        code, out, err = run("triage", str(example), "--now", NOW)
        assert (code, err) == (0, ""), example
        assert json.loads(out)["complete"] is True, example


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        pytest.param(
            request(leg_pain=11),
            "checkin.leg_pain: must be 0-10, got 11",
            id="pain above ten names the field and the range",
        ),
        pytest.param(
            request(saddle_numbess="yes"),
            "checkin.saddle_numbess",
            id="a misspelt red-flag field is refused, not ignored",
        ),
        pytest.param(
            request(temperature={"value": 60, "unit": "C"}),
            "checkin.temperature.value",
            id="an impossible temperature is refused",
        ),
        pytest.param(
            request(recorded_at="2026-12-25T08:00:00+00:00"),
            "checkin.recorded_at",
            id="a check-in from the future is refused",
        ),
        pytest.param(request()[:-7], "input", id="truncated JSON"),
        pytest.param("", "input", id="empty input"),
        pytest.param("[1, 2]", "input", id="an array instead of an object"),
        pytest.param(request(leg_pain="7"), "checkin.leg_pain", id="a number sent as text"),
    ],
)
def test_bad_input_exits_2_with_one_line_naming_the_problem(stdin: str, message: str) -> None:
    code, out, err = run("triage", "-", "--now", NOW, stdin=stdin)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert message in err
    assert "Traceback" not in err


def test_a_missing_file_exits_2_naming_the_path() -> None:
    code, out, err = run("triage", "/nonexistent/request.json", "--now", NOW)
    assert (code, out) == (2, "")
    assert err.startswith("/nonexistent/request.json: cannot read")


def test_triage_needs_exactly_one_of_path_and_jsonl() -> None:
    assert run("triage")[0] == 2
    assert run("triage", "a.json", "--jsonl", "b.jsonl")[0] == 2


def test_jsonl_answers_each_line_in_order_and_goes_on_after_a_bad_line(tmp_path: Path) -> None:
    lines = [request(), request(leg_pain=11), "{not json", request(saddle_numbness="yes")]
    source = tmp_path / "requests.jsonl"
    source.write_text("\n".join(lines) + "\n")

    code, out, err = run("triage", "--jsonl", str(source), "--now", NOW)

    answers = [json.loads(line) for line in out.splitlines()]
    assert (code, err) == (0, "")
    assert len(answers) == 4
    assert answers[0]["level"] == "routine"
    assert answers[1] == {"error": "checkin.leg_pain: must be 0-10, got 11"}
    assert answers[2]["error"].startswith("input:")
    assert answers[3]["level"] == "emergency"


def test_rules_lists_every_rule_with_its_level_and_sources() -> None:
    code, out, _ = run("rules")
    assert code == 0
    for rule in RULES.values():
        row = next(line for line in out.splitlines() if line.startswith(f"| `{rule.id}` |"))
        assert f"| {rule.level.value} |" in row
        assert ", ".join(rule.sources) in row


def test_the_installed_command_never_shows_a_traceback() -> None:
    """The console script itself, in a real process, for the worst kinds of input."""
    for stdin in ["\x00\xff garbage", "{", '{"patient": 5}', request(leg_pain=1e400)]:
        done = subprocess.run(
            [str(ROOTWISE), "triage", "-"],
            input=stdin.encode("utf-8", "surrogateescape"),
            capture_output=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 2, stdin
        assert done.stdout == b""
        assert b"Traceback" not in done.stderr
        assert done.stderr.count(b"\n") == 1
