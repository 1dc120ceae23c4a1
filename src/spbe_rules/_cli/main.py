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
import warnings
import importlib
import os
import signal
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .._base.atomic import replacing
from .._base.files import allowing
from .._base.errors import LanguageError, Problem, RulesetNotFoundError, SpbeError, ValidationError, tr
from .._base.text import closest, printable
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
    "next": "_cli.next_steps",
    "kuesioner": "_cli.kuesioner",
    "risk": "_cli.views",
    "compare": "_cli.views",
    "transisi": "_cli.transisi",
}


# one-line descriptions of commands whose `cmd.<name>` entry is not in the catalogue yet
_SUMMARIES: dict[str, str] = {
    "risk": "seberapa dekat predikat ke batasnya, dan penurunan yang akan mengubahnya",
    "compare": "satu instansi dari tahun ke tahun",
    "next": "apa yang dibutuhkan tingkat berikutnya setiap indikator: butir persyaratan, bukti dukung, rujukan",
}

# options of `spbe-rules` itself (before the command) that take a value
_VALUE_OPTIONS = ("--lang", "--allow-dir")


class CliError(SpbeError):
    """A usage problem found after argument parsing (exit 2)."""


MAX_SHOWN_PROBLEMS = 50  # error output is capped; the rest is counted
MAX_PATH = 4096
_inputs: list[str] = []  # the files named on the command line (an output may not replace one)


def write_output(text: str, path: str | None) -> None:
    """Write ``text`` to ``path`` atomically, or to stdout when ``path`` is None or ``-``.
    Control characters are written as escapes (a name cannot drive the terminal)."""
    text = printable(text)
    if path is None or path == "-":
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()
        return
    write_bytes(text.encode("utf-8"), path)


def check_output(path: str, what: str = "output") -> Path:
    """Where ``-o PATH`` writes: a regular file (created or replaced atomically), the target of a
    symlink, never a folder, a device, a FIFO or a file the command reads (exit 2 otherwise).
    ``what`` names the file (a catalogue key under ``output.``: ``output``, ``results``...)."""
    thing = Msg(f"output.{what}")
    if len(path) > MAX_PATH or any(len(part) > 255 for part in Path(path).parts):
        raise CliError(Msg("cli.output_path_too_long", path=printable(path[:80]), what=thing))
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise CliError(Msg("cli.output_unusable", path=printable(path), what=thing, reason=exc.strerror or str(exc))) from None
    if st is not None:
        if stat.S_ISDIR(st.st_mode):
            raise CliError(Msg("cli.output_is_folder", path=printable(path), what=thing))
        if not stat.S_ISREG(st.st_mode):
            kind = "fifo" if stat.S_ISFIFO(st.st_mode) else "device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode) else "other"
            raise CliError(Msg("cli.output_not_regular", path=printable(path), kind=Msg(f"file.kind.{kind}"), what=thing))
        for name in _inputs:
            try:
                other = os.stat(name)
            except OSError:
                continue
            if (other.st_dev, other.st_ino) == (st.st_dev, st.st_ino):
                raise CliError(Msg("cli.output_is_input", path=printable(path), name=printable(name), what=thing))
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise CliError(Msg("cli.no_folder", path=printable(path), folder=printable(str(parent))))
    return target


def write_bytes(data: bytes, path: str) -> None:
    if path == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    with replacing(check_output(path)) as tmp:
        tmp.write_bytes(data)


def _named_inputs(args: argparse.Namespace) -> list[str]:
    """Every argument that names an existing file, except the outputs."""
    out: list[str] = []
    for key, value in vars(args).items():
        if key in ("output", "errors") or key.startswith("_"):
            continue
        for v in value if isinstance(value, list) else [value]:
            if isinstance(v, str) and v != "-" and len(v) < MAX_PATH:
                try:
                    if os.path.exists(v):
                        out.append(v)
                except (OSError, ValueError):
                    pass
    return out


def _error_text(exc: BaseException) -> str:
    """The message of ``exc`` with at most :data:`MAX_SHOWN_PROBLEMS` problems, then a count of
    the rest; long lines cut; control characters escaped."""
    lines: list[str] = []
    if isinstance(exc, ValidationError) and len(exc.exceptions) > MAX_SHOWN_PROBLEMS:
        # only the problems shown are written out (20,000 of them would take seconds)
        lines = [exc.heading, *(str(p) for p in exc.exceptions[:MAX_SHOWN_PROBLEMS])]
        if any("\n" in line for line in lines):
            lines = []  # problems over several lines: the line cap below applies to the whole text
        else:
            lines.append(tr("cli.more_problems", n=len(exc.exceptions) - MAX_SHOWN_PROBLEMS))
    if not lines:
        lines = str(exc).splitlines()
    cap = MAX_SHOWN_PROBLEMS * 4
    if len(lines) > cap:
        lines = [*lines[:cap], tr("cli.more_lines", n=len(lines) - cap)]
    return printable("\n".join(line if len(line) <= 2000 else line[:2000] + tr("cli.more_chars", n=len(line) - 2000) for line in lines))


def _terminated(signum: int, _frame: Any) -> None:
    """SIGTERM ends the command like Ctrl-C: temporary files are removed on the way out."""
    raise SystemExit(128 + signum)


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
    _allow_dir_option(parser, "allow_dir_first")  # also before the command, like --lang
    sub = parser.add_subparsers(dest="command", metavar=tr("cli.command_metavar"))
    sub.required = True
    if command is not None:
        importlib.import_module(f"spbe_rules.{COMMANDS[command]}").add_parser(sub)
    for each in sub.choices.values():
        if not any("--lang" in a.option_strings for a in each._actions):
            lang_option(each)
        if not any("--allow-dir" in a.option_strings for a in each._actions):
            _allow_dir_option(each, "allow_dir")
    return parser


def _allow_dir_option(parser: argparse.ArgumentParser, dest: str) -> None:
    """``--allow-dir FOLDER`` (repeatable). The command's own and the one given before the command
    keep separate lists (a subcommand's defaults would replace the other's), joined in :func:`_main`."""
    parser.add_argument("--allow-dir", action="append", default=[], metavar="FOLDER", dest=dest, help=tr("opt.allow_dir"))


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


def _without_global_options(arguments: Sequence[str]) -> list[str]:
    """``arguments`` without the options of ``spbe-rules`` itself (``--lang X``, ``--allow-dir=X``...)."""
    out: list[str] = []
    skip = False
    for word in arguments:
        if skip:
            skip = False
        elif word in _VALUE_OPTIONS:
            skip = True
        elif not word.startswith(tuple(f"{o}=" for o in _VALUE_OPTIONS)):
            out.append(word)
    return out


def _unknown_command(word: str) -> int:
    guess = closest(word, COMMANDS)
    hint = "" if guess is None else tr("cli.did_you_mean", guess=guess)
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


def _show_warning(message: Warning | str, *_where: Any, **_more: Any) -> None:
    """Warnings on the command line: one plain line on stderr, no file and line of the library."""
    print(printable(f"spbe-rules: {tr('cli.warning')}: {message}"), file=sys.stderr)


def _main(arguments: list[str]) -> int:
    warnings.showwarning = _show_warning
    command = command_of(arguments)
    if not _without_global_options(arguments):
        sys.stdout.write(command_list())
        return 0
    if command is not None and command not in COMMANDS:
        return _unknown_command(command)
    args = build_parser(command).parse_args(arguments)
    _inputs[:] = _named_inputs(args)
    try:
        previous = signal.signal(signal.SIGTERM, _terminated)
    except ValueError:  # not the main thread
        previous = None
    try:
        allowed = [*getattr(args, "allow_dir_first", ()), *getattr(args, "allow_dir", ())]
        with allowing(allowed):  # paths named inside data may also lead there
            code: int = args.func(args)
        return code
    except (ValidationError, Problem) as exc:
        print(f"spbe-rules: {_error_text(exc)}", file=sys.stderr)
        return 2
    except (RulesetNotFoundError, CliError) as exc:
        print(f"spbe-rules: {_error_text(exc)}", file=sys.stderr)
        return 2
    except SpbeError as exc:
        print(f"spbe-rules: {_error_text(exc)}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        _stdout_broken()
        return 1
    except KeyboardInterrupt:
        print(f"spbe-rules: {tr('cli.interrupted')}", file=sys.stderr)
        return 130
    except OSError as exc:
        print(printable(f"spbe-rules: {exc.filename or ''}: {exc.strerror or exc}"), file=sys.stderr)
        return 1
    except Exception as exc:  # a bug: say so plainly, the traceback only on request
        if os.environ.get("SPBE_RULES_DEBUG"):
            raise
        print(printable(f"spbe-rules: {tr('cli.internal_error', error=type(exc).__name__, detail=str(exc)[:2000])}"), file=sys.stderr)
        return 1
    finally:
        _inputs.clear()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
