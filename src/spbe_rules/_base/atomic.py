"""Writing files atomically: into a temporary file beside the target, renamed onto it when complete.

A failure part-way leaves the target as it was (or absent) and removes the temporary file,
so no command ever leaves partial output. The command line turns SIGTERM into an ordinary
exit, so the temporary file is removed then too.

SIGKILL (or a power cut) cannot be caught: the temporary file stays. So every temporary file
names its owner: ``.TARGET.spbe<host>-<pid>.<random>.tmp``, where ``<host>`` is a short hash of
the machine and its process-id namespace and ``<pid>`` the writing process. The next write into
the same folder (:func:`temp_beside`) removes the temporary files of this machine whose process
is gone, and only those: never a file of a live process (its pid answers), of another machine or
container (another ``<host>``), of another user, or anything that is not a regular file.
"""

from __future__ import annotations

import os
import re
import stat
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

__all__ = ["discard", "remove_stale", "replacing", "temp_beside"]

_STALE = re.compile(r"\A\..*\.spbe([0-9a-f]{8})-([0-9]{1,10})\.[A-Za-z0-9_]+\.tmp\Z", re.DOTALL)
_NAME_KEEP = 120  # characters of the target's name kept in a temporary file's name (names stay under 255)
# how tempfile.mkstemp opens a new file (binary), without importing tempfile (and random, shutil,
# bz2, lzma...) into every command that may write one: created here, never followed through a link
_OPEN_FLAGS = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
_TRIES = 10000  # tempfile.TMP_MAX


def _new_file(folder: Path, prefix: str, suffix: str) -> tuple[int, str]:
    """A new private file ``folder/prefix<random>suffix`` opened for writing, as ``tempfile.mkstemp``
    makes it (absolute path, mode 0600, created exclusively, a fresh random name on a clash)."""
    parent = os.path.abspath(folder)
    for _ in range(_TRIES):
        path = os.path.join(parent, f"{prefix}{os.urandom(6).hex()}{suffix}")
        try:
            return os.open(path, _OPEN_FLAGS, 0o600), path
        except FileExistsError:
            continue
        except PermissionError:
            # a folder of the chosen name exists on Windows
            if os.name == "nt" and os.path.isdir(parent) and os.access(parent, os.W_OK):
                continue
            raise
    raise FileExistsError(17, "No usable temporary file name found")


@cache
def _host_tag() -> str:
    """Eight hex digits for this machine and process-id namespace: a pid means the same process
    only where both are the same."""
    try:
        namespace = os.readlink("/proc/self/ns/pid")
    except (OSError, AttributeError):
        namespace = ""
    host = os.uname().nodename if hasattr(os, "uname") else os.environ.get("COMPUTERNAME", "")
    return format(zlib.crc32(f"{host}\0{namespace}".encode("utf-8", "replace")), "08x")


def _alive(pid: int) -> bool:
    """Whether process ``pid`` exists (a process of another user counts as alive)."""
    if pid <= 0:
        return True  # not a process id: never treated as gone
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True
    return True


def remove_stale(folder: Path) -> list[Path]:
    """Remove the temporary files in ``folder`` left by processes of this machine that are gone
    (killed while writing); return what was removed. Anything else is left alone."""
    removed: list[Path] = []
    if os.name != "posix":  # os.kill(pid, 0) only asks on POSIX (elsewhere it would end the process)
        return removed
    me = os.getpid()
    tag = _host_tag()
    uid = os.geteuid() if hasattr(os, "geteuid") else None
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        m = _STALE.match(entry.name)
        if m is None or m.group(1) != tag:
            continue
        pid = int(m.group(2))
        if pid == me or _alive(pid):
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode) or (uid is not None and st.st_uid != uid):
            continue
        try:
            os.unlink(entry.path)
        except OSError:
            continue
        removed.append(Path(entry.path))
    return removed


def temp_beside(target: Path) -> tuple[int, Path]:
    """A new temporary file in ``target``'s folder (to be renamed onto it), with the permissions
    a plainly created file would get (``mkstemp`` makes it private). Stale temporary files of
    killed processes in that folder are removed first (:func:`remove_stale`)."""
    parent = target.parent if str(target.parent) else Path(".")
    remove_stale(parent)
    fd, tmp = _new_file(parent, f".{target.name[:_NAME_KEEP]}.spbe{_host_tag()}-{os.getpid()}.", ".tmp")
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
