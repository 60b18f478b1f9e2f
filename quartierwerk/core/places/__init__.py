"""Places: the address register per city, its import, search and coordinate conversion (used by every app)."""
