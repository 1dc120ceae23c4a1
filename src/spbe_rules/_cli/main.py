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
from .._base.errors import LanguageError, RulesetNotFoundError, SpbeError, ValidationError, tr
from .lang import argparse_words, lang_from_args, lang_option
from .._base.messages import Msg
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
    "compare": "_cli.views",
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
    """The output path, if a file can be written there (not a folder, and its folder exists);
    ``what`` names the file (a catalogue key under ``output.``: ``output``, ``results``...)."""
    target = Path(path)
    if target.is_dir():
        raise CliError(Msg("cli.output_is_folder", path=path, what=Msg(f"output.{what}")))
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise CliError(Msg("cli.no_folder", path=path, folder=str(parent)))
    return target


def write_bytes(data: bytes, path: str) -> None:
    with replacing(check_output(path)) as tmp:
        tmp.write_bytes(data)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="spbe-rules",
        description=tr("cli.description"),
    )
    parser.add_argument("--version", action="version", version=f"spbe-rules {__version__}", help=tr("argparse.version"))
    lang_option(parser)
    sub = parser.add_subparsers(dest="command", metavar=tr("cli.command_metavar"))
    sub.required = True
    seen: set[str] = set()
    for module in COMMANDS.values():
        if module in seen:
            continue
        seen.add(module)
        importlib.import_module(f"spbe_rules.{module}").add_parser(sub)
    for command in sub.choices.values():
        if not any("--lang" in a.option_strings for a in command._actions):
            lang_option(command)
    return parser


def _stdout_broken() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        lang = lang_from_args(arguments)
    except LanguageError as exc:
        print(f"spbe-rules: {exc}", file=sys.stderr)
        return 2
    with argparse_words(lang):
        return _main(arguments)


def _main(arguments: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(arguments)
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
        print(f"spbe-rules: {tr('cli.interrupted')}", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"spbe-rules: {exc.filename or ''}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: say so plainly, the traceback only on request
        if os.environ.get("SPBE_RULES_DEBUG"):
            raise
        print(f"spbe-rules: {tr('cli.internal_error', error=type(exc).__name__, detail=str(exc))}", file=sys.stderr)
        return 1


def run() -> None:
    sys.exit(main())
