"""Signed, expiring bearer tokens (and session cookies) that carry the principal."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from itsdangerous import BadSignature, TimestampSigner, URLSafeTimedSerializer

from rootwise.services.accounts import Principal


class Tokens:
    """Issues and checks tokens; no database look-up is needed to know who is asking."""

    def __init__(
        self, secret_key: str, *, max_age_seconds: int, clock: Callable[[], datetime]
    ) -> None:
        # itsdangerous reads time.time() unless told otherwise; the app's clock decides
        # when a token was issued and when it expires, as it decides everything else.
        class _ClockSigner(TimestampSigner):
            def get_timestamp(self) -> int:
                return int(clock().timestamp())

        self._serializer = URLSafeTimedSerializer(
            secret_key, salt="rootwise-token", signer=_ClockSigner
        )
        self._max_age = max_age_seconds

    def issue(self, who: Principal) -> str:
        return self._serializer.dumps(
            [who.user_id, who.role, who.clinic_id, who.patient_id, who.display_name]
        )

    def read(self, token: str) -> Principal | None:
        """The principal in a valid, unexpired token, or None."""
        try:
            user_id, role, clinic_id, patient_id, name = self._serializer.loads(
                token, max_age=self._max_age
            )
        except (BadSignature, ValueError, TypeError):
            return None
        return Principal(
            user_id=user_id,
            role=role,
            clinic_id=clinic_id,
            patient_id=patient_id,
            display_name=name,
        )
