"""The pages people use: landing, overview, KPI, result entry, review, import, audit."""
