"""Joint KPIs: one KPI shared by several agencies, its result entered once by the owner."""
