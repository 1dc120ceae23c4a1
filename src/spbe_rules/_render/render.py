"""Plain-text reports of results and explanations (Indonesian labels; English on request)."""

from __future__ import annotations

import textwrap
from fractions import Fraction
from collections.abc import Callable

from .._base.errors import current_lang
from .._base.messages import CATALOGUE, Lang, Msg
from .._model.converter import exact_text, level_text
from .._engine.engine import display_text, round_scaled
from .._engine.explain import Explanation, Node
from .._model.model import Ruleset
from .._engine.result import Result

__all__ = ["indicator_value_notes", "render_explanation", "render_result", "render_stages"]


def _words(lang: Lang | None) -> Callable[..., str]:
    """``w(key, **params)``: the catalogue entry in ``lang`` (default: the current language)."""
    chosen: Lang = lang or current_lang()

    def w(key: str, /, **params: object) -> str:
        return Msg(key, **params).render(chosen)

    return w


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "~"


def render_result(result: Result, rs: Ruleset, lang: Lang | None = None) -> str:
    w = _words(lang)
    out: list[str] = []
    stage = f", {w('render.stage')} {result.stage}" if result.stage else ""
    out.append(f"{w('render.title')}: {result.instansi} ({result.year}{stage})")
    out.append(f"{w('render.ruleset')}: {rs.id} v{rs.version} - {rs.title}")
    if rs.status in ("provisional", "superseded"):
        out.extend(textwrap.wrap(w(f"render.{rs.status}") + (f": {' '.join(rs.reason.split())}" if rs.reason else ""), 96, subsequent_indent="  "))
    out.append("")
    out.append(f"{w('render.index')}: {result.index}  ({w('render.exact')} {exact_text(result.index_exact)})")
    out.append(f"{w('render.predikat')}: {result.predikat}")
    rule = w("render.rounded", decimals=rs.display.decimals) if result.predikat_from == "rounded" else w("render.exact_rule")
    out.append(f"  ({rule})")
    by_aspect: dict[str, list[int]] = {}
    for k, ind in enumerate(result.indicators):
        by_aspect.setdefault(ind.aspect, []).append(k)
    groups: list[tuple[str | None, str, str, list[int]]] = []  # (domain id, header, index, aspect idxs)
    if result.domains:
        for d in result.domains:
            idx = [j for j, a in enumerate(result.aspects) if a.domain == d.id]
            groups.append((d.id, f"{w('render.domain')} {d.id}  {d.name}  ({w('render.weight_lower')} {exact_text(d.weight)})", d.index, idx))
    else:
        groups.append((None, w("render.aspect"), "", list(range(len(result.aspects)))))
    width = 58
    for _, header, index, aspect_idx in groups:
        out.append("")
        out.append(f"{header}" + (f": {index}" if index else ""))
        out.append(f"  {w('render.no'):>4}  {w('render.indicator'):<{width}} {w('render.level'):>5} {w('render.weight'):>6}")
        for j in aspect_idx:
            a = result.aspects[j]
            out.append(f"  {a.id:>4}  {_cut(w('render.aspect') + ' ' + a.name, width):<{width}} {a.index:>5} {exact_text(a.weight):>6}")
            for k in by_aspect.get(a.id, []):
                ind = result.indicators[k]
                level = level_text(ind.effective_level) if ind.effective_level == ind.level else f"{level_text(ind.level)}->{level_text(ind.effective_level)}"
                mark = "*" if ind.filled else ""
                out.append(f"  {ind.id:>4}  {_cut(ind.name, width):<{width}} {level + mark:>5} {exact_text(ind.weight):>6}")
    capped = [i for i in result.indicators if i.rules]
    if capped:
        out.append("")
        out.append(f"{w('render.capped')}:")
        flagged = {r.id for r in rs.rules if r.status == "provisional"}
        for i in capped:
            names = ", ".join(f"{r} [{w('render.rule_flag')}]" if r in flagged else r for r in i.rules)
            out.append(f"  {i.id:>4}  {level_text(i.level)} -> {level_text(i.effective_level)}  ({names})")
        if flagged & {r for i in capped for r in i.rules}:
            out.append(f"  {w('render.rule_note')}")
    notes = indicator_value_notes(result, lang)
    if notes:
        out.append("")
        out.append(f"{w('render.values')}:")
        for number, note in notes:
            out.extend(textwrap.wrap(f"{number:>4}  {note}", 96, initial_indent="  ", subsequent_indent="        "))
    if result.documents:
        out.append("")
        out.append(f"{w('render.documents')}:")
        for doc in result.documents:
            out.append(f"  {doc.name}: {w(f'render.present.{doc.present}')} ({w(f'render.basis.{doc.basis}')})")
    filled = [str(i.id) for i in result.indicators if i.filled]
    if filled:
        out.append("")
        out.append(f"* {w('render.filled')}: {', '.join(filled)}")
    out.extend(render_evidence(result, rs, lang))
    if result.stages:
        out.append("")
        out.append(render_stages(result, lang, rs))
    return "\n".join(out) + "\n"


def render_evidence(result: Result, rs: Ruleset, lang: Lang | None = None) -> list[str]:
    """The evidence table: per indicator that claims more than the lowest level or has evidence,
    claimed vs supported level, the level counted and the requirement items not yet met."""
    if result.evaluated_on is None and all(i.evidence is None for i in result.indicators):
        return []
    w = _words(lang)
    rows = [i for i in result.indicators if i.evidence is not None and (i.level > rs.scale.min or i.supported_level is not None)]
    basis_key = f"render.evidence_basis.{result.evaluated_on_basis}"
    out = ["", w("render.evidence_head", on=result.evaluated_on or "-", basis=w(basis_key) if basis_key in CATALOGUE else "-")]
    cols = [w(f"render.evidence_cols.{n}") for n in range(5)]
    out.append(f"  {cols[0]:>4}  {cols[1]:>8}  {cols[2]:>11}  {cols[3]:>8}  {cols[4]}")
    for i in rows:
        sup = w("render.no_evidence") if i.supported_level is None else str(i.supported_level)
        out.append(f"  {i.id:>4}  {i.level:>8}  {sup:>11}  {i.effective_level:>8}  {', '.join(i.unmet) or '-'}")
    if rs.evidence_policy is not None:
        out.extend(textwrap.wrap(w("render.evidence_note", stage=rs.evidence_policy.supported_from), 96, initial_indent="  ", subsequent_indent="  "))
    return out


def indicator_value_notes(result: Result, lang: Lang | None = None) -> list[tuple[int, str]]:
    """For each indicator whose value is more than one submitted level: the exact mean of its
    sub-levels, the conversion of an external score, the review team's correction (the final word)."""
    w = _words(lang)
    out: list[tuple[int, str]] = []
    for i in result.indicators:
        parts: list[str] = []
        if i.sub_levels:
            parts.append(w("render.sub_levels", levels=", ".join(map(str, i.sub_levels))) + f" = {level_text(i.level)}")
        if i.conversion is not None:
            cv = i.conversion
            parts.append(
                w(
                    "render.conversion",
                    source=cv.source,
                    score=level_text(cv.score),
                    lower=level_text(cv.lower),
                    upper=level_text(cv.upper),
                    value=level_text(cv.value),
                )
            )
        if i.review is not None and not i.review.valid:  # valid marks are in the explanation, not listed here
            rv = i.review
            parts.append(w("render.review_fix", stage=rv.stage, before=level_text(rv.before), after=level_text(i.level), reason=rv.reason))
        if parts:
            out.append((i.id, "; ".join(parts)))
    return out


def _difference(value: Fraction, decimals: int, about: str) -> str:
    """An exact difference of two indices, or (when its decimals do not end) rounded, marked as such."""
    text = exact_text(value)
    if "/" not in text:
        return text
    places = decimals + 2
    return about + display_text(round_scaled(value.numerator, value.denominator, places, "half_up"), places)


def render_stages(result: Result, lang: Lang | None = None, ruleset: Ruleset | None = None) -> str:
    """How the index moved from stage to stage, and which levels the assessors changed in each."""
    w = _words(lang)
    rs = ruleset if ruleset is not None else result._ruleset_obj
    names = {st.id: st.name for st in rs.stages} if isinstance(rs, Ruleset) else {}
    decimals = rs.display.decimals if isinstance(rs, Ruleset) else 2
    lines = [f"{w('render.stages')}:", *textwrap.wrap(w("stages.rule"), 94, initial_indent="  ", subsequent_indent="  ")]
    prev: Result | None = None
    for k, st in enumerate(result.stages, 1):
        sid = st.stage or "-"
        title = f"{names[sid]} ({sid})" if sid in names else sid
        line = f"  {k}. {title}: " + w("stages.line", index=st.index, predikat=st.predikat)
        if prev is None:
            line += f" ({w('stages.first')})"
        else:
            diff = st.index_exact - prev.index_exact
            if diff == 0:
                move = w("stages.same")
            else:
                move = w("stages.up" if diff > 0 else "stages.down", diff=_difference(abs(diff), decimals, w("stages.about")))
            line += f"; {move}"
            if st.predikat != prev.predikat:
                line += "; " + w("stages.predikat", a=prev.predikat, b=st.predikat)
        lines.append(line)
        if prev is not None:
            if st.changes:
                lines.append("     " + w("stages.changed", n=len(st.changes)))
                by_id = {i.id: i for i in st.indicators}
                for c in st.changes:
                    name = by_id[c.indicator].name if c.indicator in by_id else ""
                    lines.append(f"       {c.indicator:>3}  {_cut(name, 62):<62}  {level_text(c.before)} -> {level_text(c.after)}")
                    if c.reason:
                        lines.extend(textwrap.wrap(f"{w('stages.reason')}: {c.reason}", 88, initial_indent="            ", subsequent_indent="            "))
            else:
                lines.append("     " + w("stages.unchanged"))
        prev = st
    if prev is not None:
        lines.append("  " + w("stages.final", stage=prev.stage or "-", index=prev.index, predikat=prev.predikat))
    return "\n".join(lines)


def render_explanation(explanation: Explanation, lang: Lang | None = None, indicator: int | None = None) -> str:
    lines: list[str] = []
    lang = lang or current_lang()
    w = _words(lang)

    def text(node: Node) -> str:
        return node.text.id if lang == "id" else node.text.en

    def head(node: Node) -> str:
        label = w(f"kind.{node.kind}") if f"kind.{node.kind}" in CATALOGUE else node.kind
        if node.kind == "index":
            return f"{label}: {node.title}"
        if node.kind == "rules":
            return label
        title = f": {node.title}" if node.title and node.title != node.id else ""
        return f"{label} {node.id}{title}"

    def walk(node: Node, depth: int) -> None:
        pad = "  " * depth
        value = f" = {node.value}" if node.value is not None else ""
        flag = f" [{w('render.rule_flag')}]" if node.status == "provisional" else ""
        lines.append(f"{pad}- {head(node)}{value}{flag}")
        for line in textwrap.wrap(text(node), 96 - len(pad)):
            lines.append(f"{pad}    {line}")
        label = w("render.basis_label")
        for cite in node.legal_basis:
            said = cite.id if lang == "id" else cite.en
            for line in textwrap.wrap(f"{label}: {said}", 96 - len(pad), subsequent_indent="  "):
                lines.append(f"{pad}    {line}")
        for child in node.children:
            walk(child, depth + 1)

    if indicator is not None:
        node = explanation.find("indicator", str(indicator))
        if node is None:
            raise KeyError(indicator)
        walk(node, 0)
    else:
        walk(explanation.root, 0)
    return "\n".join(lines) + "\n"
