"""The ``spbe-rules`` command line.

Each command lives in its own module ``_cli/<name>.py`` exposing
``add_parser(subparsers)`` and ``run(args) -> int``; :data:`COMMANDS` lists them.
Errors are printed on stderr without a traceback: exit 2 for bad input, 1 for
other failures. Output is produced whole before anything is written, and files
are written through a temporary file, so a failure never leaves partial output.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .._base.atomic import replacing
from .._base.errors import RulesetNotFoundError, SpbeError, ValidationError
from .._version import __version__

__all__ = ["COMMANDS", "main", "write_output"]

# command name -> module; the order is the order of `spbe-rules --help`
COMMANDS: dict[str, str] = {
    "evaluate": "_cli.core",
    "explain": "_cli.core",
    "validate": "_cli.core",
    "rulesets": "_cli.core",
    "show": "_cli.core",
    "test": "_cli.cases",
    "diff": "_cli.diff",
    "impact": "_cli.diff",
    "batch": "_cli.batch",
    "template": "_cli.batch",
    "report": "_cli.report",
    "whatif": "_cli.plan",
    "gains": "_cli.plan",
    "plan": "_cli.plan",
    "risk": "_cli.views",
}


class CliError(SpbeError):
    """A usage problem found after argument parsing (exit 2)."""


def write_output(text: str, path: str | None) -> None:
    """Write ``text`` to ``path`` atomically, or to stdout when ``path`` is None or ``-``."""
    if path is None or path == "-":
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()
        return
    write_bytes(text.encode("utf-8"), path)


def check_output(path: str, what: str = "output") -> Path:
    """The output path, if a file can be written there (not a folder, and its folder exists)."""
    target = Path(path)
    if target.is_dir():
        raise CliError(f"{path}: is a folder; name the {what} file")
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise CliError(f"{path}: the folder {parent} does not exist")
    return target


def write_bytes(data: bytes, path: str) -> None:
    with replacing(check_output(path)) as tmp:
        tmp.write_bytes(data)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="spbe-rules",
        description="Evaluate SPBE assessments exactly under versioned rulesets (PermenPANRB 59/2020 and others).",
    )
    parser.add_argument("--version", action="version", version=f"spbe-rules {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    seen: set[str] = set()
    for module in COMMANDS.values():
        if module in seen:
            continue
        seen.add(module)
        importlib.import_module(f"spbe_rules.{module}").add_parser(sub)
    return parser


def _stdout_broken() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code: int = args.func(args)
        return code
    except ValidationError as exc:
        print(f"spbe-rules: {exc}", file=sys.stderr)
        return 2
    except (RulesetNotFoundError, CliError) as exc:
        print(f"spbe-rules: {exc}", file=sys.stderr)
        return 2
    except SpbeError as exc:
        print(f"spbe-rules: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        _stdout_broken()
        return 1
    except KeyboardInterrupt:
        print("spbe-rules: interrupted", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"spbe-rules: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: say so plainly, the traceback only on request
        if os.environ.get("SPBE_RULES_DEBUG"):
            raise
        print(
            f"spbe-rules: internal error: {type(exc).__name__}: {exc} (please report it; set SPBE_RULES_DEBUG=1 to see the traceback)",
            file=sys.stderr,
        )
        return 1


def run() -> None:
    sys.exit(main())
