"""Threaded comments per KPI and per round, with resolved marks (see services.discussions)."""
