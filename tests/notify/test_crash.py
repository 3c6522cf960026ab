"""A worker killed with SIGKILL in the middle of a batch loses nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

from rootwise.notify import Counts, deliver_due
from rootwise.notify.channels import make_channels
from rootwise.settings import Settings
from tests.notify.receivers import WebhookReceiver
from tests.notify.support import SECRET, Outbox

LEASE_SECONDS = 60
WORKER = Path(__file__).with_name("worker_until_killed.py")


@contextmanager
def worker_process(database_url: str, batch: int) -> Iterator[subprocess.Popen[bytes]]:
    """A real worker process on the real clock; killed on the way out whatever happens."""
    env = {
        **os.environ,
        "ROOTWISE_DATABASE_URL": database_url,
        "ROOTWISE_WEBHOOK_SECRET": SECRET,
        "ROOTWISE_OUTBOX_BATCH_SIZE": str(batch),
        "ROOTWISE_OUTBOX_LEASE_SECONDS": str(LEASE_SECONDS),
        "ROOTWISE_OUTBOX_POLL_SECONDS": "0.05",
    }
    process = subprocess.Popen([sys.executable, str(WORKER)], env=env)
    try:
        yield process
    finally:
        process.kill()
        process.wait(timeout=10)


def test_a_worker_killed_mid_batch_loses_nothing_and_the_next_pass_after_the_lease_sends_the_rest(
    sqlite_outbox: Outbox,
) -> None:
    # The first request is answered at once; the second is held, so the worker is
    # waiting on it, between claim and outcome, when it is killed.
    with WebhookReceiver(hold_from=2) as hook:
        keys = sqlite_outbox.add(
            6, recipient=hook.url, due=datetime.now(UTC) - timedelta(seconds=1)
        )
        with worker_process(sqlite_outbox.url, batch=6) as process:
            hook.wait_for(2)
            process.send_signal(signal.SIGKILL)
            assert process.wait(timeout=10) == -signal.SIGKILL
        hook.release()

        # The first message was recorded as sent; the other five are still leased.
        first, *leased = sqlite_outbox.rows()
        assert (first.status, first.attempts) == ("sent", 1)
        assert [(row.status, row.attempts) for row in leased] == [("pending", 1)] * 5
        assert all(row.next_attempt_at > datetime.now(UTC) for row in leased)

        after_the_lease = datetime.now(UTC) + timedelta(seconds=LEASE_SECONDS + 1)
        counts = deliver_due(
            sqlite_outbox.sessions,
            make_channels(Settings(webhook_secret=SECRET), clock=lambda: after_the_lease),
            now=after_the_lease,
            batch=10,
            lease=timedelta(seconds=LEASE_SECONDS),
        )

    assert counts == Counts(sent=5)
    assert sqlite_outbox.statuses() == {"sent": 6}
    # Every message arrived; the one in flight at the kill arrived twice, and the
    # receiver can tell by its key.
    arrivals = hook.keys()
    assert set(arrivals) == set(keys)
    assert arrivals == {**dict.fromkeys(keys, 1), keys[1]: 2}
