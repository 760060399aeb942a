"""The ``graph-service`` command line."""
