"""Writing files atomically: into a temporary file beside the target, renamed onto it when complete.

A failure part-way leaves the target as it was (or absent) and removes the temporary file,
so no command ever leaves partial output.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = ["discard", "replacing", "temp_beside"]


def temp_beside(target: Path) -> tuple[int, Path]:
    """A new temporary file in ``target``'s folder (to be renamed onto it), with the permissions
    a plainly created file would get (``mkstemp`` makes it private)."""
    parent = target.parent if str(target.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{target.name}.", suffix=".tmp")
    mask = os.umask(0)
    os.umask(mask)
    try:
        os.chmod(tmp, 0o666 & ~mask)
    except OSError:
        pass
    return fd, Path(tmp)


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
