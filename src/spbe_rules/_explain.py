"""Explanation trees: why each number is what it is, with the legal basis.

Shape (``schema: spbe-rules/explanation@1``): a root node for the index, with
one child per domain (or per aspect when the ruleset has no domains), aspects
under domains, indicators under aspects, and a ``rules`` node listing every
rule's outcome. Every node has ``kind``, ``id``, ``title``, ``value``, a text in
Indonesian and English (``text.id``, ``text.en``), ``legal_basis`` (citations as
readable strings), ``rules`` (ids of rules that changed it) and ``children``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from attrs import frozen

from ._converter import exact_text
from ._model import AllOf, AnyOf, AtLeast, Citation, Condition, HasDocument, Not, Rule, Ruleset

__all__ = ["EXPLANATION_SCHEMA", "Explanation", "Node", "Text", "describe_condition", "explain_result"]

EXPLANATION_SCHEMA = "spbe-rules/explanation@1"


@frozen
class Text:
    id: str
    en: str


@frozen
class Node:
    kind: str
    id: str
    title: str
    value: str | None
    text: Text
    legal_basis: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    status: str = "in_force"
    children: tuple[Node, ...] = ()


@frozen
class Explanation:
    root: Node
    schema: str = EXPLANATION_SCHEMA

    def find(self, kind: str, node_id: str) -> Node | None:
        stack = [self.root]
        while stack:
            n = stack.pop()
            if n.kind == kind and n.id == node_id:
                return n
            stack.extend(n.children)
        return None


def cite(rs: Ruleset, c: Citation | None) -> tuple[str, ...]:
    if c is None:
        return ()
    try:
        src = rs.source(c.source)
        who = src.number or src.title
    except KeyError:
        who = c.source
    return (f"{who}, {c.section}",)


def _num(value: Any) -> str:
    return exact_text(value)


def describe_condition(cond: Condition, rs: Ruleset, levels: Mapping[int, int], docs: Mapping[str, tuple[bool | None, str]], lang: str) -> str:
    """The condition in plain words, with what holds now."""
    ind = lang == "id"
    if isinstance(cond, AtLeast):
        now = levels.get(cond.indicator)
        name = _ind_name(rs, cond.indicator)
        if ind:
            return f"indikator {cond.indicator} ({name}) minimal level {cond.level} (sekarang {now})"
        return f"indicator {cond.indicator} ({name}) at level {cond.level} or above (now {now})"
    if isinstance(cond, HasDocument):
        try:
            name = rs.document(cond.document).name
        except KeyError:
            name = cond.document
        present, basis = docs.get(cond.document, (None, "unknown"))
        state_id = {True: "ada", False: "tidak ada", None: "tidak diketahui"}[present]
        state_en = {True: "present", False: "absent", None: "unknown"}[present]
        how_id = {"stated": "menurut penilaian", "implied": "disimpulkan dari indikator terkait", "unknown": "tidak dinyatakan"}[basis]
        how_en = {"stated": "as stated by the assessment", "implied": "inferred from the related indicator", "unknown": "not stated"}[basis]
        if ind:
            return f"dokumen {name} ada (saat ini: {state_id}, {how_id})"
        return f"the {name} document exists (now: {state_en}, {how_en})"
    if isinstance(cond, Not):
        inner = describe_condition(cond.item, rs, levels, docs, lang)
        return f"tidak benar bahwa {inner}" if ind else f"not: {inner}"
    parts = [describe_condition(c, rs, levels, docs, lang) for c in cond.items]
    if isinstance(cond, AllOf):
        joiner = "; dan " if ind else "; and "
    else:
        joiner = "; atau " if ind else "; or "
    return joiner.join(parts)


def _ind_name(rs: Ruleset, number: int) -> str:
    try:
        return rs.indicator(number).name
    except KeyError:
        return "?"


def rule_message(rule: Rule, rs: Ruleset, number: int, submitted: int, lang: str) -> str:
    template = rule.message.id if lang == "id" else rule.message.en
    values = {
        "indicator": number,
        "indicator_name": _ind_name(rs, number),
        "max_level": rule.max_level,
        "submitted": submitted,
        "rule": rule.id,
    }
    try:
        return template.format_map(_Default(values))
    except (ValueError, IndexError):  # a malformed template is shown as written
        return template


class _Default(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def explain_result(result: Any, rs: Ruleset) -> Explanation:
    """Build the explanation tree of ``result`` (a :class:`Result`) evaluated under ``rs``."""
    eff = {i.id: i.effective_level for i in result.indicators}
    docs = {d.key: (d.present, d.basis) for d in result.documents}
    outcome = {o.id: o for o in result.rules}
    rule_by_id = {r.id: r for r in rs.rules}
    ind_nodes: dict[str, list[Node]] = {}
    for ir in result.indicators:
        ind = rs.indicator(ir.id)
        level_name = rs.scale.level_name(ind.capability, ir.effective_level) or ""
        crit = ind.criteria.get(ir.effective_level, "")
        children = []
        basis = list(cite(rs, ind.citation))
        for o in result.rules:  # in the order the rules were applied, not the order of the file
            rule = rule_by_id[o.id]
            if ir.id not in rule.targets or not o.enabled:
                continue
            cond_id = describe_condition(rule.unless, rs, eff, docs, "id")
            cond_en = describe_condition(rule.unless, rs, eff, docs, "en")
            if rule.id in ir.rules:
                t = Text(
                    f"{rule_message(rule, rs, ir.id, ir.level, 'id')} Syarat yang belum terpenuhi: {cond_id}.",
                    f"{rule_message(rule, rs, ir.id, ir.level, 'en')} Condition not met: {cond_en}.",
                )
            elif o.held:
                t = Text(
                    f"Aturan {rule.id} tidak membatasi indikator ini karena syaratnya terpenuhi: {cond_id}.",
                    f"Rule {rule.id} does not limit this indicator because its condition holds: {cond_en}.",
                )
            else:
                t = Text(
                    f"Aturan {rule.id} membatasi pada level {rule.max_level}, tetapi level yang diajukan ({ir.level}) tidak melebihinya.",
                    f"Rule {rule.id} caps at level {rule.max_level}, but the submitted level ({ir.level}) is not above it.",
                )
            children.append(Node("rule", rule.id, rule.id, None, t, cite(rs, rule.legal_basis), (), rule.status))
            basis.extend(cite(rs, rule.legal_basis))
        if ir.rules:
            text = Text(
                f"Level diajukan {ir.level}, level yang dihitung {ir.effective_level} ({level_name}) karena aturan {', '.join(ir.rules)}. Bobot {_num(ir.weight)}.",
                f"Submitted level {ir.level}, counted level {ir.effective_level} ({level_name}) because of rule {', '.join(ir.rules)}. Weight {_num(ir.weight)}.",
            )
        else:
            filled_id = " (tidak diisi; dihitung pada level terendah sesuai kebijakan yang dipilih)" if ir.filled else ""
            filled_en = " (not given; counted at the lowest level under the chosen policy)" if ir.filled else ""
            text = Text(
                f"Level {ir.effective_level} ({level_name}){filled_id}: {crit} Bobot {_num(ir.weight)}.",
                f"Level {ir.effective_level} ({level_name}){filled_en}. Weight {_num(ir.weight)}.",
            )
        ind_nodes.setdefault(ir.aspect, []).append(
            Node("indicator", str(ir.id), ind.name, str(ir.effective_level), text, tuple(dict.fromkeys(basis)), ir.rules, ind.status, tuple(children))
        )
    aspect_nodes: dict[str | None, list[Node]] = {}
    for ar in result.aspects:
        asp = rs.aspect(ar.id)
        kids = tuple(ind_nodes.get(ar.id, []))
        lowered = tuple(sorted({r for k in kids for r in k.rules}))
        text = Text(
            f"Indeks aspek {ar.index} (tepat {_num(ar.index_exact)}) = jumlah (level x bobot) indikatornya dibagi bobot aspek {_num(ar.weight)}.",
            f"Aspect index {ar.index} (exact {_num(ar.index_exact)}) = sum of its indicators' level x weight divided by the aspect weight {_num(ar.weight)}.",
        )
        aspect_nodes.setdefault(ar.domain, []).append(Node("aspect", ar.id, ar.name, ar.index, text, cite(rs, asp.citation), lowered, asp.status, kids))
    top: list[Node] = []
    if result.domains:
        for dr in result.domains:
            dom = rs.domain(dr.id)
            kids = tuple(aspect_nodes.get(dr.id, []))
            lowered = tuple(sorted({r for k in kids for r in k.rules}))
            text = Text(
                f"Indeks domain {dr.index} (tepat {_num(dr.index_exact)}) = jumlah (indeks aspek x bobot aspek) dibagi bobot domain {_num(dr.weight)}.",
                f"Domain index {dr.index} (exact {_num(dr.index_exact)}) = sum of aspect index x aspect weight divided by the domain weight {_num(dr.weight)}.",
            )
            top.append(Node("domain", dr.id, dr.name, dr.index, text, cite(rs, dom.citation), lowered, dom.status, kids))
    else:
        top.extend(aspect_nodes.get(None, []))
    rule_nodes = []
    for o in result.rules:
        rule = rule_by_id[o.id]
        cond_id = describe_condition(rule.unless, rs, eff, docs, "id")
        cond_en = describe_condition(rule.unless, rs, eff, docs, "en")
        if not o.enabled:
            t = Text(f"Aturan opsional {o.id} tidak diaktifkan.", f"Optional rule {o.id} is not switched on.")
        elif o.held:
            t = Text(f"Syarat terpenuhi ({cond_id}); tidak ada indikator yang dibatasi.", f"Condition holds ({cond_en}); no indicator is limited.")
        else:
            capped = ", ".join(map(str, o.capped)) or "tidak ada"
            capped_en = ", ".join(map(str, o.capped)) or "none"
            t = Text(
                f"Syarat tidak terpenuhi ({cond_id}); indikator yang diturunkan ke level {rule.max_level}: {capped}. Memenuhi syarat akan melepaskan batas ini.",
                f"Condition not met ({cond_en}); indicators lowered to level {rule.max_level}: {capped_en}. Meeting the condition releases this cap.",
            )
        rule_nodes.append(Node("rule", o.id, rule.description or o.id, None, t, cite(rs, rule.legal_basis), (o.id,) if o.capped else (), rule.status))
    if rule_nodes:
        top.append(
            Node(
                "rules",
                "rules",
                "Aturan ketergantungan",
                None,
                Text("Aturan yang diterapkan dan hasilnya.", "The rules applied and their outcome."),
                (),
                tuple(sorted({r for n in rule_nodes for r in n.rules})),
                "in_force",
                tuple(rule_nodes),
            )
        )
    basis_from = "indeks yang dibulatkan" if result.predikat_from == "rounded" else "indeks yang tidak dibulatkan"
    basis_from_en = "the rounded index" if result.predikat_from == "rounded" else "the unrounded index"
    band = next((b for b in rs.predikat.bands if b.name == result.predikat), None)
    band_id = f" (rentang {_num(band.lower)} sampai {_num(band.upper)})" if band else ""
    band_en = f" (band {_num(band.lower)} to {_num(band.upper)})" if band else ""
    root_text = Text(
        f"Indeks {result.index} (tepat {_num(result.index_exact)}), predikat {result.predikat}{band_id}, dibaca dari {basis_from}, menurut {rs.title}.",
        f"Index {result.index} (exact {_num(result.index_exact)}), predikat {result.predikat}{band_en}, read from {basis_from_en}, under {rs.title}.",
    )
    legal = cite(rs, rs.legal_basis) + cite(rs, rs.predikat.citation) + cite(rs, rs.display.citation)
    all_rules = tuple(sorted({r for i in result.indicators for r in i.rules}))
    root = Node("index", "index", rs.title, result.index, root_text, tuple(dict.fromkeys(legal)), all_rules, rs.display.status, tuple(top))
    return Explanation(root)
