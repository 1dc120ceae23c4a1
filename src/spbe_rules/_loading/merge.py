"""Resolving ``extends``: a ruleset that changes a base ruleset without copying it.

The merged data keeps the position of every value in the file it came from, so
errors found after merging still name the right file and line.
"""

from __future__ import annotations

from typing import Any, NamedTuple


from .._base.errors import Location, Problem
from .source import PosDict, PosList, key_location, locate

__all__ = ["KEYED_LISTS", "Merged", "merge_extension"]

# list name -> the field that identifies an item
KEYED_LISTS: dict[str, str] = {
    "sources": "id",
    "domains": "id",
    "aspects": "id",
    "indicators": "number",
    "documents": "key",
    "rules": "id",
    "stages": "id",
}
# mappings merged key by key: a key the extension gives replaces the base's entry for it
KEYED_MAPPINGS = ("evidence_kinds", "requirements", "requirements_unavailable")
# an indicator is either in `requirements` or in `requirements_unavailable`: giving it in one
# drops the inherited entry of the other
_EXCLUSIVE = {"requirements": "requirements_unavailable", "requirements_unavailable": "requirements"}
_REPLACED = ("scale", "predikat", "display", "legal_basis", "applies_to")
_CHILD_REQUIRED = ("format", "id", "version", "title", "status", "applies_to")
_NOT_INHERITED = ("reason", "description")  # these describe one file; an extension gives its own


def _copy_dict(d: PosDict) -> PosDict:
    out = PosDict(d)
    out.mark, out.marks, out.key_marks, out.file = d.mark, dict(d.marks), dict(d.key_marks), d.file
    return out


class Merged(NamedTuple):
    """A ruleset's data with an extending file applied, and the problems of the extension."""

    data: PosDict
    problems: list[Problem]


def merge_extension(base: PosDict, child: PosDict, name: str) -> Merged:
    """Apply ``child`` (a file with ``extends``) to the already-resolved ``base``."""
    problems: list[Problem] = []
    for key in _CHILD_REQUIRED:
        if key not in child:
            problems.append(Problem.of("REQUIRED.extends", locate(child, [], name), key=key))
    merged = _copy_dict(base)
    for key in _NOT_INHERITED:
        merged.pop(key, None)
    for key, value in child.items():
        if key in ("remove",):
            continue
        if key in KEYED_LISTS and isinstance(value, PosList) and isinstance(merged.get(key), PosList):
            merged[key] = _merge_list(merged[key], value, KEYED_LISTS[key])
        elif key in KEYED_MAPPINGS and isinstance(value, PosDict) and isinstance(merged.get(key), PosDict):
            merged[key] = _merge_mapping(merged[key], value)
        else:
            merged[key] = value
        merged.marks[key] = child.marks[key]
        merged.key_marks[key] = child.key_marks[key]
    for key, other in _EXCLUSIVE.items():
        given, current = child.get(key), merged.get(other)
        own = child.get(other)
        if isinstance(given, PosDict) and isinstance(current, PosDict):
            kept = _copy_dict(current)
            for number in given:
                if number in kept and not (isinstance(own, PosDict) and number in own):
                    del kept[number]
                    kept.marks.pop(number, None)
                    kept.key_marks.pop(number, None)
            merged[other] = kept
    remove = child.get("remove")
    if isinstance(remove, PosDict):
        for list_name, keys in remove.items():
            field = KEYED_LISTS.get(list_name)
            current = merged.get(list_name)
            if field is None or not isinstance(keys, PosList) or not isinstance(current, PosList):
                continue  # the schema reports these
            for i, k in enumerate(keys):
                idx = next((j for j, item in enumerate(current) if isinstance(item, dict) and item.get(field) == k), None)
                if idx is None:
                    problems.append(Problem.of("REMOVE_UNKNOWN", locate(remove, [list_name, i], name), list=list_name, key=k, base=base.get("id")))
                    continue
                del current[idx]
                del current.marks[idx]
                if list_name == "indicators":
                    _drop_indicator(merged, k)
    return Merged(merged, problems)


def _drop_indicator(merged: PosDict, number: object) -> None:
    """A removed indicator takes its requirement items (or the reason it has none) with it."""
    for key in ("requirements", "requirements_unavailable"):
        mapping = merged.get(key)
        if isinstance(mapping, PosDict) and str(number) in mapping:
            kept = _copy_dict(mapping)
            del kept[str(number)]
            kept.marks.pop(str(number), None)
            kept.key_marks.pop(str(number), None)
            merged[key] = kept


def _merge_mapping(base: PosDict, child: PosDict) -> PosDict:
    out = _copy_dict(base)
    for k, v in child.items():
        out[k] = v
        out.marks[k] = child.marks[k]
        out.key_marks[k] = child.key_marks[k]
    return out


def _merge_list(base: PosList, child: PosList, field: str) -> PosList:
    out = PosList(base)
    out.mark, out.marks, out.file = base.mark, list(base.marks), base.file
    # only text and numbers identify an item; anything else (a list, a mapping) is appended as
    # it is and the schema reports it at its place
    index = {item.get(field): i for i, item in enumerate(out) if isinstance(item, dict) and isinstance(item.get(field), (str, int))}
    for j, item in enumerate(child):
        key = item.get(field) if isinstance(item, dict) and isinstance(item.get(field), (str, int)) else None
        if key is not None and key in index and isinstance(out[index[key]], PosDict) and isinstance(item, PosDict):
            patched = _copy_dict(out[index[key]])
            for k, v in item.items():
                patched[k] = v
                patched.marks[k] = item.marks[k]
                patched.key_marks[k] = item.key_marks[k]
            patched.mark = item.mark
            out[index[key]] = patched
            out.marks[index[key]] = child.marks[j]
        else:
            out.append(item)
            out.marks.append(child.marks[j])
            if key is not None:
                index[key] = len(out) - 1
    return out


def extends_problem(child: PosDict, name: str, key: str, /, **params: Any) -> Problem:
    """The catalogue problem ``key`` at the ``extends:`` of ``child``."""
    loc = locate(child, ["extends"], name)
    return Problem.of(key, loc if loc.line else key_location(child, "extends") or Location(name), **params)
