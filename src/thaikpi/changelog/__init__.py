"""The append-only change log: who changed what, when, with the values before and after.

Not the audit of stated figures (``thaikpi.engine.audit``); the app keeps its first label,
``audit``, so its table and migrations keep their names.
"""
