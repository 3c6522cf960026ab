"""Questionnaire answers from JSON, checked strictly for one instrument, and the result back.

The document is `{"answers": {"LINKID": value, ...}}` and nothing else. An absent or null
answer is not answered. Link ids must belong to the instrument; yes/no items take only
true or false, the others only whole numbers in range (never booleans). Every problem
becomes an `InputError` naming the field, e.g. `answers.odi.3: must be 0-5, got 7`.
"""

from __future__ import annotations

import json
import re
from typing import Any

from rootwise.clinical.instruments import Answers, Instrument, Item, Score
from rootwise.contract.errors import InputError

_PLAIN_KEY = re.compile(r"[A-Za-z0-9_.]+")
_LONGEST_VALUE = 60


class _Duplicate(Exception):
    pass


class _Constant(Exception):
    pass


def parse_answers(text: bytes | str, instrument: Instrument) -> Answers:
    """The answered items of `instrument` in `text`; raises InputError naming the field."""
    document = _load(text)
    if not isinstance(document, dict):
        raise InputError(("input", f"must be a JSON object, got {_kind(document)}"))
    extra = [key for key in document if key != "answers"]
    if extra:
        raise InputError(*((_field(None, key), "unknown field") for key in extra))
    if "answers" not in document:
        raise InputError(("answers", "required"))
    raw = document["answers"]
    if not isinstance(raw, dict):
        raise InputError(("answers", f"must be an object, got {_kind(raw)}"))
    problems: list[tuple[str, str]] = []
    answers: dict[str, int | bool] = {}
    for link_id, value in raw.items():
        item = instrument.item(link_id)
        if item is None:
            expected = f"{instrument.link_ids[0]}-{instrument.link_ids[-1]}"
            problem = f"unknown link id for {instrument.name} (expected {expected})"
            problems.append((_field("answers", link_id), problem))
        elif value is not None:
            if item.accepts(value):
                answers[link_id] = value
            else:
                problems.append((_field("answers", link_id), _must_be(item, value)))
    if problems:
        raise InputError(*problems)
    return answers


def score_json(result: Score) -> dict[str, Any]:
    """The result as `rootwise score` prints it."""
    return {
        "instrument": result.instrument,
        "score": result.score,
        "band": result.band,
        "complete": result.complete,
        "missing": list(result.missing),
        "details": dict(result.details),
    }


def _load(text: bytes | str) -> object:
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constant)
    except _Duplicate as exc:
        raise InputError(("input", f"the key {_show(str(exc))} appears more than once")) from None
    except _Constant as exc:
        raise InputError(("input", f"not valid JSON ({exc} is not a JSON value)")) from None
    except UnicodeDecodeError:
        raise InputError(("input", "not valid JSON (the text is not valid Unicode)")) from None
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}"
        raise InputError(("input", f"not valid JSON ({exc.msg} at {where})")) from None
    except RecursionError:
        raise InputError(("input", "not valid JSON (nested too deeply)")) from None


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    result: dict[str, object] = {}
    for key, value in pairs:
        if key in result:
            raise _Duplicate(key)
        result[key] = value
    return result


def _no_constant(name: str) -> object:
    raise _Constant(name)


def _must_be(item: Item, value: object) -> str:
    if item.yes_no:
        allowed = "true or false"
    elif len(item.values) == 2:
        allowed = f"{item.values[0]} or {item.values[1]}"
    else:
        allowed = f"{item.values[0]}-{item.values[-1]}"
    return f"must be {allowed}, got {_show(value)}"


def _field(parent: str | None, key: str) -> str:
    if _PLAIN_KEY.fullmatch(key):
        return f"{parent}.{key}" if parent else key
    return f"{parent or 'input'}[{json.dumps(key)}]"


def _show(value: object) -> str:
    shown = json.dumps(value, ensure_ascii=False)
    if len(shown) > _LONGEST_VALUE:
        shown = shown[: _LONGEST_VALUE - 3] + "..."
    return shown


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"
