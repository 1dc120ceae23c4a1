"""Writing files atomically: into a temporary file beside the target, renamed onto it when complete.

A failure part-way leaves the target as it was (or absent) and removes the temporary file,
so no command ever leaves partial output.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["discard", "replacing", "temp_beside"]


# created only if absent, never through a symlink; binary on Windows (as tempfile.mkstemp does)
_FLAGS = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0)


def temp_beside(target: Path) -> tuple[int, Path]:
    """A new temporary file ``.NAME.<random>.tmp`` in ``target``'s folder (to be renamed onto it),
    with the permissions a plainly created file gets (0o666 less the umask).

    Made here rather than with ``tempfile.mkstemp`` (the same exclusive creation), whose module
    brings ``shutil``, ``random`` and the compression modules into every command's start-up."""
    parent = target.parent if str(target.parent) else Path(".")
    for _ in range(100):
        tmp = Path(os.path.abspath(parent / f".{target.name}.{os.urandom(6).hex()}.tmp"))
        try:
            return os.open(tmp, _FLAGS, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name beside {target}")


def discard(tmp: Path) -> None:
    """Remove a temporary file, if it is still there."""
    try:
        os.unlink(tmp)
    except OSError:
        pass


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target``, on failure it is removed."""
    fd, tmp = temp_beside(target)
    os.close(fd)
    try:
        yield tmp
        os.replace(tmp, target)
    except BaseException:
        discard(tmp)
        raise
