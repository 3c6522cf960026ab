"""`run_worker` as its own process, configured by ROOTWISE_* variables, until it is killed.

`test_crash.py` runs it to SIGKILL a real worker in the middle of a batch.
"""

from __future__ import annotations

import threading

from rootwise.notify import run_worker
from rootwise.settings import Settings
from rootwise.store.database import make_engine, make_sessions

if __name__ == "__main__":
    settings = Settings()
    run_worker(make_sessions(make_engine(settings.database_url)), settings, stop=threading.Event())
