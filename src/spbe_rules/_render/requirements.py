"""Requirement items for people: grouped by indicator and level (``show --format json``)."""

from __future__ import annotations

from typing import Any


__all__ = ["show_requirements"]


def show_requirements(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` (the unstructured ruleset) with each indicator's ``requirements`` keyed by level
    ("1".."5": items with ``id``, ``text``, ``citation``, ``evidence``, ``optional``) and, for an
    indicator without items, ``requirements_unavailable`` (why). The flat top-level lists go."""
    out = dict(data)
    flat = out.pop("requirements", [])
    gone = {u["indicator"]: u["reason"] for u in out.pop("requirements_unavailable", [])}
    by: dict[int, dict[str, list[dict[str, Any]]]] = {}
    for item in flat:
        entry = {k: v for k, v in item.items() if k not in ("indicator", "level")}
        by.setdefault(item["indicator"], {}).setdefault(str(item["level"]), []).append(entry)
    indicators = []
    for ind in out["indicators"]:
        ind = dict(ind)
        ind["requirements"] = by.get(ind["number"], {})
        if ind["number"] in gone:
            ind["requirements_unavailable"] = gone[ind["number"]]
        indicators.append(ind)
    out["indicators"] = indicators
    return out
