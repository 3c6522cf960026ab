"""Durable storage: SQLAlchemy tables, repositories and Alembic migrations."""
