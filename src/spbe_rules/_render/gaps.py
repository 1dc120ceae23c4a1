"""Evidence gaps across institutions: which requirement items most often block the next level."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from html import escape
from typing import Any

from .._base.errors import current_lang, tr
from .._model.model import Ruleset

__all__ = ["gap_counts", "gaps_section"]


def gap_counts(records: Iterable[Mapping[str, Any]]) -> Counter[tuple[str, str]]:
    """(ruleset id, requirement id) -> how many records leave it unmet for the next level."""
    out: Counter[tuple[str, str]] = Counter()
    for rec in records:
        unmet = rec.get("unmet")
        if not isinstance(unmet, Mapping):
            continue
        for ids in unmet.values():
            if isinstance(ids, list):
                for rid in ids:
                    if isinstance(rid, str):
                        out[(str(rec.get("ruleset")), rid)] += 1
    return out


def gaps_section(records: Iterable[Mapping[str, Any]], rulesets: Mapping[str, Ruleset | None], top: int = 20) -> str:
    """The batch report's table of the most frequent gaps (empty when no record carries evidence)."""
    counts = gap_counts(records)
    if not counts:
        return ""
    lang = current_lang()
    rows = []
    for (rid, req_id), n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:top]:
        rs = rulesets.get(rid)
        text = ""
        if rs is not None:
            try:
                req = rs.requirement(req_id)
                page = f" ({tr('story.gaps.page', page=req.citation.page)})" if req.citation.page is not None else ""
                text = req.text.get(lang) + page
            except KeyError:
                text = ""
        rows.append(f'<tr><td><code>{escape(req_id)}</code></td><td>{escape(text)}</td><td class="num">{n}</td></tr>')
    head = f'<tr><th>{escape(tr("story.col.requirement"))}</th><th></th><th class="num">{escape(tr("story.col.blocked"))}</th></tr>'
    return (
        f'<h2>{escape(tr("batch.gaps.head"))}</h2><p class="muted">{escape(tr("batch.gaps.intro"))}</p>'
        f'<table class="gaps-batch"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'
    )
