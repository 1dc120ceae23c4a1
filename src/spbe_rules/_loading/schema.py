"""Validating data against the published JSON Schemas, with every error in plain words and its place."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from functools import cache
from collections.abc import Iterable, Iterator
from typing import Any

from .._base.errors import Location, Problem
from .._base.text import did_you_mean
from .._base.messages import CATALOGUE, Msg
from .._base.resources import schema_text
from .source import PosDict, key_location, locate

__all__ = ["assessment_surely_valid", "schema_problems"]

# A quick check that accepts only assessments the JSON Schema accepts too (a strict subset of
# schemas/assessment.schema.json; a property test holds it to that). A well-formed assessment
# then needs no JSON Schema validator, which keeps `spbe-rules evaluate` quick to start; anything
# it does not accept goes to the full validator, which explains every problem.
_NAME = re.compile(r"[a-z][a-z0-9_]*\Z")
_RULESET_ID = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
_NUMBER = re.compile(r"[1-9][0-9]{0,2}\Z")
_ASSESSMENT_KEYS = frozenset({"format", "ruleset", "instansi", "year", "stage", "levels", "stages", "documents", "note", "evaluated_on", "evidence"})
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_EVIDENCE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.#-]*\Z")
_REQUIREMENT_ID = re.compile(r"[0-9]{1,3}\.[0-9]{1,2}\.[a-z0-9][a-z0-9-]*\Z")
_SHA256 = re.compile(r"[0-9a-f]{64}\Z")
_EVIDENCE_KEYS = frozenset({"id", "kind", "date", "title", "adopted", "url", "file", "sha256", "scope", "supports", "document", "stage", "verdicts", "note"})


def _text(value: Any, lo: int, hi: int) -> bool:
    return type(value) is str and lo <= len(value) <= hi


def _names(value: Any) -> bool:
    return isinstance(value, list) and all(type(v) is str and _NAME.match(v) is not None for v in value) and len(set(value)) == len(value)


def _verdicts_surely_valid(value: Any) -> bool:
    return _name_map(value) and all(
        isinstance(v, dict)
        and v.keys() <= {"verdict", "reason"}
        and v.get("verdict") in ("accepted", "rejected")
        and ("reason" in v or v["verdict"] == "accepted")
        and ("reason" not in v or _text(v["reason"], 1, 4000))
        for v in value.values()
    )


def _evidence_surely_valid(items: Any) -> bool:
    """The fast path for `evidence:` (False: ask the schema)."""
    if not isinstance(items, list) or len(items) > 5000:
        return False
    for e in items:
        if not (isinstance(e, dict) and e.keys() <= _EVIDENCE_KEYS and {"id", "kind", "date"} <= e.keys()):
            return False

        def g(key: str, e: Any = e) -> Any:
            return e[key]

        if not (
            type(e["id"]) is str
            and len(e["id"]) <= 120
            and _EVIDENCE_ID.match(e["id"]) is not None
            and type(e["kind"]) is str
            and _NAME.match(e["kind"]) is not None
            and type(e["date"]) is str
            and _DATE.match(e["date"]) is not None
            and ("title" not in e or _text(g("title"), 1, 1000))
            and ("adopted" not in e or type(g("adopted")) is bool)
            and ("url" not in e or _text(g("url"), 1, 2000))
            and ("file" not in e or _text(g("file"), 1, 1000))
            and ("sha256" not in e or (type(g("sha256")) is str and _SHA256.match(g("sha256")) is not None))
            and ("scope" not in e or _names(g("scope")))
            and (
                "supports" not in e
                or (
                    isinstance(g("supports"), list)
                    and len(set(g("supports"))) == len(g("supports"))
                    and all(type(v) is str and len(v) <= 80 and _REQUIREMENT_ID.match(v) is not None for v in g("supports"))
                )
            )
            and ("document" not in e or (type(g("document")) is str and _NAME.match(g("document")) is not None))
            and ("stage" not in e or (type(g("stage")) is str and _NAME.match(g("stage")) is not None))
            and ("verdicts" not in e or _verdicts_surely_valid(g("verdicts")))
            and ("note" not in e or (type(g("note")) is str and len(g("note")) <= 4000))
        ):
            return False
    return True


def _levels_surely_valid(m: Any) -> bool:
    return isinstance(m, dict) and all(type(k) is str and _NUMBER.match(k) is not None and type(v) is int and 0 <= v <= 10 for k, v in m.items())


def _name_map(m: Any) -> bool:
    return isinstance(m, dict) and all(type(k) is str and _NAME.match(k) is not None for k in m)


def assessment_surely_valid(data: Any) -> bool:
    """True only when ``data`` is certainly a valid assessment under the JSON Schema (False: ask the schema)."""
    if not isinstance(data, dict) or not data.keys() <= _ASSESSMENT_KEYS or "instansi" not in data or "year" not in data:
        return False
    get = data.get
    instansi, year = data["instansi"], data["year"]
    return (
        get("format", "spbe-rules/assessment@1") == "spbe-rules/assessment@1"
        and ("ruleset" not in data or (type(data["ruleset"]) is str and _RULESET_ID.match(data["ruleset"]) is not None))
        and type(instansi) is str
        and 1 <= len(instansi) <= 300
        and type(year) is int
        and 2000 <= year <= 2100
        and ("stage" not in data or (type(data["stage"]) is str and _NAME.match(data["stage"]) is not None))
        and ("levels" not in data or _levels_surely_valid(data["levels"]))
        and ("stages" not in data or (_name_map(data["stages"]) and len(data["stages"]) >= 1 and all(map(_levels_surely_valid, data["stages"].values()))))
        and ("documents" not in data or (_name_map(data["documents"]) and all(type(v) is bool for v in data["documents"].values())))
        and ("note" not in data or (type(data["note"]) is str and len(data["note"]) <= 4000))
        and ("evaluated_on" not in data or (type(data["evaluated_on"]) is str and _DATE.match(data["evaluated_on"]) is not None))
        and ("evidence" not in data or _evidence_surely_valid(data["evidence"]))
    )


@cache
def _validator(name: str) -> Any:
    import jsonschema  # imported here: only needed when a file is validated, not when a cached ruleset is used

    schema = json.loads(schema_text(name))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def _describe(value: Any) -> Msg:
    if isinstance(value, bool):
        return Msg("value.bool", value="true" if value else "false")
    if value is None:
        return Msg("value.null")
    if isinstance(value, (int, Decimal)):
        return Msg("value.number", value=str(value))
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "..."
        return Msg("value.text", value=repr(short))
    if isinstance(value, list):
        return Msg("value.list")
    if isinstance(value, dict):
        return Msg("value.mapping")
    return Msg("value.other", value=type(value).__name__)


def _type_words(types: list[str]) -> Msg:
    words = [Msg(f"type.{t}") if f"type.{t}" in CATALOGUE else Msg("type.other", name=t) for t in types]
    out = words[0]
    for w in words[1:]:
        out = Msg("or", a=out, b=w)
    return out


def _field(path: list[str | int]) -> Msg:
    if len(path) >= 2 and isinstance(path[-1], str) and path[-1].isdigit():
        parent = path[-2]
        if parent == "levels" or (len(path) >= 3 and path[-3] == "stages"):
            return Msg("field.level", n=path[-1])
        if parent == "criteria":
            return Msg("field.criteria", n=path[-1])
    for step in reversed(path):
        if isinstance(step, str):
            return Msg("field.key", key=step)
    return Msg("field.value")


def _translate(error: Any, data: Any, name: str) -> list[Problem]:
    path = list(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        return _unknown_keys(error, path, data, name)
    return [_translate_one(error, path, data, name)]


def _unknown_keys(error: Any, path: list[str | int], data: Any, name: str) -> list[Problem]:
    loc = locate(data, path, name)
    inst = error.instance
    allowed = list(error.schema.get("properties", {}))
    out = []
    for key in (k for k in inst if k not in allowed):
        kloc = key_location(inst, key) or loc
        kloc = Location(kloc.file, kloc.line, kloc.col, f"{loc.json_path}.{key}")
        hint = did_you_mean(key, allowed, cutoff=0.6, otherwise=Msg("UNKNOWN_KEY.allowed", allowed=", ".join(f"`{k}`" for k in allowed)))
        out.append(Problem.of("UNKNOWN_KEY", kloc, hint=hint, key=key))
    return out


def _translate_one(error: Any, path: list[str | int], data: Any, name: str) -> Problem:
    loc = locate(data, path, name)
    v = error.validator
    inst = error.instance
    what = _field(path)
    if v == "required":
        missing = [k for k in error.validator_value if not (isinstance(inst, dict) and k in inst)]
        key = missing[0] if missing else "?"
        return Problem.of("REQUIRED", loc, key=key)
    if v == "type":
        expected = error.validator_value
        exp = [expected] if isinstance(expected, str) else list(expected)
        hint = None
        if "integer" in exp and isinstance(inst, str):
            hint = Msg("TYPE.hint.integer_text")
        elif "integer" in exp and isinstance(inst, Decimal):
            hint = Msg("TYPE.hint.integer_decimal")
        elif "number" in exp and isinstance(inst, str):
            hint = Msg("TYPE.hint.number_text")
        return Problem.of("TYPE", loc, hint=hint, what=what, expected=_type_words(exp), actual=_describe(inst))
    if v in ("enum", "const"):
        options = error.validator_value if v == "enum" else [error.validator_value]
        shown = ", ".join(str(o) for o in options)
        hint = did_you_mean(inst, options, cutoff=0.6, otherwise=Msg("NOT_ALLOWED.options", options=shown))
        return Problem.of("NOT_ALLOWED", loc, hint=hint, what=what, actual=_describe(inst))
    if v == "pattern":
        if path and path[-1] in ("weight", "from", "to", "total_weight"):
            return Problem.of("TYPE.number", loc, what=what, actual=_describe(inst))
        return Problem.of("PATTERN", loc, hint=_pattern_hint(path), what=what, actual=_describe(inst))
    if v == "propertyNames":
        bad = error.instance
        return Problem.of("BAD_KEY", loc, hint=_pattern_hint(path, key=True), key=repr(bad))
    if v in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return Problem.of("OUT_OF_RANGE", loc, what=what, value=str(inst), bound=Msg(f"bound.{v}", bound=str(error.validator_value)))
    if v in ("minItems", "minProperties"):
        return Problem.of("EMPTY", loc, what=what)
    if v in ("maxLength",):
        return Problem.of("TOO_LONG", loc, what=what, limit=error.validator_value)
    if v == "minLength":
        return Problem.of("EMPTY.text", loc, what=what)
    if v == "uniqueItems":
        return Problem.of("DUPLICATE", loc, what=what)
    if v == "not" and isinstance(error.validator_value, dict) and "required" in error.validator_value:
        key = error.validator_value["required"][0]
        kind = inst.get("kind") if isinstance(inst, dict) else None
        kloc = key_location(inst, key) or loc
        return Problem.of("NOT_FOR_KIND", kloc, key=key, kind=kind)
    return Problem.of("SCHEMA", loc, what=what, detail=error.message)


def _pattern_hint(path: list[str | int], key: bool = False) -> Msg:
    last = [p for p in path if isinstance(p, str)]
    where = last[-1] if last else ""
    if where in ("levels", "criteria") or (last and last[0] == "stages" and key):
        return Msg("PATTERN.hint.keys")
    if where in ("id", "extends", "ruleset"):
        return Msg("PATTERN.hint.id")
    if where == "version":
        return Msg("PATTERN.hint.version")
    if where in ("documents", "key", "document"):
        return Msg("PATTERN.hint.document")
    return Msg("PATTERN.hint.other")


def schema_problems(schema: str, data: Any, name: str) -> list[Problem]:
    """All schema problems of ``data`` (parsed from the file ``name``), one per place, in file order.

    An assessment's level mappings (``levels``, each stage) can hold 200,000 entries; their
    keys and their whole-number levels are checked here directly (the same problems the JSON
    Schema gives, held to it by a test), and only the other entries go to the validator, so a
    file of 20,000 bad entries costs milliseconds, not seconds."""
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    if schema == "assessment" and isinstance(data, dict):
        found, data_for_schema = _levels_checked(data)
        _add(problems, seen, (p for f in found for p in _translate(f, data, name)))
    else:
        data_for_schema = data
    _add(problems, seen, _schema_problems(_validator(schema), data_for_schema, data, name))
    return problems


def _add(problems: list[Problem], seen: set[tuple[str, str]], new: Iterable[Problem]) -> None:
    for p in new:
        key = (p.location.json_path, p.code)
        if key not in seen:
            seen.add(key)
            problems.append(p)


def _schema_problems(validator: Any, checked: Any, data: Any, name: str) -> Iterator[Problem]:
    """The problems the JSON Schema validator finds in ``checked`` (``data`` or a part-checked copy
    of it with the same paths), placed in ``data``."""
    for error in validator.iter_errors(checked):
        for leaf in _leaves(error):
            yield from _translate(leaf, data, name)


class _Found:
    """What :func:`_translate` reads of a validator's error, for a problem found directly."""

    __slots__ = ("validator", "validator_value", "instance", "schema", "absolute_path", "context", "message")

    def __init__(self, validator: str, value: Any, instance: Any, path: list[str | int]) -> None:
        self.validator = validator
        self.validator_value = value
        self.instance = instance
        self.schema: dict[str, Any] = {}
        self.absolute_path = path
        self.context: list[Any] = []
        self.message = ""


@cache
def _entry_bounds() -> tuple[int, int]:
    entry = json.loads(schema_text("assessment"))["$defs"]["entry"]
    return int(entry["minimum"]), int(entry["maximum"])


def _levels_checked(data: dict[str, Any]) -> tuple[list[_Found], Any]:
    """The problems of the keys and whole-number levels of ``data``'s level mappings (in the order
    the validator finds them), and a copy of ``data`` whose level mappings keep only the other
    entries, for the validator."""
    lo, hi = _entry_bounds()
    found: list[_Found] = []

    def rest(mapping: dict[str, Any], path: list[str | int]) -> dict[str, Any]:
        bad_key = next((k for k in mapping if not (type(k) is str and _NUMBER.match(k))), None)
        if bad_key is not None:  # the validator reports the first key out of pattern, at the mapping
            found.append(_Found("pattern", _NUMBER.pattern, bad_key, path))
        kept: dict[str, Any] = {}
        for k, v in mapping.items():
            if type(v) is not int:
                kept[k] = v
            elif v < lo:
                found.append(_Found("minimum", lo, v, [*path, k]))
            elif v > hi:
                found.append(_Found("maximum", hi, v, [*path, k]))
        return kept

    out = _copy(data)
    if isinstance(data.get("levels"), dict):
        out["levels"] = rest(data["levels"], ["levels"])
    stages = data.get("stages")
    if isinstance(stages, dict):
        out["stages"] = {sid: rest(m, ["stages", sid]) if isinstance(m, dict) else m for sid, m in stages.items()}
    return found, out


def _copy(data: dict[str, Any]) -> dict[str, Any]:
    """A shallow copy that keeps the places of the keys (unknown keys are reported where written)."""
    if not isinstance(data, PosDict):
        return dict(data)
    out = PosDict(data)
    out.mark, out.marks, out.key_marks, out.file = data.mark, data.marks, data.key_marks, data.file
    return out


def _leaves(error: Any) -> list[Any]:
    # errors from if/then and allOf carry their real causes in `context`
    if error.context:
        out: list[Any] = []
        for sub in error.context:
            out.extend(_leaves(sub))
        return out
    return [error]
