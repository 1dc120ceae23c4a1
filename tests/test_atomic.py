"""Temporary files of atomic writes (issue 11 item 6): each names its owning process; a process
killed with SIGKILL leaves its file, and the next write into the same folder removes it, while
the files of live processes, of other machines and anything that is not such a file stay."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from spbe_rules._base import atomic
from spbe_rules._base.atomic import remove_stale, replacing, temp_beside

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_CSV = ROOT / "examples" / "batch" / "opd-contoh-2023-2024.csv"

pytestmark = pytest.mark.skipif(os.name != "posix", reason="process ids are asked with os.kill(pid, 0) on POSIX")


def _dead_pid() -> int:
    """The pid of a process that has ended (and been reaped)."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _temp_name(target: str, pid: int, tag: str | None = None) -> str:
    return f".{target}.spbe{tag or atomic._host_tag()}-{pid}.abc123_x.tmp"


def test_a_temporary_file_names_its_process(tmp_path: Path) -> None:
    fd, tmp = temp_beside(tmp_path / "hasil.csv")
    os.close(fd)
    assert tmp.parent == tmp_path
    m = re.fullmatch(r"\.hasil\.csv\.spbe([0-9a-f]{8})-(\d+)\.[a-z0-9_]+\.tmp", tmp.name)
    assert m is not None, tmp.name
    assert int(m.group(2)) == os.getpid() and m.group(1) == atomic._host_tag()
    long = tmp_path / ("x" * 250)  # a name near the limit still gives a temporary name under 255
    fd, tmp = temp_beside(long)
    os.close(fd)
    assert len(tmp.name) < 255


def test_only_the_files_of_gone_processes_are_removed(tmp_path: Path) -> None:
    dead = _dead_pid()
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        stale = tmp_path / _temp_name("out.csv", dead)
        live_other = tmp_path / _temp_name("out.csv", sleeper.pid)
        mine = tmp_path / _temp_name("out.csv", os.getpid())
        other_host = tmp_path / _temp_name("out.csv", dead, tag="00000000" if atomic._host_tag() != "00000000" else "11111111")
        unrelated = tmp_path / f".out.csv.{dead}.tmp"  # not our pattern (another program's temporary file)
        other_kind = tmp_path / _temp_name("dir", dead)
        for f in (stale, live_other, mine, other_host, unrelated):
            f.write_text("partial", encoding="utf-8")
        other_kind.mkdir()
        link = tmp_path / _temp_name("link", dead)
        link.symlink_to(tmp_path / "out.csv")
        assert remove_stale(tmp_path) == [stale]
        assert not stale.exists()
        for f in (live_other, mine, other_host, unrelated, other_kind):
            assert f.exists(), f.name
        assert link.is_symlink()
    finally:
        sleeper.kill()
        sleeper.wait()


def test_the_next_write_removes_a_stale_file(tmp_path: Path) -> None:
    stale = tmp_path / _temp_name("report.html", _dead_pid())
    stale.write_text("half a report", encoding="utf-8")
    with replacing(tmp_path / "other.txt") as tmp:  # any write into the folder, to any target
        tmp.write_text("whole", encoding="utf-8")
    assert not stale.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.txt"]


def _cli(*args: str, cwd: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SPBE_RULES_CACHE_DIR": "off"}
    return subprocess.Popen([sys.executable, "-m", "spbe_rules", *args], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _temps(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.mark.slow
def test_sigkill_mid_write_then_the_next_run_cleans_up(tmp_path: Path) -> None:
    lines = [line for line in EXAMPLE_CSV.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    (tmp_path / "in.csv").write_text("\n".join([lines[0], *(lines[1:] * 4000)]) + "\n", encoding="utf-8")  # 80,000 rows
    (tmp_path / "out.csv").write_text("the previous results\n", encoding="utf-8")
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        live = tmp_path / _temp_name("out.csv", sleeper.pid)  # another live writer's file: must survive
        live.write_text("being written", encoding="utf-8")
        proc = _cli("batch", "in.csv", "-o", "out.csv", "--ruleset", "pedoman-3-2024", "--backend", "python", cwd=tmp_path)
        deadline = time.monotonic() + 60
        while len(_temps(tmp_path)) < 2 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert proc.poll() is None, "the batch ended before it could be killed; make the input longer"
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=60)
        left = [p for p in _temps(tmp_path) if p != live]
        assert len(left) == 1 and f"-{proc.pid}." in left[0].name  # SIGKILL cannot be caught: the file stays, naming its owner
        assert (tmp_path / "out.csv").read_text(encoding="utf-8") == "the previous results\n"
        (tmp_path / "small.csv").write_text("\n".join(lines[:3]) + "\n", encoding="utf-8")
        again = _cli("batch", "small.csv", "-o", "out.csv", "--ruleset", "pedoman-3-2024", cwd=tmp_path)
        _, err = again.communicate(timeout=120)
        assert again.returncode == 0, err
        assert _temps(tmp_path) == [live]  # the killed run's file is gone; the live one is untouched
        assert live.read_text(encoding="utf-8") == "being written"
        assert len((tmp_path / "out.csv").read_text(encoding="utf-8").splitlines()) == 3
    finally:
        sleeper.kill()
        sleeper.wait()


@pytest.mark.slow
def test_sigterm_mid_run_to_stdout_writes_nothing(tmp_path: Path) -> None:
    """With -o - the results wait in an anonymous temporary file: stopped part-way, the command
    writes nothing on stdout and leaves no file anywhere in its folder."""
    lines = [line for line in EXAMPLE_CSV.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    (tmp_path / "in.csv").write_text("\n".join([lines[0], *(lines[1:] * 4000)]) + "\n", encoding="utf-8")
    proc = _cli("batch", "in.csv", "-o", "-", "--format", "csv", "--ruleset", "pedoman-3-2024", "--backend", "python", "--progress", "on", cwd=tmp_path)
    assert proc.stderr is not None
    os.set_blocking(proc.stderr.fileno(), False)
    seen = b""
    deadline = time.monotonic() + 60
    while b"spbe-rules batch" not in seen and proc.poll() is None and time.monotonic() < deadline:  # the progress line: rows are being read
        time.sleep(0.05)
        seen += proc.stderr.read() or b""
    assert proc.poll() is None, "the batch ended before it could be stopped; make the input longer"
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert out == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.csv"]
