"""Server-rendered pages for patients and clinicians (Jinja2; forms work without JavaScript)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(include_in_schema=False)
