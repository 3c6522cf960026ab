"""Rootwise: daily check-ins and triage for leg nerve pain after lumbar spine surgery."""

__version__ = "0.1.0"
