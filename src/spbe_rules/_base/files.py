"""The one way input files are opened: regular files only, with a sane path and a size limit
enforced while reading.

A device (``/dev/zero``), a FIFO or a socket given as an input, or named inside a file (a
ruleset's ``extends:``, an assessment's ``ruleset:``, a ``ruleset`` column), would be read
until memory runs out or block forever; the size a file *reports* says nothing about them.
:func:`open_regular` opens without blocking, checks the opened file (not the name, which
could be swapped in between) and :func:`read_limited` stops as soon as the limit is passed.

A path written *inside* a file (``extends: ../base.yaml``, a ``ruleset`` cell) is data, not the
user's choice: :func:`confined` resolves it (relative to the folder of the file that names it,
after every symlink) and accepts it only inside that folder or below it, inside a folder the
user allowed with :func:`allowed_dirs` (``--allow-dir`` on the command line), or inside the
places the caller adds (the installed rulesets). The rule lives here, in one place; see
the "File formats" page, section "Jalur di dalam data / Paths inside data".
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import BinaryIO

from .errors import Location, Problem, ValidationError
from .messages import CATALOGUE, Msg

__all__ = [
    "MAX_BYTES",
    "MAX_PATH",
    "FileProblem",
    "allowed_dirs",
    "allowed_now",
    "allow_dirs",
    "allowing",
    "confined",
    "open_regular",
    "path_problem",
    "read_limited",
]

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


# -- paths named inside data ----------------------------------------------------------------------

_ALLOWED: ContextVar[tuple[Path, ...]] = ContextVar("spbe_rules_allowed_dirs", default=())


def allowed_now() -> tuple[Path, ...]:
    """The folders paths named inside data may also lead into (real paths), as allowed by the
    enclosing :func:`allowed_dirs` blocks; empty by default."""
    return _ALLOWED.get()


@contextmanager
def allowed_dirs(dirs: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[Path, ...]]:
    """Within the block, a path named inside a file may also lead into each of ``dirs`` (or below).

    Each must be an existing folder (else :class:`FileProblem` ``ALLOW_DIR``); symlinks in it are
    resolved once here. Blocks nest: an inner block adds to the outer one."""
    real: list[Path] = list(_ALLOWED.get())
    for d in dirs:
        bad = path_problem(d)
        if bad is not None:
            raise FileProblem("ALLOW_DIR", path=os.fspath(d)[:80], why=bad.message)
        if not os.path.isdir(d):
            raise FileProblem("ALLOW_DIR", path=os.fspath(d), why=Msg("ALLOW_DIR.not_folder"))
        r = Path(os.path.realpath(d))
        if r not in real:
            real.append(r)
    token = _ALLOWED.set(tuple(real))
    try:
        yield tuple(real)
    finally:
        _ALLOWED.reset(token)


@contextmanager
def allowing(dirs: Iterable[str | os.PathLike[str]]) -> Iterator[None]:
    """Within the block, paths named inside data may also lead into ``dirs`` (the API's
    ``allow_dirs=``, the CLI's ``--allow-dir``); a folder that does not exist is a typed error."""
    dirs = list(dirs)
    if not dirs:
        yield
        return
    with ExitStack() as stack:
        try:
            stack.enter_context(allowed_dirs(dirs))
        except FileProblem as fp:
            raise ValidationError(Msg("head.allow_dir"), [fp.problem(Location(str(fp.params.get("path"))))]) from None
        yield


allow_dirs = allowing
"""Public name (``spbe_rules.allow_dirs``): ``with spbe_rules.allow_dirs(["/data/rulesets"]): ...``
lets paths named inside data also lead into those folders for every call in the block (a
generator such as ``evaluate_many`` must be iterated inside the block)."""


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def confined(name: str | os.PathLike[str], folder: str | os.PathLike[str], *, also: Iterable[Path] = ()) -> Path:
    """The real path of ``name``, a path written inside a file that lives in ``folder``.

    A relative ``name`` is taken from ``folder`` (never from the working directory). After every
    symlink is resolved, the path must lie in ``folder`` or below it, in a folder allowed with
    :func:`allowed_dirs`, or in one of ``also``; otherwise :class:`FileProblem` ``PATH_OUTSIDE``.
    Returns the path as named (``folder / name`` for a relative name), so messages keep the
    names people wrote; whether it is a regular file is checked when it is opened
    (:func:`open_regular`)."""
    bad = path_problem(name)
    if bad is not None:
        raise bad
    text = os.fspath(name)
    base = os.path.realpath(folder)
    real = Path(os.path.realpath(text if os.path.isabs(text) else os.path.join(base, text)))
    roots = [Path(base), *_ALLOWED.get(), *(Path(os.path.realpath(a)) for a in also)]
    if any(_inside(real, root) for root in roots):
        return Path(text) if os.path.isabs(text) else Path(folder) / text
    raise FileProblem("PATH_OUTSIDE", path=text, folder=os.fspath(folder) or ".", real=str(real))
