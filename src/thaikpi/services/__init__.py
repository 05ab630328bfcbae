"""Workflows shared by the web app, API, CLI and reports; calculations stay in the engine."""
