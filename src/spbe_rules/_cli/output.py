"""Where a command's output goes: a file named by ``-o``/``--output`` (checked before any work,
written atomically) or, for ``-`` (and for commands whose ``-o`` is optional, no ``-o``),
standard output. One answer for every command that writes a table or a file format.

A format read from the file name's suffix, or given by ``--format``; standard output has no
suffix, so ``-o -`` needs ``--format``. A binary format (``.xlsx``) is never written to a
terminal (it would fill the screen with bytes); piped or redirected it is.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path
from typing import IO

from .._base.errors import Location, Problem, ValidationError
from .._base.messages import Msg
from .._base.text import printable
from .main import check_output

__all__ = ["BINARY_FORMATS", "Destination", "destination", "is_stdout", "stdout_bytes"]

BINARY_FORMATS = frozenset({"xlsx"})


def is_stdout(path: str | None) -> bool:
    """``-o -`` (or no ``-o`` where it is optional): the output goes to standard output."""
    return path is None or path == "-"


class Destination:
    """Where one output goes: ``path`` (None for standard output) and the ``format`` to write."""

    __slots__ = ("format", "path")

    def __init__(self, path: str | None, format: str) -> None:
        self.path = path
        self.format = format

    @property
    def stdout(self) -> bool:
        return self.path is None

    def name(self) -> Msg | str:
        """How the status line names it: the path, or "standard output"."""
        return Msg("batch.stdout") if self.path is None else self.path


def _refuse(problem: Problem) -> ValidationError:
    return ValidationError(Msg("head.bad_argument"), [problem])


def destination(path: str | None, fmt: str | None, suffixes: Mapping[str, str], *, what: str = "output", option: str = "-o") -> Destination:
    """Where ``-o path`` (``--format fmt``) writes, checked before the command does any work.

    ``suffixes`` maps the file name suffixes the command writes to their formats
    (``{".csv": "csv", ".xlsx": "xlsx"}``). Standard output needs ``fmt``; a binary format is
    refused when standard output is a terminal. A file must be one :func:`check_output` accepts;
    its format is ``fmt``, else its suffix's; a ``fmt`` that contradicts a known suffix is refused.
    Every refusal is a :class:`ValidationError` (exit 2) before anything is read or written.
    """
    formats = sorted(set(suffixes.values()))
    if is_stdout(path):
        if fmt is None:
            raise _refuse(Problem.of("UNKNOWN_FORMAT.stdout", Location(option), formats=" | ".join(formats)))
        if fmt in BINARY_FORMATS and sys.stdout.isatty():
            raise _refuse(Problem.of("BINARY_TO_TERMINAL", Location(option), format=fmt))
        return Destination(None, fmt)
    assert path is not None
    check_output(path, what)
    suffix = Path(path).suffix.lower()
    by_suffix = suffixes.get(suffix)
    if fmt is not None and by_suffix is not None and by_suffix != fmt:
        raise _refuse(Problem.of("FORMAT_MISMATCH", Location(option), format=fmt, suffix=suffix, path=printable(path)))
    chosen = fmt or by_suffix
    if chosen is None:
        raise ValidationError(
            Msg("head.batch.output_format"),
            [
                Problem.of(
                    "UNKNOWN_FORMAT.output",
                    Location(printable(path)),
                    hint=Msg("UNKNOWN_FORMAT.cli.hint", suffixes=", ".join(sorted(suffixes)), formats=" | ".join(formats)),
                    path=printable(path),
                    suffix=suffix or Msg("batch.no_suffix"),
                )
            ],
        )
    return Destination(path, chosen)


def stdout_bytes() -> IO[bytes]:
    """Standard output as a binary stream (text written before is flushed first)."""
    sys.stdout.flush()
    return sys.stdout.buffer
