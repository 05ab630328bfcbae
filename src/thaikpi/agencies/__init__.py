"""Agencies (ministry → department → division) and fiscal years."""
