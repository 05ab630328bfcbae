"""Scorecards (an agency's performance agreement for a fiscal year), their versions and owners."""
