"""The ``spbe-rules`` command line.

Each command lives in a module ``_cli/<name>.py`` exposing ``add_parser(subparsers)``;
:data:`COMMANDS` maps each command to its module and :data:`SUMMARIES` gives its
one-line description. Only the module of the command being run is imported, so
``spbe-rules --version`` and a plain evaluation start fast; without a command the
list of commands is printed (from :data:`SUMMARIES`, no command module imported).
Errors are printed on stderr without a traceback: exit 2 for bad input, 1 for
other failures. Output is produced whole before anything is written, and files
are written through a temporary file, so a failure never leaves partial output.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from .._base.atomic import replacing
from .._base.errors import RulesetNotFoundError, SpbeError, ValidationError
from .._version import __version__
from .entry import COMMANDS, SUMMARIES, command_list, command_of

__all__ = ["COMMANDS", "SUMMARIES", "main", "write_output"]

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


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of ``spbe-rules`` with the subcommands of ``command``'s module only (none without a command)."""
    parser = argparse.ArgumentParser(
        prog="spbe-rules",
        description="Menilai evaluasi SPBE secara tepat menurut aturan berversi (PermenPANRB 59/2020 dan lainnya).",
    )
    parser.add_argument("--version", action="version", version=f"spbe-rules {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="PERINTAH")
    sub.required = True
    if command is not None:
        importlib.import_module(f"spbe_rules.{COMMANDS[command]}").add_parser(sub)
    return parser


def _unknown_command(word: str) -> int:
    guess = difflib.get_close_matches(word, list(COMMANDS), n=1)
    hint = f"; maksud Anda `{guess[0]}`?" if guess else ""
    print(f"spbe-rules: perintah tidak dikenal: {word!r}{hint} (daftar perintah: spbe-rules tanpa argumen)", file=sys.stderr)
    return 2


def _stdout_broken() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError:
        pass


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    command = command_of(words)
    if command is None and (not words or any(w in ("-h", "--help") for w in words)):
        sys.stdout.write(command_list())
        return 0
    if command is not None and command not in COMMANDS:
        return _unknown_command(command)
    args = build_parser(command).parse_args(words)
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
