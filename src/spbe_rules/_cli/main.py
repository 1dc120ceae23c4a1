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
from .._base.errors import LanguageError, RulesetNotFoundError, SpbeError, ValidationError, tr
from .lang import argparse_words, lang_from_args, lang_option
from .._base.messages import Msg
from .._version import __version__
from .._base.messages import CATALOGUE

__all__ = ["COMMANDS", "main", "write_output"]

# command name -> module; the order is the order of `spbe-rules --help`
COMMANDS: dict[str, str] = {
    "evaluate": "_cli.core",
    "explain": "_cli.core",
    "validate": "_cli.validate",
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


# one-line descriptions of commands whose `cmd.<name>` entry is not in the catalogue yet
_SUMMARIES: dict[str, str] = {
    "risk": "seberapa dekat predikat ke batasnya, dan penurunan yang akan mengubahnya",
    "compare": "satu instansi dari tahun ke tahun",
}

# options of `spbe-rules` itself (before the command) that take a value
_VALUE_OPTIONS = ("--lang",)

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


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of ``spbe-rules`` with the subcommands of ``command``'s module only (none without a command)."""
    parser = argparse.ArgumentParser(
        prog="spbe-rules",
        description=tr("cli.description"),
        epilog=command_list() if command is None else None,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"spbe-rules {__version__}", help=tr("argparse.version"))
    lang_option(parser)
    sub = parser.add_subparsers(dest="command", metavar=tr("cli.command_metavar"))
    sub.required = True
    if command is not None:
        importlib.import_module(f"spbe_rules.{COMMANDS[command]}").add_parser(sub)
    for each in sub.choices.values():
        if not any("--lang" in a.option_strings for a in each._actions):
            lang_option(each)
    return parser


def summary(command: str) -> str:
    """The one-line description of ``command`` in the current language."""
    key = f"cmd.{command}"
    return tr(key) if key in CATALOGUE else _SUMMARIES[command]


def command_list() -> str:
    """The commands, one line each (what ``spbe-rules`` prints without arguments, and under ``--help``)."""
    width = max(map(len, COMMANDS))
    lines = [tr("cli.commands_heading")]
    lines += [f"  {name.ljust(width)}  {summary(name)}" for name in COMMANDS]
    lines += ["", tr("cli.commands_footer")]
    return "\n".join(lines) + "\n"


def command_of(argv: Sequence[str]) -> str | None:
    """The command named in ``argv`` (the first word that is not an option), or None."""
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif word in _VALUE_OPTIONS:
            skip = True
        elif not word.startswith("-"):
            return word
    return None


def _without_lang(arguments: Sequence[str]) -> list[str]:
    """``arguments`` without the language option (``--lang X`` or ``--lang=X``)."""
    out: list[str] = []
    skip = False
    for word in arguments:
        if skip:
            skip = False
        elif word in _VALUE_OPTIONS:
            skip = True
        elif not word.startswith("--lang="):
            out.append(word)
    return out


def _unknown_command(word: str) -> int:
    guess = difflib.get_close_matches(word, list(COMMANDS), n=1)
    hint = tr("cli.did_you_mean", guess=guess[0]) if guess else ""
    print(f"spbe-rules: {tr('cli.unknown_command', command=word, hint=hint)}", file=sys.stderr)
    return 2


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
    command = command_of(arguments)
    if not _without_lang(arguments):
        sys.stdout.write(command_list())
        return 0
    if command is not None and command not in COMMANDS:
        return _unknown_command(command)
    args = build_parser(command).parse_args(arguments)
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
