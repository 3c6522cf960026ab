"""The demo clinic: synthetic people and recovery histories for trying Rootwise out.

Loaded only on request (`rootwise serve --demo`) and only into an empty database. The
demo log-ins and their password exist only in a database this package has loaded.
"""

from rootwise.demo.clinic import DEMO_CLINIC, DEMO_LOGINS, DEMO_PASSWORD, Login
from rootwise.demo.loader import DatabaseNotEmpty, load_demo
from rootwise.demo.status import DemoStatus, demo_status

__all__ = [
    "DEMO_CLINIC",
    "DEMO_LOGINS",
    "DEMO_PASSWORD",
    "DatabaseNotEmpty",
    "DemoStatus",
    "Login",
    "demo_status",
    "load_demo",
]
