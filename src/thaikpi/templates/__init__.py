"""Scorecard templates shipped with ThaiKPI, loadable by name."""
