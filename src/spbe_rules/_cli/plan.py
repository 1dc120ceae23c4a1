"""CLI commands: whatif, gains, plan (and their text reports, Indonesian by default).

``spbe-rules plan`` exits 0 when the target is reached (or already was), 1 when it
cannot be reached under the limits (the report then says why and shows the cheapest
way to the best reachable index), 2 for bad input.
"""

from __future__ import annotations

import argparse
import json
import re
import textwrap
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any

from .main import write_output
from .core import add_evaluation_options, load_file
from .._base.errors import tr
from .._model.converter import exact_text
from .._base.messages import Msg
from .._base.numbers import problem_of, text_problem
from .._base.errors import Location, Problem, ValidationError
from .._model.model import Ruleset
from .._analysis.plan import Limits, Plan, load_costs, plan, plan_to_dict
from .._analysis.whatif import Gains, WhatIf, fraction_text, gains, gains_to_dict, whatif, whatif_to_dict
from .._base.text import number_ranges

__all__ = ["add_parser", "render_gains", "render_plan", "render_whatif"]


def _bad(option: str, message: str, hint: str | None = None) -> ValidationError:
    return ValidationError("bad argument", [Problem("BAD_ARGUMENT", message, Location(option), hint)])


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "whatif",
        help=tr("cmd.whatif"),
        description=tr("cmd.whatif.description"),
    )
    p.add_argument("file", help=tr("opt.file"))
    p.add_argument("--set", action="append", default=[], metavar="N=LEVEL", dest="set_levels", help=tr("opt.whatif.set"))
    p.add_argument("--document", action="append", default=[], metavar="KEY=true|false", dest="set_documents", help=tr("opt.whatif.document"))
    _output_options(p)
    add_evaluation_options(p)
    p.set_defaults(func=_whatif)

    p = sub.add_parser(
        "gains",
        help=tr("cmd.gains"),
        description=tr("cmd.gains.description"),
    )
    p.add_argument("file", help=tr("opt.file"))
    p.add_argument("--top", type=int, metavar="N", help=tr("opt.gains.top"))
    _output_options(p)
    add_evaluation_options(p)
    p.set_defaults(func=_gains)

    p = sub.add_parser(
        "plan",
        help=tr("cmd.plan"),
        description=(tr("cmd.plan.description")),
    )
    p.add_argument("file", help=tr("opt.file"))
    p.add_argument("--target", required=True, metavar="PREDIKAT|INDEX", help=tr("opt.plan.target"))
    p.add_argument("--target-display", action="store_true", help=tr("opt.plan.target_display"))
    p.add_argument("--costs", metavar="FILE", help=tr("opt.plan.costs"))
    p.add_argument("--max-raise", type=int, metavar="N", help=tr("opt.plan.max_raise"))
    p.add_argument("--fix", action="append", default=[], metavar="N[,N-M]", help=tr("opt.plan.fix"))
    p.add_argument("--budget", metavar="AMOUNT", help=tr("opt.plan.budget"))
    p.add_argument("--no-document", action="append", default=[], metavar="KEY", dest="no_document", help=tr("opt.plan.no_document"))
    _output_options(p)
    add_evaluation_options(p)
    p.set_defaults(func=_plan)


def _output_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=("text", "json"), default="text", help=tr("opt.format"))
    p.add_argument("-o", "--output", metavar="FILE", help=tr("opt.output"))


# -- argument parsing -------------------------------------------------------------------

_TRUE = {"true", "yes", "ya", "ada", "1"}
_FALSE = {"false", "no", "tidak", "0"}


def parse_set(values: list[str]) -> dict[int, int]:
    out: dict[int, int] = {}
    for raw in values:
        m = re.fullmatch(r"\s*(\d{1,9})\s*=\s*(-?\d{1,9})\s*", raw)
        if not m:
            raise _bad(f"--set {raw}", f"`{raw}` is not of the form N=LEVEL with whole numbers", "e.g. --set 11=3")
        out[int(m.group(1))] = int(m.group(2))
    return out


def parse_documents(values: list[str]) -> dict[str, bool]:
    out: dict[str, bool] = {}
    for raw in values:
        key, sep, value = raw.partition("=")
        v = value.strip().lower()
        if not sep or not key.strip() or v not in _TRUE | _FALSE:
            raise _bad(f"--document {raw}", f"`{raw}` is not of the form KEY=true or KEY=false", "e.g. --document peta_rencana_spbe=true")
        out[key.strip()] = v in _TRUE
    return out


def parse_indicator_list(values: list[str], option: str) -> frozenset[int]:
    out: set[int] = set()
    for raw in values:
        for part in raw.split(","):
            part = part.strip()
            m = re.fullmatch(r"(\d+)(?:\s*-\s*(\d+))?", part)
            if not m:
                raise _bad(f"{option} {raw}", f"`{part}` is not an indicator number or a range", "e.g. --fix 12 or --fix 45-47")
            a = int(m.group(1))
            b = int(m.group(2)) if m.group(2) else a
            if b < a:
                raise _bad(f"{option} {raw}", f"the range {part} is empty", "write the lower number first, e.g. 45-47")
            out.update(range(a, b + 1))
    return frozenset(out)


def parse_amount(value: str, option: str) -> Fraction:
    got = text_problem(value)
    if got is not None:
        raise ValidationError(Msg("head.bad_argument"), [problem_of(got, Location(option), value[:40])])
    try:
        d = Decimal(value.strip().replace(",", "."))
    except InvalidOperation:
        d = Decimal("NaN")
    if not d.is_finite() or d < 0:
        raise _bad(f"{option} {value}", f"`{value}` is not a non-negative number", "e.g. --budget 25 or --budget 12.5")
    return Fraction(d)


# -- commands ---------------------------------------------------------------------------


def _evaluation_kw(args: argparse.Namespace) -> dict[str, Any]:
    return {"missing": args.missing, "enable_rules": args.enable_rule, "disable_rules": args.disable_rule}


def _whatif(args: argparse.Namespace) -> int:
    changes = parse_set(args.set_levels)
    documents = parse_documents(args.set_documents)
    assessment, ruleset = load_file(args)
    w = whatif(ruleset, assessment, changes, documents, where="command line (--set/--document)", **_evaluation_kw(args))
    if args.format == "json":
        text = json.dumps(whatif_to_dict(w), ensure_ascii=False, indent=2)
    else:
        text = render_whatif(w, ruleset, args.lang)
    write_output(text, args.output)
    return 0


def _gains(args: argparse.Namespace) -> int:
    assessment, ruleset = load_file(args)
    g = gains(ruleset, assessment, **_evaluation_kw(args))
    if args.top is not None and args.top < 0:
        raise _bad("--top", "--top must not be negative")
    if args.format == "json":
        text = json.dumps(gains_to_dict(g), ensure_ascii=False, indent=2)
    else:
        text = render_gains(g, ruleset, args.lang, args.top)
    write_output(text, args.output)
    return 0


def _plan(args: argparse.Namespace) -> int:
    fixed = parse_indicator_list(args.fix, "--fix")
    budget = parse_amount(args.budget, "--budget") if args.budget is not None else None
    if args.max_raise is not None and args.max_raise < 0:
        raise _bad(f"--max-raise {args.max_raise}", "--max-raise must not be negative", "e.g. --max-raise 2")
    limits = Limits(fixed=fixed, max_raise=args.max_raise, budget=budget, unavailable_documents=frozenset(args.no_document))
    costs = load_costs(args.costs) if args.costs else None
    assessment, ruleset = load_file(args)
    p = plan(ruleset, assessment, args.target, costs, limits, target_display=args.target_display, limits_where="command line", **_evaluation_kw(args))
    lim = (costs.limits if costs else Limits()).merged(limits)
    if args.format == "json":
        text = json.dumps(plan_to_dict(p), ensure_ascii=False, indent=2)
    else:
        text = render_plan(p, ruleset, args.lang, lim)
    write_output(text, args.output)
    return 0 if p.reachable else 1


# -- text reports -----------------------------------------------------------------------

_L: dict[str, dict[str, Any]] = {
    "id": {
        "whatif": "Simulasi perubahan",
        "gains": "Nilai satu level tambahan per indikator",
        "plan": "Rencana mencapai sasaran",
        "ruleset": "Aturan",
        "changes": "Perubahan",
        "indicator": "Indikator",
        "document": "Dokumen",
        "level": "level",
        "present": {True: "ada", False: "tidak ada", None: "tidak diketahui"},
        "index": "Indeks SPBE",
        "exact": "tepat",
        "predikat": "Predikat",
        "unchanged": "tidak berubah",
        "changed": "berubah",
        "domains": "Domain",
        "aspects": "Aspek yang berubah",
        "released": "Indikator yang dilepas dari batasan aturan",
        "capped": "Indikator yang kini dibatasi aturan",
        "none": "(tidak ada perubahan)",
        "now": "Sekarang",
        "result": "Hasil",
        "target": "Sasaran",
        "cost": "biaya",
        "total_cost": "Biaya total",
        "unit": "satuan",
        "unit_default": "satu langkah level atau satu dokumen = 1",
        "steps": "Langkah",
        "no_steps": "(tidak ada langkah)",
        "limits": "Batasan",
        "fixed": "tidak diubah",
        "max_raise": "naik paling banyak {n} level per indikator",
        "max_raise_by": "batas kenaikan per indikator",
        "budget": "anggaran",
        "unavailable": "dokumen tidak tersedia",
        "obtain": "diperoleh/ditetapkan",
        "threshold": "indeks tepat minimal",
        "pred_rounded": "predikat dibaca dari indeks yang dibulatkan ({d} desimal)",
        "pred_exact": "predikat dibaca dari indeks yang tidak dibulatkan",
        "kind_index": "indeks tepat minimal {v}",
        "kind_display": "indeks tampil minimal {v}",
        "kind_predikat": "predikat {p} atau lebih baik",
        "unreachable": "TIDAK TERCAPAI",
        "reached": "tercapai",
        "best": "Indeks tertinggi yang mungkin",
        "col_no": "No",
        "col_level": "Level",
        "col_gain": "+Indeks",
        "col_domain": "Domain",
        "col_note": "Catatan",
        "at_max": "sudah level tertinggi",
        "blocked": "dibatasi aturan {r}",
        "releases": "melepas {ids}",
        "unlocks": "Membuka batasan aturan (pada level yang diajukan sekarang)",
        "unlock_doc": "Dokumen {name} ada",
        "unlock_rule": "Aturan {rid} terpenuhi ({cond})",
        "unlock_docs": "Semua dokumen di atas ada",
        "releases_n": "melepas {n} indikator ({ids}), indeks {gain}",
        "releases_0": "tidak melepas indikator apa pun pada level sekarang",
        "more": "... dan {n} indikator lain (tanpa --top untuk semua)",
    },
    "en": {
        "whatif": "What-if",
        "gains": "What one more level of each indicator is worth",
        "plan": "Plan to reach the target",
        "ruleset": "Ruleset",
        "changes": "Changes",
        "indicator": "Indicator",
        "document": "Document",
        "level": "level",
        "present": {True: "present", False: "absent", None: "unknown"},
        "index": "SPBE index",
        "exact": "exact",
        "predikat": "Predikat",
        "unchanged": "unchanged",
        "changed": "changed",
        "domains": "Domains",
        "aspects": "Aspects that changed",
        "released": "Indicators released from a rule's cap",
        "capped": "Indicators now capped by a rule",
        "none": "(nothing changes)",
        "now": "Now",
        "result": "Result",
        "target": "Target",
        "cost": "cost",
        "total_cost": "Total cost",
        "unit": "unit",
        "unit_default": "one level step or one document = 1",
        "steps": "Steps",
        "no_steps": "(no steps)",
        "limits": "Limits",
        "fixed": "not changed",
        "max_raise": "at most {n} levels up per indicator",
        "max_raise_by": "raise limit per indicator",
        "budget": "budget",
        "unavailable": "documents not available",
        "obtain": "obtain/adopt",
        "threshold": "exact index at least",
        "pred_rounded": "predikat read from the index rounded to {d} decimals",
        "pred_exact": "predikat read from the unrounded index",
        "kind_index": "exact index at least {v}",
        "kind_display": "displayed index at least {v}",
        "kind_predikat": "predikat {p} or better",
        "unreachable": "NOT REACHABLE",
        "reached": "reached",
        "best": "Best reachable index",
        "col_no": "No",
        "col_level": "Level",
        "col_gain": "+Index",
        "col_domain": "Domain",
        "col_note": "Note",
        "at_max": "already at the top level",
        "blocked": "capped by rule {r}",
        "releases": "releases {ids}",
        "unlocks": "Lifting rule caps (at the levels submitted now)",
        "unlock_doc": "The {name} document exists",
        "unlock_rule": "Rule {rid} satisfied ({cond})",
        "unlock_docs": "All the documents above exist",
        "releases_n": "releases {n} indicators ({ids}), index {gain}",
        "releases_0": "releases no indicator at the current levels",
        "more": "... and {n} more indicators (omit --top to see all)",
    },
}


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "~"


def _ranges(numbers: tuple[int, ...] | list[int]) -> str:

    return number_ranges(numbers)


def _signed_exact(value: Fraction) -> str:
    return ("+" if value > 0 else "") + exact_text(value)


def render_whatif(w: WhatIf, rs: Ruleset, lang: str = "id") -> str:
    L = _L[lang]
    dec = rs.display.decimals
    b, a = w.before, w.after
    out = [f"{L['whatif']}: {b.instansi} ({b.year})", f"{L['ruleset']}: {rs.id} v{rs.version} - {rs.title}", ""]
    out.append(f"{L['changes']}:")
    if not w.levels and not w.documents:
        out.append(f"  {L['none']}")
    for ch in w.levels:
        name = rs.indicator(ch.indicator).name
        out.append(f"  {L['indicator']} {ch.indicator} ({_cut(name, 60)}): {L['level']} {ch.before} -> {ch.after}")
    for doc in w.documents:
        out.append(f"  {L['document']} {doc.name}: {L['present'][doc.before]} -> {L['present'][doc.after]}")
    out.append("")
    out.append(f"{L['index']}: {b.index} -> {a.index}  ({L['exact']} {exact_text(b.index_exact)} -> {exact_text(a.index_exact)}, {_signed_exact(w.delta)})")
    state = L["changed"] if w.predikat_changed else L["unchanged"]
    out.append(f"{L['predikat']}: {w.predikat_before} -> {w.predikat_after} ({state})")
    if w.domains:
        out.append("")
        out.append(f"{L['domains']}:")
        for d in w.domains:
            out.append(f"  {d.id:<4} {_cut(d.name, 40):<40} {d.before_text} -> {d.after_text}  ({fraction_text(d.delta, dec + 2)})")
    changed = [x for x in w.aspects if x.delta != 0]
    if changed:
        out.append("")
        out.append(f"{L['aspects']}:")
        for x in changed:
            out.append(f"  {x.id:<4} {_cut(x.name, 40):<40} {x.before_text} -> {x.after_text}  ({fraction_text(x.delta, dec + 2)})")
    for title, items in ((L["released"], w.released), (L["capped"], w.capped)):
        if items:
            out.append("")
            out.append(f"{title}:")
            for r in items:
                out.append(f"  {r.indicator:>4}  {_cut(r.name, 56):<56} {r.before} -> {r.after}  ({', '.join(r.rules)})")
    return "\n".join(line.rstrip() for line in out) + "\n"


def render_gains(g: Gains, rs: Ruleset, lang: str = "id", top: int | None = None) -> str:
    L = _L[lang]
    dec = rs.display.decimals
    r = g.result
    out = [f"{L['gains']}: {r.instansi} ({r.year})", f"{L['ruleset']}: {rs.id} v{rs.version} - {rs.title}"]
    out.append(f"{L['now']}: {L['index']} {r.index} ({L['exact']} {exact_text(r.index_exact)}), {r.predikat}")
    out.append("")
    rows = list(g.indicators)
    shown = rows if top is None else rows[:top]
    width = 46
    out.append(f"  {L['col_no']:>4}  {L['indicator']:<{width}} {L['col_level']:>6} {L['col_gain']:>9}  {L['col_domain']:<14} {L['col_note']}")
    for x in shown:
        level = f"{x.level}->{x.to}" if x.to is not None else str(x.level)
        doms = " ".join(f"{d.id} {fraction_text(d.gain, dec + 2)}" for d in x.domains)
        notes = []
        if x.to is None:
            notes.append(L["at_max"])
        if x.blocked_by:
            notes.append(L["blocked"].format(r=", ".join(x.blocked_by)))
        if x.released:
            notes.append(L["releases"].format(ids=_ranges(x.released)))
        out.append(f"  {x.indicator:>4}  {_cut(x.name, width):<{width}} {level:>6} {fraction_text(x.index_gain, dec + 2):>9}  {doms:<14} {'; '.join(notes)}")
    if top is not None and len(rows) > top:
        out.append(f"  {L['more'].format(n=len(rows) - top)}")
    if g.unlocks:
        out.append("")
        out.append(f"{L['unlocks']}:")
        for u in g.unlocks:
            if u.kind == "document":
                head = L["unlock_doc"].format(name=u.name)
            elif u.kind == "documents":
                head = L["unlock_docs"]
            else:
                cond = u.condition.id if lang == "id" else u.condition.en
                head = L["unlock_rule"].format(rid=u.id, cond=cond)
            if u.released:
                doms = ", ".join(f"{d.id} {fraction_text(d.gain, dec + 2)}" for d in u.domains)
                tail = L["releases_n"].format(n=len(u.released), ids=_ranges(u.released), gain=fraction_text(u.index_gain, dec + 2)) + (
                    f" ({doms})" if doms else ""
                )
            else:
                tail = L["releases_0"]
            out.extend(textwrap.wrap(f"{head}: {tail}", 100, initial_indent="  ", subsequent_indent="    "))
    return "\n".join(line.rstrip() for line in out) + "\n"


def _limits_text(lim: Limits, L: dict[str, Any]) -> str:
    parts = []
    if lim.fixed:
        parts.append(f"{L['indicator'].lower()} {_ranges(sorted(lim.fixed))} {L['fixed']}")
    if lim.max_raise is not None:
        parts.append(L["max_raise"].format(n=lim.max_raise))
    if lim.max_raise_by:
        parts.append(f"{L['max_raise_by']}: " + ", ".join(f"{n}: {k}" for n, k in sorted(lim.max_raise_by.items())))
    if lim.budget is not None:
        parts.append(f"{L['budget']} {exact_text(lim.budget)}")
    if lim.unavailable_documents:
        parts.append(f"{L['unavailable']}: {', '.join(sorted(lim.unavailable_documents))}")
    return "; ".join(parts)


def render_plan(p: Plan, rs: Ruleset, lang: str = "id", limits: Limits | None = None) -> str:
    L = _L[lang]
    before = p.before
    who = f"{before.instansi} ({before.year})" if before is not None else ""
    out = [f"{L['plan']}: {who}", f"{L['ruleset']}: {rs.id} v{rs.version} - {rs.title}"]
    t = p.target
    if t.kind == "predikat":
        goal = L["kind_predikat"].format(p=t.predikat)
        rule = L["pred_rounded"].format(d=rs.display.decimals) if rs.display.predikat_from == "rounded" else L["pred_exact"]
        goal += f"; {rule}"
    elif t.kind == "display":
        goal = L["kind_display"].format(v=t.text)
    else:
        goal = L["kind_index"].format(v=t.text)
    if t.threshold is not None and t.kind != "index":
        goal += f" -> {L['threshold']} {exact_text(t.threshold)}"
    out.append(f"{L['target']}: {goal}")
    if limits is not None and _limits_text(limits, L):
        out.append(f"{L['limits']}: {_limits_text(limits, L)}")
    out.append("")
    w = max(len(L["now"]), len(L["result"]), len(L["total_cost"])) + 1
    out.append(f"{L['now'] + ':':<{w}} {L['index']} {p.before_index} ({L['exact']} {exact_text(p.before_index_exact)}), {p.before_predikat}")
    status = L["reached"] if p.reachable else L["unreachable"]
    out.append(f"{L['result'] + ':':<{w}} {L['index']} {p.index} ({L['exact']} {exact_text(p.index_exact)}), {p.predikat}  [{status}]")
    unit = p.unit or L["unit_default"]
    out.append(f"{L['total_cost'] + ':':<{w}} {exact_text(p.total_cost)}  ({L['unit']}: {unit})")
    out.append("")
    out.extend(textwrap.wrap(p.message.id if lang == "id" else p.message.en, 100))
    out.append("")
    out.append(f"{L['steps']}:")
    if not p.steps:
        out.append(f"  {L['no_steps']}")
    for k, s in enumerate(p.steps, 1):
        if s.kind == "document":
            what = f"{L['document']} {_cut(s.name, 44)}: {L['obtain']}"
        else:
            what = f"{s.indicator:>3} {_cut(s.name, 44):<44} {s.from_level} -> {s.to_level}"
        out.append(f"  {k:>2}. {what:<57} {L['cost']} {exact_text(s.cost):>4}  {s.gain_text:>8} -> {s.index_after_text} ({exact_text(s.index_after)})")
        reason = s.reason.id if lang == "id" else s.reason.en
        out.extend(textwrap.wrap(reason, 96, initial_indent="      ", subsequent_indent="      "))
        if s.evidence:
            head = "bukti yang perlu dibuat" if lang == "id" else "evidence to produce"
            out.extend(textwrap.wrap(f"{head}: {', '.join(s.evidence)}", 96, initial_indent="      ", subsequent_indent="        "))
    return "\n".join(line.rstrip() for line in out) + "\n"
