"""The ``spbe-rules`` console script: answers ``--version`` without importing anything else,
and hands every other command line to :func:`spbe_rules._cli.main.main` (imported only then),
which imports only the module of the command being run."""

from __future__ import annotations

import importlib
import sys

from .._version import __version__

__all__ = ["run"]


def run() -> None:
    """The console script ``spbe-rules``."""
    words = sys.argv[1:]
    if words == ["--version"]:
        sys.stdout.write(f"spbe-rules {__version__}\n")
        sys.exit(0)
    sys.exit(importlib.import_module("spbe_rules._cli.main").main(words))
