"""The JSON API under /api/v1 (spec/api.md)."""
