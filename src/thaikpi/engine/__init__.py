"""The pure scorecard engine: template model, target rules, scoring and audit. No Django."""
