"""Delivering notifications from the outbox: email and signed webhooks, at least once.

`run_worker` is the loop behind `rootwise worker` and the worker of `rootwise serve`;
`deliver_due` is one pass of it; `dead_letters` lists what was given up, for the
clinic's admins.
"""

from rootwise.notify.outbox import DeadLetter, dead_letters
from rootwise.notify.worker import Counts, Periodic, deliver_due, run_worker

__all__ = ["Counts", "DeadLetter", "Periodic", "dead_letters", "deliver_due", "run_worker"]
