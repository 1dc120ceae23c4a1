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
from fractions import Fraction
from typing import Any

from attrs import frozen

from .._model.converter import exact_text, level_text
from .._model.model import Citation, Indicator, Rule, Ruleset
from .._model.requirements import PageCitation
from .._base.messages import Msg
from .._base.text import number_ranges
from .condition_text import Docs, describe_condition, describe_release, indicator_name
from .evidence_text import check_text
from .engine import compiled, display_text

__all__ = ["EXPLANATION_SCHEMA", "Explanation", "Node", "Text", "describe_condition", "describe_release", "explain_result"]

EXPLANATION_SCHEMA = "spbe-rules/explanation@2"


@frozen
class Text:
    """A text in Bahasa Indonesia and English."""

    id: str
    en: str


@frozen
class Node:
    """A node of an explanation tree."""

    kind: str
    id: str
    title: str
    value: str | None
    text: Text
    legal_basis: tuple[Text, ...] = ()
    rules: tuple[str, ...] = ()
    status: str = "in_force"
    children: tuple[Node, ...] = ()


@frozen
class Explanation:
    """The explanation tree of a result (why each index and level is what it is)."""

    root: Node
    schema: str = EXPLANATION_SCHEMA

    def find(self, kind: str, node_id: str) -> Node | None:
        """The node of this ``kind`` (``index``, ``domain``, ``aspect``, ``indicator``, ``rule``, ...) and id, or None."""
        stack = [self.root]
        while stack:
            n = stack.pop()
            if n.kind == kind and n.id == node_id:
                return n
            stack.extend(n.children)
        return None


def cite(rs: Ruleset, c: Citation | None, with_note: bool = False) -> tuple[Text, ...]:
    """A citation as one readable text: the source's number (or title) and the section;
    ``with_note`` adds the citation's note (used for rules, whose notes say why a source applies)
    and marks a source that is not confirmed, in both languages (the source and the note are
    ruleset data, written once)."""
    if c is None:
        return ()
    try:
        src = rs.source(c.source)
        who = src.number or src.title
    except KeyError:
        who = c.source
    marks: list[Msg] = []
    if with_note and c.note:
        marks.append(Msg("explain.basis.note", note=" ".join(c.note.split())))
    weak = src_confidence(rs, c.source) if with_note else None
    if weak in _WEAK:
        marks.append(Msg(f"explain.basis.{weak}"))
    body = f"{who}, {c.section}"

    def written(lang: str) -> str:
        out = body
        for k, m in enumerate(marks):
            said = m.id if lang == "id" else m.en
            out += f" ({said})" if k == 0 and m.key == "explain.basis.note" else f" [{said}]"
        return out

    return (Text(written("id"), written("en")),)


_WEAK = frozenset({"single_source", "inferred"})  # confidences marked on a legal basis (their words are in the catalogue)


def src_confidence(rs: Ruleset, source_id: str) -> str | None:
    try:
        return rs.source(source_id).confidence
    except KeyError:
        return None


def _num(value: Any) -> str:
    return exact_text(value)


def rule_message(rule: Rule, rs: Ruleset, number: int, submitted: int, lang: str, condition: str | None = None) -> str:
    template = rule.message.id if lang == "id" else rule.message.en
    values: dict[str, Any] = {
        "indicator": number,
        "indicator_name": indicator_name(rs, number),
        "max_level": rule.max_level,
        "submitted": submitted,
        "rule": rule.id,
    }
    if condition is not None:
        values["condition"] = condition
    try:
        return template.format_map(_Default(values))
    except (ValueError, IndexError):  # a malformed template is shown as written
        return template


class _Default(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _release_text(rule: Rule, rs: Ruleset, levels: Mapping[int, int | Fraction], docs: Docs) -> Text:
    return Text(
        f"Batas ini lepas bila {describe_release(rule.unless, rs, levels, docs, 'id')}.",
        f"The cap is lifted when {describe_release(rule.unless, rs, levels, docs, 'en')}.",
    )


def _status_text(rule: Rule, long: bool) -> Text:
    if rule.status != "provisional":
        return Text("", "")
    if not long:
        return Text(
            " Aturan ini berstatus sementara (belum pasti); alasannya ada pada bagian 'Aturan ketergantungan' dari penjelasan lengkap.",
            " This rule is provisional (not settled); its reason is in the 'Dependency rules' part of the full explanation.",
        )
    reason = " ".join((rule.reason or "").split())
    return Text(
        f" Status: sementara (belum pasti). {reason}".rstrip(),
        f" Status: provisional (not settled). Reason, in Indonesian: {reason}".rstrip(),
    )


def _stage_history(result: Any, number: int) -> Text | None:
    """The submitted level of one indicator through the stages, when a stage changed it."""
    stages = getattr(result, "stages", ()) or ()
    if len(stages) < 2 or not any(c.indicator == number for st in stages for c in st.changes):
        return None
    steps_id: list[str] = []
    steps_en: list[str] = []
    for k, st in enumerate(stages):
        change = next((c for c in st.changes if c.indicator == number), None)
        if k == 0:
            level = next((i.level for i in st.indicators if i.id == number), None)
            shown = "-" if level is None else level_text(level)
            steps_id.append(f"tahap {st.stage}: {shown}")
            steps_en.append(f"stage {st.stage}: {shown}")
        elif change is not None and change.reason is not None:
            steps_id.append(f"tahap {st.stage}: {level_text(change.after)} (dikoreksi Tim Reviu dari {level_text(change.before)})")
            steps_en.append(f"stage {st.stage}: {level_text(change.after)} (corrected by the review team from {level_text(change.before)})")
        elif change is not None:
            steps_id.append(f"tahap {st.stage}: {level_text(change.after)} (diubah asesor dari {level_text(change.before)})")
            steps_en.append(f"stage {st.stage}: {level_text(change.after)} (changed by the assessors from {level_text(change.before)})")
    return Text(
        "Tingkat kematangan yang diajukan per tahap: " + ", ".join(steps_id) + ". Yang dihitung adalah tingkat dari tahap terakhir yang menilainya.",
        "Submitted level by stage: " + ", ".join(steps_en) + ". The level from the latest stage that scored it counts.",
    )


def _value_texts(ir: Any, ind: Indicator, rs: Ruleset) -> list[tuple[Text, tuple[Text, ...]]]:
    """What the indicator's value rests on beside one submitted level: its sub-levels and their
    exact mean, an external score's conversion, and the review team's word (the last one)."""
    out: list[tuple[Text, tuple[Text, ...]]] = []
    if ir.sub_levels and ind.sub_levels is not None:
        given = ", ".join(map(str, ir.sub_levels))
        item_id = f" ({ind.sub_levels.item})" if ind.sub_levels.item else ""
        out.append(
            (
                Text(
                    f"Dinilai untuk {len(ir.sub_levels)} butir{item_id}: tingkat {given}; yang dihitung adalah rata-rata tepatnya, "
                    f"{level_text(ir.level)}, tanpa dibulatkan sebelum indeks.",
                    f"Scored for {len(ir.sub_levels)} items{item_id}: levels {given}; the exact mean, {level_text(ir.level)}, "
                    "counts, not rounded before the index.",
                ),
                cite(rs, ind.sub_levels.citation),
            )
        )
    if ir.conversion is not None and ind.external is not None:
        cv = ir.conversion
        rng = f"{level_text(cv.lower)}-{level_text(cv.upper)}"
        out.append(
            (
                Text(
                    f"Nilai diambil dari skor {cv.source} {level_text(cv.score)}: rentang {rng} pada tabel konversi set aturan memberi nilai {level_text(cv.value)}.",
                    f"The value comes from the {cv.source} score {level_text(cv.score)}: the range {rng} of the ruleset's conversion table gives {level_text(cv.value)}.",
                ),
                cite(rs, ind.external.citation),
            )
        )
    rv = ir.review
    if rv is not None:
        stage = next((s for s in rs.stages if s.id == rv.stage), None)
        name = stage.name if stage is not None else rv.stage
        if rv.valid:
            t = Text(f"Kata akhir: {name} menyatakan hasil ini valid.", f"Final word: the {name} marked this result valid.")
        else:
            t = Text(
                f"Kata akhir: {name} menyatakan hasil tahap sebelumnya tidak valid dan mengoreksi tingkat kematangan dari {level_text(rv.before)} "
                f"menjadi {level_text(ir.level)}. Alasan: {rv.reason}",
                f"Final word: the {name} marked the earlier result not valid and corrected the level from {level_text(rv.before)} "
                f"to {level_text(ir.level)}. Reason: {rv.reason}",
            )
        out.append((t, cite(rs, stage.citation if stage is not None else None)))
    return out


def evidence_node(rs: Ruleset, ir: Any, on: str | None) -> Node:
    """What the evidence says about one indicator: the supported level, and per requirement item
    up to the level that matters (the claimed level, or the next one) whether it is met and why not."""
    policy = rs.evidence_policy
    basis = () if policy is None or policy.citation is None else (_page_text(policy.citation, rs),)
    name = _msg_text("ev.node.name")
    if ir.evidence == "no_requirements":
        gone = rs.unavailable_reason(ir.id)
        if gone is None:
            t = _msg_text("ev.node.no_requirements")
        else:
            t = Text(Msg("ev.node.no_requirements.why", why=gone.reason.id).id, Msg("ev.node.no_requirements.why", why=gone.reason.en).en)
        return Node("evidence", str(ir.id), name.id, None, t, basis)
    sup = ir.supported_level
    counted = Msg(f"ev.node.counted.{'supported' if ir.counted == 'supported' else 'claimed'}")
    if sup is None:
        t = _msg_text("ev.node.none", level=ir.level, counted=counted)
    elif on:
        t = _msg_text("ev.node.supported.on", level=ir.level, sup=sup, on=on, counted=counted)
    else:
        t = _msg_text("ev.node.supported", level=ir.level, sup=sup, counted=counted)
    if ir.unmet:
        nxt = (sup or rs.scale.min) + 1
        ids = ", ".join(ir.unmet)
        t = Text(Msg("ev.node.unmet", text=t.id, next=nxt, ids=ids).id, Msg("ev.node.unmet", text=t.en, next=nxt, ids=ids).en)
    upto = max(ir.level, (sup or rs.scale.min) + 1)
    kids = []
    for c in ir.requirements:
        if c.level > upto or (c.optional and not c.met):
            continue
        req = rs.requirement(c.requirement)
        kids.append(
            Node(
                "requirement",
                c.requirement,
                req.text.id,
                "terpenuhi" if c.met else "belum",
                Text(check_text(rs, c, on, "id"), check_text(rs, c, on, "en")),
                (_page_text(req.citation, rs),),
            )
        )
    return Node("evidence", str(ir.id), name.id, None if sup is None else str(sup), t, basis, (), "in_force", tuple(kids))


def _page_text(c: PageCitation, rs: Ruleset) -> Text:
    """A page citation of a requirement in both languages (``hlm.`` / ``p.``)."""
    title = _source_title(rs, c.source)
    return Text(c.text(title, "id"), c.text(title, "en"))


def _msg_text(key: str, /, **params: object) -> Text:
    """A catalogue message as a :class:`Text` (both languages)."""
    m = Msg(key, **params)
    return Text(m.id, m.en)


def _source_title(rs: Ruleset, source_id: str) -> str:
    try:
        return rs.source(source_id).title
    except KeyError:
        return source_id


def explain_result(result: Any, rs: Ruleset) -> Explanation:
    """Build the explanation tree of ``result`` (a :class:`Result`) evaluated under ``rs``."""

    eff = {i.id: i.effective_level for i in result.indicators}
    submitted = {i.id: i.level for i in result.indicators}
    docs = {d.key: (d.present, d.basis) for d in result.documents}
    rule_by_id = {r.id: r for r in rs.rules}
    ind_nodes: dict[str, list[Node]] = {}
    for ir in result.indicators:
        ind = rs.indicator(ir.id)
        lv_s, eff_s = level_text(ir.level), level_text(ir.effective_level)
        whole = isinstance(ir.effective_level, int)
        level_name = (rs.scale.level_name(ind.capability, ir.effective_level) or "") if whole else ""
        crit = ind.criteria.get(ir.effective_level, "") if whole else ""
        children = []
        basis = list(cite(rs, ind.citation))
        holding: list[Rule] = []  # failing rules that keep this indicator below its submitted level
        for o in result.rules:  # in the order the rules were applied, not the order of the file
            rule = rule_by_id[o.id]
            if ir.id not in rule.targets or not o.enabled:
                continue
            cond_id = describe_condition(rule.unless, rs, eff, docs, "id")
            cond_en = describe_condition(rule.unless, rs, eff, docs, "en")
            release = _release_text(rule, rs, eff, docs)
            status = _status_text(rule, long=False)
            if o.held:
                t = Text(
                    f"Aturan {rule.id} tidak membatasi indikator ini karena syaratnya terpenuhi: {cond_id}.",
                    f"Rule {rule.id} does not limit this indicator because its condition holds: {cond_en}.",
                )
            elif rule.id in ir.rules:
                holding.append(rule)
                t = Text(
                    f"{rule_message(rule, rs, ir.id, ir.level, 'id', cond_id)} {release.id}{status.id}",
                    f"{rule_message(rule, rs, ir.id, ir.level, 'en', cond_en)} {release.en}{status.en}",
                )
            elif ir.level > rule.max_level:
                holding.append(rule)
                by = ", ".join(ir.rules)
                t = Text(
                    f"Aturan {rule.id} juga membatasi indikator ini paling tinggi tingkat {rule.max_level} karena syaratnya belum terpenuhi, "
                    f"tetapi aturan {by} sudah menurunkannya ke tingkat {eff_s} lebih dulu. {release.id}{status.id}",
                    f"Rule {rule.id} also holds this indicator at level {rule.max_level} at most because its condition is not met, "
                    f"but rule {by} had already lowered it to level {eff_s}. {release.en}{status.en}",
                )
            else:
                t = Text(
                    f"Syarat aturan {rule.id} belum terpenuhi, sehingga indikator ini paling tinggi tingkat {rule.max_level}; "
                    f"tingkat yang diajukan ({lv_s}) tidak melebihi batas itu, jadi tingkatnya tidak berubah. {release.id}{status.id}",
                    f"The condition of rule {rule.id} is not met, so this indicator may be at most level {rule.max_level}; "
                    f"the submitted level ({lv_s}) is not above that, so it does not change. {release.en}{status.en}",
                )
            children.append(Node("rule", rule.id, rule.id, None, t, cite(rs, rule.legal_basis, True), (), rule.status))
            basis.extend(cite(rs, rule.legal_basis))
        if ir.rules:
            lifts_id = " ".join(f"Batas aturan {r.id} lepas bila {describe_release(r.unless, rs, eff, docs, 'id')}." for r in holding)
            lifts_en = " ".join(f"The cap of rule {r.id} is lifted when {describe_release(r.unless, rs, eff, docs, 'en')}." for r in holding)
            if len(holding) > 1:
                lifts_id += " Semua batas itu harus lepas agar tingkat yang diajukan dihitung."
                lifts_en += " All of these caps must be lifted for the submitted level to count."
            text = Text(
                f"Diajukan tingkat {lv_s}, tetapi dihitung tingkat {eff_s} ({level_name}): indikator ini dibatasi "
                f"pada tingkat {eff_s} oleh aturan {', '.join(ir.rules)}. {lifts_id} Bobot {_num(ir.weight)}.",
                f"Submitted level {lv_s}, but counted at level {eff_s} ({level_name}): rule {', '.join(ir.rules)} "
                f"holds this indicator at level {eff_s}. {lifts_en} Weight {_num(ir.weight)}.",
            )
        else:
            filled_id = " (tidak diisi; dihitung pada tingkat terendah sesuai kebijakan yang dipilih)" if ir.filled else ""
            filled_en = " (not given; counted at the lowest level under the chosen policy)" if ir.filled else ""
            text = Text(
                f"Tingkat {eff_s}{f' ({level_name})' if level_name else ''}{filled_id}{': ' + crit if crit else '.'} Bobot {_num(ir.weight)}.",
                f"Level {eff_s}{f' ({level_name})' if level_name else ''}{filled_en}. Weight {_num(ir.weight)}.",
            )
        history = _stage_history(result, ir.id)
        if history is not None:
            text = Text(f"{text.id} {history.id}", f"{text.en} {history.en}")
        for extra, extra_basis in _value_texts(ir, ind, rs):
            text = Text(f"{text.id} {extra.id}", f"{text.en} {extra.en}")
            basis.extend(extra_basis)
        if ir.evidence is not None:
            node = evidence_node(rs, ir, result.evaluated_on)
            text = Text(f"{node.text.id} {text.id}", f"{node.text.en} {text.en}")
            children.append(node)
        ind_nodes.setdefault(ir.aspect, []).append(
            Node("indicator", str(ir.id), ind.name, eff_s, text, tuple(dict.fromkeys(basis)), ir.rules, ind.status, tuple(children))
        )
    aspect_nodes: dict[str | None, list[Node]] = {}
    for ar in result.aspects:
        asp = rs.aspect(ar.id)
        kids = tuple(ind_nodes.get(ar.id, []))
        lowered = tuple(sorted({r for k in kids for r in k.rules}))
        text = Text(
            f"Indeks aspek {ar.index} (tepat {_num(ar.index_exact)}) = jumlah (tingkat x bobot) indikatornya dibagi bobot aspek {_num(ar.weight)}.",
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
        status = _status_text(rule, long=True)
        targets = number_ranges(rule.targets, pairs_as_list=True)
        if not o.enabled and not rule.enabled:
            t = Text(
                f"Aturan opsional {o.id} mati secara bawaan dan tidak dinyalakan pada evaluasi ini, jadi tidak membatasi apa pun "
                f"(sasarannya indikator {targets}, paling tinggi tingkat {rule.max_level}). Aturan ini dipakai hanya bila dinyalakan "
                f"(CLI: --enable-rule {o.id}).{status.id}",
                f"Optional rule {o.id} is off by default and was not switched on for this evaluation, so it limits nothing "
                f"(it targets indicators {targets}, at most level {rule.max_level}). It applies only when switched on "
                f"(CLI: --enable-rule {o.id}).{status.en}",
            )
        elif not o.enabled:
            t = Text(
                f"Aturan {o.id} dimatikan untuk evaluasi ini (CLI: --disable-rule {o.id}), jadi tidak membatasi apa pun.{status.id}",
                f"Rule {o.id} was switched off for this evaluation (CLI: --disable-rule {o.id}), so it limits nothing.{status.en}",
            )
        elif o.held:
            t = Text(
                f"Syarat terpenuhi ({cond_id}); tidak ada indikator yang dibatasi.{status.id}",
                f"Condition holds ({cond_en}); no indicator is limited.{status.en}",
            )
        else:
            release = _release_text(rule, rs, eff, docs)
            capped = set(o.capped)
            earlier = [n for n in rule.targets if n not in capped and submitted.get(n, 0) > rule.max_level]
            below = [n for n in rule.targets if n not in capped and n not in earlier]
            parts_id = [f"Syarat aturan ini belum terpenuhi, jadi indikator {targets} paling tinggi tingkat {rule.max_level}."]
            parts_en = [f"The condition of this rule is not met, so indicators {targets} may be at most level {rule.max_level}."]
            if capped:
                parts_id.append(
                    f"Dibatasi pada tingkat {rule.max_level} oleh aturan ini (tingkat yang diajukan lebih tinggi): indikator {number_ranges(capped, pairs_as_list=True)}."
                )
                parts_en.append(f"Held at level {rule.max_level} by this rule (submitted higher): indicators {number_ranges(capped, pairs_as_list=True)}.")
            if earlier:
                parts_id.append(f"Sudah diturunkan lebih dulu oleh aturan lain: indikator {number_ranges(earlier, pairs_as_list=True)}.")
                parts_en.append(f"Already lowered by another rule: indicators {number_ranges(earlier, pairs_as_list=True)}.")
            if below:
                parts_id.append(f"Tidak berubah karena tingkat yang diajukan tidak melebihi batas: indikator {number_ranges(below, pairs_as_list=True)}.")
                parts_en.append(f"Unchanged because the submitted level is not above the cap: indicators {number_ranges(below, pairs_as_list=True)}.")
            t = Text(" ".join([*parts_id, release.id]) + status.id, " ".join([*parts_en, release.en]) + status.en)
        rule_nodes.append(Node("rule", o.id, rule.description or o.id, None, t, cite(rs, rule.legal_basis, True), (o.id,) if o.capped else (), rule.status))
    if rule_nodes:
        top.append(
            Node(
                "rules",
                "rules",
                "Aturan ketergantungan",
                None,
                Text(
                    "Aturan ketergantungan: bila syarat sebuah aturan tidak terpenuhi, indikator sasarannya dihitung paling tinggi "
                    "pada tingkat batasnya, berapa pun tingkat yang diajukan. Berikut setiap aturan dan hasilnya.",
                    "Dependency rules: when a rule's condition is not met, its target indicators count at its cap at most, "
                    "whatever level was submitted. Each rule and its outcome follow.",
                ),
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
    lowered_all = [i for i in result.indicators if i.rules]
    if lowered_all:
        c = compiled(rs)
        if set(c.numbers) == set(submitted):
            total_s = c.sums([submitted[n] for n in c.numbers])[2]
            pred, rounded = c.predikat_of(total_s, c.total_w)
            idx = display_text(rounded, c.decimals)
            ids = number_ranges((i.id for i in lowered_all), pairs_as_list=True)
            root_text = Text(
                f"{root_text.id} Aturan ketergantungan membatasi {len(lowered_all)} indikator di bawah tingkat yang diajukan "
                f"(indikator {ids}); tanpa batas itu, yaitu bila syarat aturannya terpenuhi dan tingkat yang diajukan diterima, "
                f"indeksnya {idx} (predikat {pred}).",
                f"{root_text.en} Dependency rules hold {len(lowered_all)} indicators below their submitted level "
                f"(indicators {ids}); without those caps, that is if the rules' conditions were met and the submitted levels "
                f"accepted, the index would be {idx} (predikat {pred}).",
            )
    legal = cite(rs, rs.legal_basis) + cite(rs, rs.predikat.citation) + cite(rs, rs.display.citation)
    all_rules = tuple(sorted({r for i in result.indicators for r in i.rules}))
    root = Node("index", "index", rs.title, result.index, root_text, tuple(dict.fromkeys(legal)), all_rules, rs.display.status, tuple(top))
    return Explanation(root)
