"""The packaged Questionnaire files as raw JSON, read straight from the package."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any


def packaged_json(key: str) -> dict[str, Any]:
    text = files("rootwise.fhir").joinpath("questionnaires", f"{key}.json").read_text("utf-8")
    document: dict[str, Any] = json.loads(text)
    return document
