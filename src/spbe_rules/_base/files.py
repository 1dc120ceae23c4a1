"""The one way input files are opened: regular files only, with a sane path and a size limit
enforced while reading.

A device (``/dev/zero``), a FIFO or a socket given as an input, or named inside a file (a
ruleset's ``extends:``, an assessment's ``ruleset:``, a ``ruleset`` column), would be read
until memory runs out or block forever; the size a file *reports* says nothing about them.
:func:`open_regular` opens without blocking, checks the opened file (not the name, which
could be swapped in between) and :func:`read_limited` stops as soon as the limit is passed.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import BinaryIO

from .errors import Location, Problem
from .messages import CATALOGUE, Msg

__all__ = ["MAX_BYTES", "MAX_PATH", "FileProblem", "open_regular", "path_problem", "read_limited"]

MAX_BYTES = 2 * 1024 * 1024  # the most read of any ruleset, assessment, suite or costs file
MAX_PATH = 4096  # characters of a whole path
MAX_NAME = 255  # characters of one part of a path


class FileProblem(Exception):
    """Why a file cannot be read: a catalogue key (its code up to the first dot: ``NOT_FOUND``,
    ``NOT_A_FILE``, ``PATH_TOO_LONG``, ``TOO_LARGE``, ``UNREADABLE``) and its parameters.
    Callers turn it into their typed error with :meth:`problem`."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    @property
    def code(self) -> str:
        return self.key.split(".")[0]

    @property
    def message(self) -> Msg:
        return Msg(self.key, **self.params)

    def problem(self, where: Location) -> Problem:
        hint = f"{self.key}.hint"
        return Problem(self.code, self.message, where, Msg(hint, **self.params) if hint in CATALOGUE else None)


def path_problem(path: str | os.PathLike[str]) -> FileProblem | None:
    """A path that no file system accepts, or that holds a NUL character."""
    text = os.fspath(path)
    if "\0" in text:
        return FileProblem("PATH_TOO_LONG.nul")
    if len(text) > MAX_PATH or any(len(part) > MAX_NAME for part in Path(text).parts):
        return FileProblem("PATH_TOO_LONG", length=len(text), limit=MAX_NAME)
    return None


def _kind(mode: int) -> Msg:
    if stat.S_ISDIR(mode):
        return Msg("file.kind.folder")
    if stat.S_ISFIFO(mode):
        return Msg("file.kind.fifo")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return Msg("file.kind.device")
    if stat.S_ISSOCK(mode):
        return Msg("file.kind.socket")
    return Msg("file.kind.other")


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """Open ``path`` for reading if it is a regular file (symlinks are followed); raise
    :class:`FileProblem` otherwise. Opening never blocks (a FIFO is refused, not waited on)."""
    bad = path_problem(path)
    if bad is not None:
        raise bad
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise FileProblem("NOT_FOUND") from None
    except IsADirectoryError:
        raise FileProblem("NOT_A_FILE") from None
    except OSError as exc:
        if os.path.isdir(path):
            raise FileProblem("NOT_A_FILE") from None
        raise FileProblem("UNREADABLE", reason=exc.strerror or str(exc)) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise FileProblem("NOT_A_FILE") if stat.S_ISDIR(mode) else FileProblem("NOT_A_FILE.kind", kind=_kind(mode))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_limited(path: str | os.PathLike[str], limit: int) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them (else ``TOO_LARGE``,
    found while reading, whatever size the file reports)."""
    with open_regular(path) as fh:
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise FileProblem("UNREADABLE", reason=exc.strerror or str(exc)) from None
    if len(data) > limit:
        raise FileProblem("TOO_LARGE.read", limit=limit)
    return data
