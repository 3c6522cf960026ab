"""What the app factory builds once and every request shares."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from rootwise.services.login_attempts import LoginAttempts
from rootwise.settings import Settings
from rootwise.web.tokens import Tokens


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class Runtime:
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    tokens: Tokens
    clock: Callable[[], datetime] = utc_now
    login_attempts: LoginAttempts = field(default_factory=LoginAttempts)
