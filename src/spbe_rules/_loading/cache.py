"""The files of the disk cache of rulesets: where they are, and how an entry is written and read.

An entry is two lines of JSON. The first holds the SHA-256 of the second (with the library
version); the second holds the ``extends`` chain the ruleset was built from and the ruleset in
the compact form of :mod:`spbe_rules._model.compact`, which reads back with the standard
``json`` module alone. An entry whose second line does not hash to the value of its first is
discarded, never used (issue 11); :mod:`spbe_rules._loading.load` then checks the chain against
the files and the ruleset's own consistency before it uses an entry.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from .._base.atomic import replacing
from .._base.files import FileProblem, read_limited
from .._base.resources import schema_text
from .._model.compact import decode_ruleset, encode
from .._model.model import Ruleset
from .._version import __version__

__all__ = ["MAX_ENTRY", "cache_dir", "cache_file", "discard", "entry_hash", "read_entry", "write_entry"]

MAX_ENTRY = 32 * 1024 * 1024
_FORMAT = "spbe-rules/ruleset-cache@2"


def cache_dir() -> Path | None:
    """``$SPBE_RULES_CACHE_DIR`` (None when it is ``off``), else ``$XDG_CACHE_HOME/spbe-rules``, else ``~/.cache/spbe-rules``."""
    env = os.environ.get("SPBE_RULES_CACHE_DIR")
    if env is not None:
        return None if env.lower() in ("", "0", "off", "none") else Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "spbe-rules"


def cache_file(top_sha: str) -> Path | None:
    """The entry of a ruleset file whose bytes hash to ``top_sha`` (None: no disk cache)."""
    d = cache_dir()
    if d is None:
        return None
    salt = hashlib.sha256(f"{__version__}\0{_FORMAT}\0{schema_text('ruleset')}".encode()).hexdigest()[:16]
    return d / f"{top_sha[:40]}-{salt}.json"


def entry_hash(body: bytes) -> str:
    """The SHA-256 an entry carries for its second line ``body`` (and the library version)."""
    return hashlib.sha256(f"{_FORMAT}\0{__version__}\0".encode() + body).hexdigest()


def read_entry(f: Path) -> tuple[list[dict[str, Any]], Ruleset] | None:
    """The chain and the ruleset of the entry ``f``; None when there is none, or when it is damaged
    or edited (then it is removed). Never trusted beyond its hash: the caller checks the chain."""
    try:
        data = read_limited(f, MAX_ENTRY)
    except FileProblem:
        return None
    head, sep, body = data.partition(b"\n")
    try:
        header = json.loads(head)
        if not sep or not isinstance(header, dict) or header.get("format") != _FORMAT or header.get("content_sha256") != entry_hash(body):
            discard(f)  # edited or damaged: never trusted, rebuilt by the caller
            return None
        chain_text, sep, ruleset_text = body.partition(b"\n")
        chain = json.loads(chain_text)
        return chain, decode_ruleset(ruleset_text)
    except Exception:  # noqa: BLE001 - whatever is wrong with an entry, it is discarded and rebuilt, never trusted
        discard(f)
        return None


def write_entry(f: Path, chain: list[dict[str, Any]], ruleset: Ruleset) -> None:
    """Write the entry ``f`` atomically (a reader sees the old entry or the whole new one)."""
    body = json.dumps(chain, ensure_ascii=False).encode("utf-8") + b"\n" + json.dumps(encode(ruleset), ensure_ascii=False).encode("utf-8")
    header = json.dumps({"format": _FORMAT, "content_sha256": entry_hash(body)}).encode("ascii")
    f.parent.mkdir(parents=True, exist_ok=True)
    with replacing(f) as tmp:
        tmp.write_bytes(header + b"\n" + body)


def discard(f: Path) -> None:
    """Remove the entry ``f`` (nothing happens when it cannot be removed)."""
    try:
        f.unlink()
    except OSError:
        pass
