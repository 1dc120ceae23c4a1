"""The ``spbe-rules`` command line."""
