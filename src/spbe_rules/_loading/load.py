"""``load_ruleset``: file -> safe parse -> extends -> schema -> meaning -> frozen ``Ruleset``.

Caching. A loaded ruleset is kept in memory for the life of the process, keyed
by the files it was built from (path, size and modification time of each).
It is also written to a disk cache (``$SPBE_RULES_CACHE_DIR``, else
``$XDG_CACHE_HOME/spbe-rules``, else ``~/.cache/spbe-rules``) as JSON, named by
the SHA-256 of the file's bytes, the library version and the schema. The entry
records the ``extends`` chain (each base's reference, resolved path and
SHA-256); it is used only when the file hashes the same, every base still
resolves to the same path and hashes the same, so editing any file (or
upgrading the library) invalidates it, and a hit needs no YAML parsing, no
schema and no converter (the entry is in the compact form of ``_model/compact.py``,
read with the standard ``json`` module; the entry files are ``cache.py``). Set
``SPBE_RULES_CACHE_DIR=off`` to disable the disk cache. The cache holds data
only (JSON), never code.
"""

from __future__ import annotations

import hashlib
import warnings
from fractions import Fraction
import os
import re
from pathlib import Path
from collections.abc import Iterable
from typing import Any, TypeAlias

import attrs

from .._model import converter as conversion
from .._base.errors import Location, Problem, RulesetError, RulesetNotFoundError, tr
from .._base.text import closest
from .._base.messages import Msg
from .._model.model import Ruleset
from .cache import cache_file, discard, read_entry, write_entry
from .registry import installed_paths
from .merge import extends_problem
from .source import PosDict, read_source
from .source import locate
from .merge import merge_extension
from .checks import check_ruleset
from .schema import schema_problems
from .._base.files import MAX_BYTES, FileProblem, allowed_now, allowing, confined, path_problem, read_limited

# The JSON Schema validator (jsonschema) is imported only when a file is validated (see schema.py),
# so a disk-cache hit does not pay for it.

__all__ = [
    "allowing",
    "ruleset_named_in",
    "RulesetLike",
    "RulesetShadowWarning",
    "as_ruleset",
    "clear_cache",
    "load_ruleset",
    "merged_data",
    "resolve_ruleset_path",
]

_MAX_CHAIN = 8
_EXTENDS_FORM = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")  # as schemas/ruleset.schema.json writes `extends`
_MAX_EXTENDS = 64
_memory: dict[tuple[tuple[str, int, int], ...], Ruleset] = {}
_chains: dict[str, list[Path]] = {}


class RulesetShadowWarning(UserWarning):
    """An id resolved to the installed copy while a file of the same name sits in ./rulesets/ (edits there are not used)."""


def clear_cache() -> None:
    """Forget every ruleset loaded in this process (the disk cache is checked by content anyway)."""
    _memory.clear()
    _chains.clear()


def _is_path(ref: str | os.PathLike[str]) -> bool:
    if isinstance(ref, os.PathLike):
        return True
    return any(c in ref for c in "/\\") or ref.endswith((".yaml", ".yml", ".json"))


def resolve_ruleset_path(ref: str | os.PathLike[str], near: Path | None = None, referrer: Path | None = None) -> Path:
    """The file of a ruleset given by path, or by id (looked for beside ``near`` first, then installed).

    ``near`` is given when ``ref`` is written inside a file (``extends:``, an assessment's
    ``ruleset:``) that lives in the folder ``near``: a path is then taken from that folder and
    must stay in it (see :func:`confined`, which raises :class:`FileProblem` ``PATH_OUTSIDE``);
    without ``near`` the ref is the caller's own choice and is not confined.
    ``referrer`` is the file that names the id; it is never taken as the ruleset itself
    (an assessment saved as ``pedoman-3-2024.yaml`` still means the installed ruleset)."""
    bad = path_problem(ref)
    if bad is not None:
        raise RulesetNotFoundError(Msg("ruleset.bad_ref", ref=repr(str(ref)[:60]), why=bad.message))
    if _is_path(ref):
        if near is None:
            return Path(ref)
        if not str(ref).lower().endswith((".yaml", ".yml", ".json")):
            # a path named inside a file (extends:, ruleset:) must name a ruleset file, never /dev/zero or a pipe
            raise RulesetNotFoundError(Msg("ruleset.bad_path", ref=repr(str(ref))))
        return confined(ref, near, also=_installed_root())
    ref = str(ref)
    if near is not None:
        for suffix in (".yaml", ".yml"):
            candidate = near / f"{ref}{suffix}"
            if os.path.lexists(candidate) and not (referrer is not None and _same_file(candidate, referrer)):
                # beside the file: a symlink leading out of its folder is refused, not followed
                return confined(candidate.name, near, also=_installed_root())

    paths = installed_paths()
    if ref in paths:
        local = Path("rulesets") / f"{ref}.yaml"
        if local.is_file() and not _same_file(local, paths[ref]) and _differs(local, paths[ref]):
            warnings.warn(RulesetShadowWarning(tr("ruleset.shadowed", ref=ref, installed=str(paths[ref]), local=str(local))), stacklevel=2)
        return paths[ref]

    guess = closest(ref, paths)
    if guess is not None:
        raise RulesetNotFoundError(Msg("not_installed.guess", id=repr(ref), guess=repr(guess)), sorted(paths))
    raise RulesetNotFoundError(Msg("not_installed", id=repr(ref)), sorted(paths))


def ruleset_named_in(ref: str, referrer: str | None) -> Path:
    """The file of a ruleset named in a row or cell of the data file ``referrer`` (a batch's
    ``ruleset`` column): an installed id, or a path taken from ``referrer``'s folder that stays
    in it (:func:`confined`). ``referrer`` None (a row built in code): the caller's own choice."""
    if referrer is None or not _is_path(ref):
        return resolve_ruleset_path(ref)
    return resolve_ruleset_path(ref, near=Path(referrer).parent)


def _installed_root() -> tuple[Path, ...]:
    """The folder of the installed rulesets: a path named inside data may always lead there."""
    return tuple({p.parent for p in installed_paths().values()})


def _differs(local: Path, installed: Path) -> bool:
    """Whether ``./rulesets/ID.yaml`` holds other content than the installed copy (an identical
    copy, as in a fresh clone with the package installed, hides no edit: no warning)."""
    try:
        return read_limited(local, MAX_BYTES) != read_limited(installed, MAX_BYTES)
    except FileProblem:  # unreadable, too large or not a regular file: it is not what the id loads
        return True


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def _stat_key(paths: list[Path]) -> tuple[tuple[str, int, int], ...]:
    out = []
    for p in paths:
        st = p.stat()
        out.append((str(p.resolve()), st.st_size, st.st_mtime_ns))
    return tuple(out)


def load_ruleset(ref: str | os.PathLike[str], *, cache: bool = True, allow_dirs: Iterable[str | os.PathLike[str]] = ()) -> Ruleset:
    """Load a ruleset by installed id (``"permenpanrb-59-2020"``) or by file path.

    ``ref`` itself is the caller's choice and may be anywhere; a path written *inside* the file
    (``extends: ../base.yaml``) must stay in that file's folder, unless it leads into one of
    ``allow_dirs`` (see the "File formats" page, "Paths inside data").

    Raises :class:`RulesetError` (a ``ValueError``) listing every problem with
    ``file:line:col``, or :class:`RulesetNotFoundError` for an unknown id.
    """
    if allow_dirs:
        with allowing(allow_dirs):
            return load_ruleset(ref, cache=cache)
    path = resolve_ruleset_path(ref)
    # what an extends chain may reach depends on the folders allowed: part of the key
    key_str = (str(path.resolve()) if path.exists() else str(path)) + "\0" + "\0".join(map(str, allowed_now()))
    if cache and key_str in _chains:
        try:
            hit = _memory.get(_stat_key(_chains[key_str]))
        except OSError:
            hit = None
        if hit is not None:
            return hit
    hit_chain = _disk_get(path) if cache else None
    if hit_chain is not None:
        ruleset, chain_paths = hit_chain
    else:
        sources = _read_chain(path)
        chain_paths = [Path(s[0]) for s in sources]
        ruleset = _build(sources, _digest([raw for _, raw, _ in sources]))
        if cache:
            _disk_put(sources, ruleset)
    if ruleset.origin != str(path):
        # the disk cache is keyed by content: the same bytes may have been loaded from another file
        ruleset = attrs.evolve(ruleset, origin=str(path))
    if cache:
        try:
            _chains[key_str] = chain_paths
            _memory[_stat_key(chain_paths)] = ruleset
        except OSError:
            pass
    return ruleset


RulesetLike: TypeAlias = Ruleset | str | os.PathLike[str]
"""What every function that takes a ruleset accepts: a :class:`Ruleset`, an installed id or a file path."""


def as_ruleset(ruleset: RulesetLike) -> Ruleset:
    """``ruleset`` itself, or the ruleset loaded from the installed id or path it names."""
    if isinstance(ruleset, Ruleset):
        return ruleset
    if isinstance(ruleset, (str, os.PathLike)):
        return load_ruleset(ruleset)
    raise TypeError(f"a ruleset is a Ruleset, an installed id or a path, not {type(ruleset).__name__}")


def _read_chain(path: Path) -> list[tuple[str, bytes, Any]]:
    """The file and the files it extends, child first: (path, raw bytes, data)."""
    out: list[tuple[str, bytes, Any]] = []
    seen: list[str] = []
    current: Path | None = path
    child_data: Any = None
    while current is not None:
        name = str(current)
        src = read_source(current, what="ruleset", error=RulesetError)
        data = src.data
        if not isinstance(data, PosDict):
            raise RulesetError(Msg("head.cannot_read.ruleset"), [Problem.of("TYPE.ruleset", _start(data, name))])
        ident = str(current.resolve())
        if ident in seen:
            chain = " -> ".join(str(p) for p in [*seen, ident])
            raise RulesetError(Msg("head.extends_itself"), [extends_problem(child_data, out[-1][0], "EXTENDS_CYCLE", chain=chain)])
        seen.append(ident)
        out.append((name, src.raw, data))
        base = data.get("extends")
        if base is None:
            break
        if len(out) > _MAX_CHAIN:
            raise RulesetError(Msg("head.extends_chain"), [extends_problem(data, name, "EXTENDS_DEPTH", limit=_MAX_CHAIN)])
        if not isinstance(base, str):
            break  # the schema reports it
        if len(base) > _MAX_EXTENDS or _EXTENDS_FORM.fullmatch(base) is None:
            # the form the schema allows (an id, or a file name beside this file: no folder part),
            # checked before anything is looked up or opened (/dev/zero, ../other.yaml)
            what = Msg("field.key", key="extends")
            raise RulesetError(
                Msg("head.ruleset_invalid"),
                [
                    extends_problem(data, name, "TOO_LONG", what=what, limit=_MAX_EXTENDS)
                    if len(base) > _MAX_EXTENDS
                    else extends_problem(data, name, "PATTERN", hint=Msg("PATTERN.hint.extends"), what=what, actual=Msg("value.text", value=repr(base[:40])))
                ],
            )
        try:
            current = resolve_ruleset_path(base, near=current.parent)
        except FileProblem as fp:  # a path leading out of the file's folder, or too long
            raise RulesetError(Msg("head.named_path", name=name), [fp.problem(extends_problem(data, name, "EXTENDS_UNKNOWN").location)]) from None
        except RulesetNotFoundError as exc:
            raise RulesetError(
                Msg("head.base_not_found"),
                [
                    extends_problem(data, name, "EXTENDS_UNKNOWN", base=repr(base), installed=", ".join(exc.available))
                    if exc.available
                    else extends_problem(data, name, "EXTENDS_UNKNOWN.other", detail=exc.msg)
                ],
            ) from None
        child_data = data
    return out


def _start(data: Any, name: str) -> Location:
    """Where the data of a file starts (a list has a place; a lone value is placed at the top)."""

    loc = locate(data, [], name)
    return loc if loc.line is not None else Location(name, 1, 1)


def merged_data(ref: str | os.PathLike[str]) -> tuple[PosDict, str]:
    """The raw data of a ruleset with its ``extends`` chain applied (not validated), and the
    digest of the chain's bytes (equal to ``Ruleset.sha256`` when the files are unchanged).

    Every value keeps the mark of the file and line where it was written, so tools
    (diff, editors) can point at the place that gives a value, also in an extending file."""

    sources = _read_chain(resolve_ruleset_path(ref))
    data = sources[-1][2]
    for child_name, _, child in reversed(sources[:-1]):
        data, _problems = merge_extension(data, child, child_name)
    return data, _digest([raw for _, raw, _ in sources])


def _digest(raws: list[bytes]) -> str:
    h = hashlib.sha256()
    for raw in raws:
        h.update(hashlib.sha256(raw).digest())
    return h.hexdigest()


def _build(sources: list[tuple[str, bytes, Any]], digest: str) -> Ruleset:

    name, _, data = sources[-1]
    problems: list[Problem] = []
    for child_name, _, child in reversed(sources[:-1]):
        data, merge_problems = merge_extension(data, child, child_name)
        problems.extend(merge_problems)
        name = child_name
    if problems:
        raise RulesetError(Msg("head.ruleset_invalid"), problems)
    problems = schema_problems("ruleset", data, name)
    if problems:
        raise RulesetError(Msg("head.ruleset_invalid"), problems)
    problems, targets = check_ruleset(data, name)
    if problems:
        raise RulesetError(Msg("head.ruleset_invalid"), problems)
    model = _normalise(data, targets)
    model["sha256"] = digest
    model["origin"] = sources[0][0]
    return conversion.converter.structure(model, Ruleset)


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _normalise(data: Any, targets: dict[str, list[int]]) -> dict[str, Any]:
    """Reshape validated file data into the shape of the typed model."""
    d: dict[str, Any] = _plain(data)
    d.pop("format", None)
    d.pop("remove", None)
    d["evaluation_years"] = sorted(d.pop("applies_to")["evaluation_years"])
    d.setdefault("domains", [])
    for rule in d.get("rules", []):
        rule["targets"] = targets[rule["id"]]
        rule.pop("indicator", None)
    _normalise_requirements(d)
    return d


def _need(need: dict[str, Any]) -> dict[str, Any]:
    out = dict(need)
    if "max_age" in out:
        ((unit, amount),) = out["max_age"].items()
        out["max_age"] = {"amount": amount, "unit": unit}
    if "scope" in out:
        out["scope"] = tuple(out["scope"])
    return out


def _normalise_requirements(d: dict[str, Any]) -> None:
    """Requirement parts into the model's shape: flat items with indicator and level, in order."""
    d["evidence_kinds"] = [{"id": k, **v} for k, v in sorted((d.get("evidence_kinds") or {}).items())]
    items = []
    for num_key, levels in sorted((d.get("requirements") or {}).items(), key=lambda kv: int(kv[0])):
        for lv_key, level_items in sorted(levels.items(), key=lambda kv: int(kv[0])):
            for item in level_items:
                out = {**item, "indicator": int(num_key), "level": int(lv_key)}
                if "evidence" in out:
                    out["evidence"] = _need(out["evidence"])
                items.append(out)
    d["requirements"] = items
    d["requirements_unavailable"] = [
        {"indicator": int(k), "reason": v} for k, v in sorted((d.get("requirements_unavailable") or {}).items(), key=lambda kv: int(kv[0]))
    ]
    for doc in d.get("documents", []):
        if "evidence" in doc:
            doc["evidence"] = _need(doc["evidence"])
    policy = d.get("evidence_policy")
    if policy is not None:
        policy["evaluation_dates"] = {int(y): t for y, t in (policy.get("evaluation_dates") or {}).items()}


# -- disk cache (the entry files: cache.py) --------------------------------------------


def _sha(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _disk_get(path: Path) -> tuple[Ruleset, list[Path]] | None:
    """The cached ruleset of ``path`` if the file and every base in its chain are unchanged."""
    try:
        top = read_limited(path, MAX_BYTES)
    except FileProblem:
        return None  # the file itself is read (and its problem reported) by the build
    try:
        top_sha = _sha(top)
        f = cache_file(top_sha)
        if f is None:
            return None
        entry = read_entry(f)
        if entry is None:
            return None
        chain, ruleset = entry
        if chain[0]["sha256"] != top_sha:
            return None
        paths = [path]
        raws = [top]
        for link in chain[1:]:
            base = resolve_ruleset_path(link["ref"], near=paths[-1].parent, referrer=paths[-1])
            if str(base.resolve()) != link["path"]:
                return None
            raw = read_limited(base, MAX_BYTES)
            if _sha(raw) != link["sha256"]:
                return None
            paths.append(base)
            raws.append(raw)
        if ruleset.sha256 != _digest(raws) or not _consistent(ruleset):
            discard(f)
            return None
        return ruleset, paths
    except Exception:  # a damaged or stale cache entry is ignored and rebuilt, never trusted
        return None


def _consistent(rs: Ruleset) -> bool:
    """What every valid ruleset satisfies and a result depends on, checked again on a cache hit:
    weights add up (indicators to their aspect, aspects to their domain, all to the total) and the
    predikat bands follow one another without gap across the scale."""
    by_aspect: dict[str, Fraction] = {}
    for ind in rs.indicators:
        by_aspect[ind.aspect] = by_aspect.get(ind.aspect, Fraction(0)) + ind.weight
    if any(by_aspect.get(a.id, Fraction(0)) != a.weight for a in rs.aspects) or set(by_aspect) - {a.id for a in rs.aspects}:
        return False
    if rs.domains:
        by_domain: dict[str | None, Fraction] = {}
        for a in rs.aspects:
            by_domain[a.domain] = by_domain.get(a.domain, Fraction(0)) + a.weight
        if any(by_domain.get(d.id, Fraction(0)) != d.weight for d in rs.domains):
            return False
    if sum((a.weight for a in rs.aspects), Fraction(0)) != rs.total_weight:
        return False
    bands = rs.predikat.bands
    if not bands or bands[0].lower > rs.scale.min or bands[-1].upper < rs.scale.max:
        return False
    return all(b.lower < b.upper for b in bands) and all(x.upper == y.lower for x, y in zip(bands, bands[1:]))


def _disk_put(sources: list[tuple[str, bytes, Any]], ruleset: Ruleset) -> None:
    try:
        f = cache_file(_sha(sources[0][1]))
        if f is None:
            return
        chain: list[dict[str, Any]] = [{"ref": None, "path": str(Path(sources[0][0]).resolve()), "sha256": _sha(sources[0][1])}]
        for (_, _, child), (name, raw, _) in zip(sources, sources[1:]):
            chain.append({"ref": child.get("extends"), "path": str(Path(name).resolve()), "sha256": _sha(raw)})
        write_entry(f, chain, ruleset)
    except OSError:
        pass  # a read-only or full disk only costs speed
