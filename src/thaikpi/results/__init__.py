"""Results per KPI and round, monthly progress, evidence files, and each round's review state."""
