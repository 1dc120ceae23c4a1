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

__all__ = ["MAX_BYTES", "MAX_PATH", "FileProblem", "open_regular", "path_problem", "read_limited"]

MAX_BYTES = 2 * 1024 * 1024  # the most read of any ruleset, assessment, suite or costs file
MAX_PATH = 4096  # characters of a whole path
MAX_NAME = 255  # characters of one part of a path


class FileProblem(Exception):
    """Why a file cannot be read: ``code`` (``NOT_FOUND``, ``NOT_A_FILE``, ``PATH_TOO_LONG``,
    ``TOO_LARGE``, ``UNREADABLE``), ``message`` and ``hint``. Callers turn it into their typed error."""

    def __init__(self, code: str, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint


def path_problem(path: str | os.PathLike[str]) -> FileProblem | None:
    """A path that no file system accepts, or that holds a NUL character."""
    text = os.fspath(path)
    if "\0" in text:
        return FileProblem("PATH_TOO_LONG", "the path holds a NUL character", "name an existing .yaml or .json file")
    if len(text) > MAX_PATH or any(len(part) > MAX_NAME for part in Path(text).parts):
        return FileProblem("PATH_TOO_LONG", f"the path is {len(text)} characters long (a part of it may have at most {MAX_NAME})", "name an existing file with a shorter path")
    return None


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def open_regular(path: str | os.PathLike[str]) -> BinaryIO:
    """Open ``path`` for reading if it is a regular file (symlinks are followed); raise
    :class:`FileProblem` otherwise. Opening never blocks (a FIFO is refused, not waited on)."""
    bad = path_problem(path)
    if bad is not None:
        raise bad
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise FileProblem("NOT_FOUND", "the file does not exist", "check the path and its spelling") from None
    except IsADirectoryError:
        raise FileProblem("NOT_A_FILE", "this is a folder, not a file", "name a .yaml or .json file") from None
    except OSError as exc:
        if os.path.isdir(path):
            raise FileProblem("NOT_A_FILE", "this is a folder, not a file", "name a .yaml or .json file") from None
        raise FileProblem("UNREADABLE", f"the file cannot be read: {exc.strerror}", None) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            hint = "name a .yaml or .json file" if stat.S_ISDIR(mode) else "only regular files are read; copy the data into a file"
            raise FileProblem("NOT_A_FILE", f"this is {_kind(mode)}, not a regular file", hint)
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
            raise FileProblem("UNREADABLE", f"the file cannot be read: {exc.strerror}", None) from None
    if len(data) > limit:
        raise FileProblem("TOO_LARGE", f"the file is larger than {limit} bytes, the most that is read", "split the file")
    return data
