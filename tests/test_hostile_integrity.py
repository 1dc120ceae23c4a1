"""Integrity under attack (issue 11): a tampered disk cache never changes a result; a killed
command leaves no temporary file (SIGTERM) and never a partial target; commands running at the
same time on the same cache and the same output end with complete, valid files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

import spbe_rules
from spbe_rules._loading import cache as cache_module

ROOT = Path(__file__).resolve().parent.parent
KAB = ROOT / "examples" / "kabupaten-contoh-2024.yaml"
EXAMPLE_CSV = ROOT / "examples" / "batch" / "opd-contoh-2023-2024.csv"

pytestmark = pytest.mark.skipif(not KAB.is_file(), reason="needs the source tree (examples/)")


def _entries(cache: Path) -> list[Path]:
    return sorted(cache.glob("*.json"))


def _genuine() -> tuple[spbe_rules.Ruleset, spbe_rules.Result]:
    rs = spbe_rules.load_ruleset("pedoman-3-2024", cache=False)
    return rs, spbe_rules.evaluate(rs, spbe_rules.load_assessment(KAB))


def _read(entry: Path) -> tuple[dict[str, Any], list[Any], dict[str, Any]]:
    """An entry as plain JSON data: its header line, its chain line and its ruleset line (compact form)."""
    header, chain, ruleset = entry.read_bytes().split(b"\n")
    return json.loads(header), json.loads(chain), json.loads(ruleset)


def _write(entry: Path, header: dict[str, Any], chain: list[Any], ruleset: dict[str, Any], *, rehash: bool) -> None:
    body = json.dumps(chain).encode() + b"\n" + json.dumps(ruleset).encode()
    if rehash:  # an attacker who knows the format: the content hash is right
        header = {**header, "content_sha256": cache_module.entry_hash(body)}
    entry.write_bytes(json.dumps(header).encode() + b"\n" + body)


def _verifies(entry: Path) -> bool:
    header, _, body = entry.read_bytes().partition(b"\n")
    return bool(json.loads(header)["content_sha256"] == cache_module.entry_hash(body))


def _ruleset_id(entry: Path) -> str:
    return str(_read(entry)[2]["id"])


def _tamper(entry: Path, *, rehash: bool) -> None:
    """Move the Cukup/Baik boundary (2.60 -> 2.30) and lower every weight of aspect A1's first
    indicator: the example (2.3055, Cukup) would become Baik."""
    header, chain, ruleset = _read(entry)
    for b in ruleset["predikat"]["bands"]["t"]:
        if b["name"] == "Cukup":
            b["upper"] = {"q": [23, 10]}
        if b["name"] == "Baik":
            b["lower"] = {"q": [23, 10]}
    if rehash:  # the content hash is right, the ruleset still checked
        ruleset["indicators"]["t"][0]["weight"] = {"q": [1, 2]}
    _write(entry, header, chain, ruleset, rehash=rehash)


@pytest.mark.parametrize("rehash", [False, True], ids=["edited", "edited-and-rehashed"])
def test_a_tampered_cache_entry_is_discarded_and_rebuilt(cache_dir: Path, rehash: bool) -> None:
    rs0, genuine = _genuine()
    spbe_rules.load_ruleset("pedoman-3-2024")  # writes the entries (the ruleset and its bases)
    entries = {e.name: e for e in _entries(cache_dir) if _ruleset_id(e) == "pedoman-3-2024"}
    assert len(entries) == 1
    entry = next(iter(entries.values()))
    _tamper(entry, rehash=rehash)
    tampered = entry.read_bytes()
    spbe_rules.clear_cache()  # forget the memory copy: the next load sees only the disk entry
    rs = spbe_rules.load_ruleset("pedoman-3-2024")
    result = spbe_rules.evaluate(rs, spbe_rules.load_assessment(KAB))
    assert rs.predikat == rs0.predikat and rs.indicators == rs0.indicators
    assert (
        (result.index_exact, result.index, result.predikat) == (genuine.index_exact, genuine.index, genuine.predikat) == (Fraction(4611, 2000), "2.31", "Cukup")
    )
    assert entry.read_bytes() != tampered  # rebuilt and written again
    assert _verifies(entry)


def test_a_consistent_ruleset_that_is_not_the_one_on_disk_is_caught_by_its_hash(cache_dir: Path) -> None:
    """Renaming two bands keeps every sum and band consistent: only the content hash catches it."""
    spbe_rules.load_ruleset("pedoman-3-2024")
    entry = next(e for e in _entries(cache_dir) if _ruleset_id(e) == "pedoman-3-2024")
    header, chain, ruleset = _read(entry)
    for b in ruleset["predikat"]["bands"]["t"]:
        b["name"] = {"Cukup": "Baik", "Baik": "Cukup"}.get(b["name"], b["name"])
    _write(entry, header, chain, ruleset, rehash=False)
    spbe_rules.clear_cache()
    assert spbe_rules.evaluate(spbe_rules.load_ruleset("pedoman-3-2024"), spbe_rules.load_assessment(KAB)).predikat == "Cukup"


@pytest.mark.parametrize("damage", ["truncated", "not-json", "fifo", "huge-number", "folder"])
def test_a_damaged_cache_entry_is_ignored(cache_dir: Path, damage: str) -> None:
    spbe_rules.load_ruleset("pedoman-3-2024")
    entry = next(e for e in _entries(cache_dir) if _ruleset_id(e) == "pedoman-3-2024")
    text = entry.read_text(encoding="utf-8")
    entry.unlink()
    if damage == "truncated":
        entry.write_text(text[: len(text) // 2], encoding="utf-8")
    elif damage == "not-json":
        entry.write_text("\x00\x01 garbage", encoding="utf-8")
    elif damage == "fifo":
        os.mkfifo(entry)  # reading it would block for ever: it is refused at once
    elif damage == "huge-number":  # a boundary of a million digits, the entry rehashed: only reading the number can refuse it
        head, _, body = text.encode("utf-8").partition(b"\n")
        huge = body.replace(b'{"q": [13, 5]}', b'{"q": [1' + b"0" * 1_000_000 + b", 1]}")
        assert huge != body
        entry.write_bytes(json.dumps({**json.loads(head), "content_sha256": cache_module.entry_hash(huge)}).encode() + b"\n" + huge)
    else:
        entry.mkdir()
    spbe_rules.clear_cache()
    start = time.monotonic()
    rs = spbe_rules.load_ruleset("pedoman-3-2024")
    assert time.monotonic() - start < 10
    assert spbe_rules.evaluate(rs, spbe_rules.load_assessment(KAB)).predikat == "Cukup"


# -- killed commands and commands at the same time -------------------------------------------------


def _cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "spbe_rules", *args], cwd=cwd, env={**os.environ, **(env or {})}, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def _big_csv(path: Path, copies: int) -> None:
    lines = [line for line in EXAMPLE_CSV.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    path.write_text("\n".join([lines[0], *(lines[1:] * copies)]) + "\n", encoding="utf-8")


def _temps(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.slow
def test_sigterm_removes_the_temporary_file_and_leaves_the_target(tmp_path: Path) -> None:
    _big_csv(tmp_path / "in.csv", 4000)  # 80,000 rows: long enough to be stopped part-way
    (tmp_path / "out.csv").write_text("the previous results\n", encoding="utf-8")
    proc = _cli("batch", "in.csv", "-o", "out.csv", "--ruleset", "pedoman-3-2024", "--backend", "python", cwd=tmp_path, env={"SPBE_RULES_CACHE_DIR": "off"})
    deadline = time.monotonic() + 60
    while not _temps(tmp_path) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert proc.poll() is None, "the batch ended before it could be stopped; make the input longer"
    assert _temps(tmp_path), "no temporary file appeared"
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert _temps(tmp_path) == []
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == "the previous results\n"
    assert out == b"" and b"Traceback" not in err


@pytest.mark.slow
def test_sigkill_never_leaves_a_partial_target(tmp_path: Path) -> None:
    _big_csv(tmp_path / "in.csv", 4000)
    (tmp_path / "out.csv").write_text("the previous results\n", encoding="utf-8")
    proc = _cli("batch", "in.csv", "-o", "out.csv", "--ruleset", "pedoman-3-2024", "--backend", "python", cwd=tmp_path, env={"SPBE_RULES_CACHE_DIR": "off"})
    deadline = time.monotonic() + 60
    while not _temps(tmp_path) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.kill()
    proc.communicate(timeout=60)
    # SIGKILL cannot be caught: a temporary file may stay, but the target is the old one, whole
    assert (tmp_path / "out.csv").read_text(encoding="utf-8") == "the previous results\n"


@pytest.mark.slow
def test_commands_at_the_same_time_share_a_cache_and_an_output(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    env = {"SPBE_RULES_CACHE_DIR": str(cache)}
    procs = [_cli("evaluate", str(KAB), "--format", "json", "-o", "same.json", cwd=tmp_path, env=env) for _ in range(4)]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    result = spbe_rules.result_from_json((tmp_path / "same.json").read_text(encoding="utf-8"))  # one whole file
    assert (result.index, result.predikat) == ("2.31", "Cukup")
    assert _temps(tmp_path) == [] and [p.name for p in cache.iterdir() if p.name.endswith(".tmp")] == []
    for entry in cache.glob("*.json"):  # every entry written at the same time is whole and verifies
        assert _verifies(entry)
