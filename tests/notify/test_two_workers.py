"""Two workers at once over one outbox deliver every message exactly once."""

from __future__ import annotations

import threading
from datetime import timedelta

from rootwise.notify import deliver_due
from rootwise.notify.channels import make_channels
from rootwise.settings import Settings
from rootwise.store.database import make_engine, make_sessions
from tests.integration.world import NOW
from tests.notify.receivers import WebhookReceiver
from tests.notify.support import SECRET, Outbox

MESSAGES = 300


def test_two_workers_deliver_every_message_exactly_once(outbox: Outbox) -> None:
    sent_by: list[int] = [0, 0]
    errors: list[BaseException] = []
    start = threading.Barrier(2)
    with WebhookReceiver() as hook:
        keys = outbox.add(MESSAGES, recipient=hook.url)

        def work(worker: int) -> None:
            # Each worker has its own engine, as a separate process would.
            engine = make_engine(outbox.url)
            sessions = make_sessions(engine)
            channels = make_channels(Settings(webhook_secret=SECRET), clock=lambda: NOW)
            try:
                start.wait()
                while True:
                    # Both on one clock, with a lease longer than the test: a message
                    # could only be sent twice if both workers claimed it.
                    counts = deliver_due(
                        sessions, channels, now=NOW, batch=5, lease=timedelta(hours=1)
                    )
                    if counts.claimed == 0:
                        return
                    sent_by[worker] += counts.sent
            except BaseException as exc:
                errors.append(exc)
            finally:
                engine.dispose()

        threads = [threading.Thread(target=work, args=(n,), daemon=True) for n in (0, 1)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

    assert errors == []
    assert hook.keys() == dict.fromkeys(keys, 1)
    assert outbox.statuses() == {"sent": MESSAGES}
    assert sum(sent_by) == MESSAGES
    assert min(sent_by) > 0, f"one worker did everything: {sent_by}"
