"""Each test starts with empty questionnaire caches, so one test's files never leak into
another's."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from rootwise.fhir import questionnaires


@pytest.fixture(autouse=True)
def _fresh_caches() -> Iterator[None]:
    questionnaires._packaged.cache_clear()
    questionnaires._with_text.cache_clear()
    yield
    questionnaires._packaged.cache_clear()
    questionnaires._with_text.cache_clear()
