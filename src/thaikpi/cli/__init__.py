"""The ``thaikpi`` command line."""
