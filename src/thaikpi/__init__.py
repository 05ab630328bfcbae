"""ThaiKPI: Thai government performance agreements (OPDC KPI scorecards), end to end."""

__version__ = "0.1.0"
