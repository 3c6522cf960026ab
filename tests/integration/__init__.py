"""Integration tests: real SQLite and PostgreSQL databases, built by the migrations."""
