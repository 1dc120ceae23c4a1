"""Validating data against the published JSON Schemas, with every error in plain words and its place."""

from __future__ import annotations

import difflib
import json
from decimal import Decimal
from functools import cache
from typing import Any

from .._base.errors import Location, Problem
from .._base.resources import schema_text
from .source import key_location, locate
from .._base.links import docs_url

__all__ = ["schema_problems"]


@cache
def _validator(name: str) -> Any:
    import jsonschema  # imported here: only needed when a file is validated, not when a cached ruleset is used

    schema = json.loads(schema_text(name))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "nothing (null)"
    if isinstance(value, (int, Decimal)):
        return f"the number {value}"
    if isinstance(value, str):
        short = value if len(value) <= 40 else value[:37] + "..."
        return f"the text {short!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


_TYPE_WORDS = {
    "object": "a mapping (key: value lines)",
    "array": "a list (lines starting with '- ')",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}


def _field(path: list[str | int]) -> str:
    if len(path) >= 2 and isinstance(path[-1], str) and path[-1].isdigit():
        parent = path[-2]
        if parent == "levels" or (len(path) >= 3 and path[-3] == "stages"):
            return f"the level of indicator {path[-1]}"
        if parent == "criteria":
            return f"the criteria of level {path[-1]}"
    for step in reversed(path):
        if isinstance(step, str):
            return f"`{step}`"
    return "this value"


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
        guess = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
        hint = f"did you mean `{guess[0]}`?" if guess else f"allowed keys here: {', '.join(allowed)}"
        out.append(Problem("UNKNOWN_KEY", f"unknown key `{key}`", kloc, hint))
    return out


def _translate_one(error: Any, path: list[str | int], data: Any, name: str) -> Problem:
    loc = locate(data, path, name)
    v = error.validator
    inst = error.instance
    what = _field(path)
    if v == "required":
        missing = [k for k in error.validator_value if not (isinstance(inst, dict) and k in inst)]
        key = missing[0] if missing else "?"
        return Problem("REQUIRED", f"`{key}` is missing", loc, f"add `{key}:` here")
    if v == "type":
        expected = error.validator_value
        exp = [expected] if isinstance(expected, str) else list(expected)
        words = " or ".join(_TYPE_WORDS.get(t, t) for t in exp)
        hint = None
        if "integer" in exp and isinstance(inst, str):
            hint = "write a whole number without quotes, e.g. 3"
        elif "integer" in exp and isinstance(inst, Decimal):
            hint = "levels are whole numbers: write e.g. 3"
        elif "number" in exp and isinstance(inst, str):
            hint = "write a number such as 2.75"
        return Problem("TYPE", f"{what} must be {words}, not {_describe(inst)}", loc, hint)
    if v in ("enum", "const"):
        options = error.validator_value if v == "enum" else [error.validator_value]
        shown = ", ".join(str(o) for o in options)
        guess = difflib.get_close_matches(str(inst), [str(o) for o in options], n=1, cutoff=0.6)
        hint = f"did you mean `{guess[0]}`?" if guess else f"use one of: {shown}"
        return Problem("NOT_ALLOWED", f"{what} cannot be {_describe(inst)}", loc, hint)
    if v == "pattern":
        if path and path[-1] in ("weight", "from", "to", "total_weight"):
            return Problem("TYPE", f"{what} must be a number, not {_describe(inst)}", loc, "write a number such as 1.30")
        return Problem("PATTERN", f"{what} is not in the expected form: {_describe(inst)}", loc, _pattern_hint(path))
    if v == "propertyNames":
        bad = error.instance
        return Problem("BAD_KEY", f"the key {bad!r} is not allowed here", loc, _pattern_hint(path, key=True))
    if v in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        return Problem(
            "OUT_OF_RANGE", f"{what} is {inst}, outside the allowed range ({_bound_words(v, error.validator_value)})", loc, None
        )
    if v in ("minItems", "minProperties"):
        return Problem("EMPTY", f"{what} must not be empty", loc, "add at least one entry")
    if v in ("maxLength",):
        return Problem("TOO_LONG", f"{what} is longer than {error.validator_value} characters", loc, "shorten it")
    if v == "minLength":
        return Problem("EMPTY", f"{what} must not be empty text", loc, None)
    if v == "uniqueItems":
        return Problem("DUPLICATE", f"{what} lists the same value twice", loc, "remove the repeated value")
    if v == "not" and isinstance(error.validator_value, dict) and "required" in error.validator_value:
        key = error.validator_value["required"][0]
        kind = inst.get("kind") if isinstance(inst, dict) else None
        kloc = key_location(inst, key) or loc
        return Problem(
            "NOT_FOR_KIND",
            f"`{key}` does not belong in a rule of kind `{kind}`",
            kloc,
            "a `cap` rule names `targets`; a `requires` rule names one `indicator`",
        )
    return Problem("SCHEMA", f"{what}: {error.message}", loc, None)


def _bound_words(v: str, bound: Any) -> str:
    return {
        "minimum": f"at least {bound}",
        "maximum": f"at most {bound}",
        "exclusiveMinimum": f"more than {bound}",
        "exclusiveMaximum": f"less than {bound}",
    }[v]


def _pattern_hint(path: list[str | int], key: bool = False) -> str:
    last = [p for p in path if isinstance(p, str)]
    where = last[-1] if last else ""
    if where in ("levels", "criteria") or (last and last[0] == "stages" and key):
        return "keys are indicator numbers or levels, e.g. `12:`"
    if where in ("id", "extends", "ruleset"):
        return "use lowercase letters, digits and dashes, e.g. permenpanrb-59-2020"
    if where == "version":
        return "write three numbers separated by dots, e.g. 1.0.0"
    if where in ("documents", "key", "document"):
        return "use lowercase letters, digits and underscores, e.g. peta_rencana_spbe"
    return f"see {docs_url('formats')} for the expected form"


def schema_problems(schema: str, data: Any, name: str) -> list[Problem]:
    """All schema problems of ``data`` (parsed from the file ``name``), one per place, in file order."""
    validator = _validator(schema)
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for error in validator.iter_errors(data):
        for leaf in _leaves(error):
            for p in _translate(leaf, data, name):
                key = (p.location.json_path, p.code)
                if key not in seen:
                    seen.add(key)
                    problems.append(p)
    return problems


def _leaves(error: Any) -> list[Any]:
    # errors from if/then and allOf carry their real causes in `context`
    if error.context:
        out: list[Any] = []
        for sub in error.context:
            out.extend(_leaves(sub))
        return out
    return [error]
