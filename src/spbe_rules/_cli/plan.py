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
from .._base.errors import current_lang, tr, use_lang
from .._base.messages import CATALOGUE, Lang
from .._engine.explain import Text
from .._model.converter import exact_text
from .._base.messages import Msg
from .._base.numbers import problem_of, text_problem
from .._base.errors import Location, Problem, ValidationError
from .._model.model import Ruleset
from .._analysis.plan import Limits, Plan, load_costs, plan, plan_to_dict
from .._analysis.whatif import Gains, WhatIf, fraction_text, gains, gains_to_dict, whatif, whatif_to_dict
from .._base.text import number_ranges

__all__ = ["add_parser", "render_gains", "render_plan", "render_whatif"]


def _bad(where: str, key: str, /, **params: object) -> ValidationError:
    hint_key = f"{key}.hint"
    hint = Msg(hint_key, **params) if hint_key in CATALOGUE else None
    return ValidationError(Msg("head.bad_argument"), [Problem(key.split(".")[0], Msg(key, **params), Location(where), hint)])


def _negative(option: str, value: object, example: str) -> ValidationError:
    return _bad(option, "OUT_OF_RANGE.option", option=option, value=value, example=example)


MAX_RANGE = 1000  # indicators in one range of --fix (a ruleset has tens)


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
            raise _bad(f"--set {raw[:60]}", "BAD_ARGUMENT.set", raw=raw[:60])
        out[int(m.group(1))] = int(m.group(2))
    return out


def parse_documents(values: list[str]) -> dict[str, bool]:
    out: dict[str, bool] = {}
    for raw in values:
        key, sep, value = raw.partition("=")
        v = value.strip().lower()
        if not sep or not key.strip() or v not in _TRUE | _FALSE:
            raise _bad(f"--document {raw[:60]}", "BAD_ARGUMENT.document", raw=raw[:60])
        out[key.strip()] = v in _TRUE
    return out


def parse_indicator_list(values: list[str], option: str) -> frozenset[int]:
    out: set[int] = set()
    for raw in values:
        for part in raw.split(","):
            part = part.strip()
            m = re.fullmatch(r"(\d{1,9})(?:\s*-\s*(\d{1,9}))?", part)
            if not m:
                raise _bad(f"{option} {raw[:60]}", "BAD_ARGUMENT.indicators", part=part[:60], option=option)
            a = int(m.group(1))
            b = int(m.group(2)) if m.group(2) else a
            if b < a:
                raise _bad(f"{option} {raw}", "BAD_ARGUMENT.empty_range", part=part)
            if b - a >= MAX_RANGE:
                raise _bad(f"{option} {raw}", "BAD_ARGUMENT.long_range", part=part, limit=MAX_RANGE)
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
    if not d.is_finite():
        raise _bad(f"{option} {value[:40]}", "BAD_ARGUMENT.amount", value=value[:40], option=option)
    if d < 0:
        raise _negative(option, value.strip(), "25")
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
        raise _negative("--top", args.top, "10")
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
        raise _negative("--max-raise", args.max_raise, "2")
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


def _present(state: bool | None) -> str:
    if state is None:
        return tr("planner.present.unknown")
    return tr("planner.present.true") if state else tr("planner.present.false")


def _in_lang(text: Text) -> str:
    return text.id if current_lang() == "id" else text.en


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "~"


def _ranges(numbers: tuple[int, ...] | list[int]) -> str:

    return number_ranges(numbers)


def _signed_exact(value: Fraction) -> str:
    return ("+" if value > 0 else "") + exact_text(value)


def render_whatif(w: WhatIf, rs: Ruleset, lang: Lang | None = None) -> str:
    """The text report of a what-if, in ``lang`` (default: the current language)."""
    with use_lang(lang or current_lang()):
        return _render_whatif(w, rs)


def _render_whatif(w: WhatIf, rs: Ruleset) -> str:
    dec = rs.display.decimals
    b, a = w.before, w.after
    out = [f"{tr('planner.whatif')}: {b.instansi} ({b.year})", f"{tr('planner.ruleset')}: {rs.id} v{rs.version} - {rs.title}", ""]
    out.append(f"{tr('planner.changes')}:")
    if not w.levels and not w.documents:
        out.append(f"  {tr('planner.none')}")
    for ch in w.levels:
        name = rs.indicator(ch.indicator).name
        out.append(f"  {tr('planner.indicator')} {ch.indicator} ({_cut(name, 60)}): {tr('planner.level')} {ch.before} -> {ch.after}")
    for doc in w.documents:
        out.append(f"  {tr('planner.document')} {doc.name}: {_present(doc.before)} -> {_present(doc.after)}")
    out.append("")
    out.append(
        f"{tr('planner.index')}: {b.index} -> {a.index}  ({tr('planner.exact')} {exact_text(b.index_exact)} -> {exact_text(a.index_exact)}, {_signed_exact(w.delta)})"
    )
    state = tr("planner.changed") if w.predikat_changed else tr("planner.unchanged")
    out.append(f"{tr('planner.predikat')}: {w.predikat_before} -> {w.predikat_after} ({state})")
    if w.domains:
        out.append("")
        out.append(f"{tr('planner.domains')}:")
        for d in w.domains:
            out.append(f"  {d.id:<4} {_cut(d.name, 40):<40} {d.before_text} -> {d.after_text}  ({fraction_text(d.delta, dec + 2)})")
    changed = [x for x in w.aspects if x.delta != 0]
    if changed:
        out.append("")
        out.append(f"{tr('planner.aspects')}:")
        for x in changed:
            out.append(f"  {x.id:<4} {_cut(x.name, 40):<40} {x.before_text} -> {x.after_text}  ({fraction_text(x.delta, dec + 2)})")
    for title, items in ((tr("planner.released"), w.released), (tr("planner.capped"), w.capped)):
        if items:
            out.append("")
            out.append(f"{title}:")
            for r in items:
                out.append(f"  {r.indicator:>4}  {_cut(r.name, 56):<56} {r.before} -> {r.after}  ({', '.join(r.rules)})")
    return "\n".join(line.rstrip() for line in out) + "\n"


def render_gains(g: Gains, rs: Ruleset, lang: Lang | None = None, top: int | None = None) -> str:
    """The text report of the gains, in ``lang`` (default: the current language); ``top``: the first N rows."""
    with use_lang(lang or current_lang()):
        return _render_gains(g, rs, top)


def _render_gains(g: Gains, rs: Ruleset, top: int | None) -> str:
    dec = rs.display.decimals
    r = g.result
    out = [f"{tr('planner.gains')}: {r.instansi} ({r.year})", f"{tr('planner.ruleset')}: {rs.id} v{rs.version} - {rs.title}"]
    out.append(f"{tr('planner.now')}: {tr('planner.index')} {r.index} ({tr('planner.exact')} {exact_text(r.index_exact)}), {r.predikat}")
    out.append("")
    rows = list(g.indicators)
    shown = rows if top is None else rows[:top]
    width = 46
    out.append(
        f"  {tr('planner.col_no'):>4}  {tr('planner.indicator'):<{width}} {tr('planner.col_level'):>7} {tr('planner.col_gain'):>9}  {tr('planner.col_domain'):<14} {tr('planner.col_note')}"
    )
    for x in shown:
        level = f"{x.level}->{x.to}" if x.to is not None else str(x.level)
        doms = " ".join(f"{d.id} {fraction_text(d.gain, dec + 2)}" for d in x.domains)
        notes = []
        if x.to is None:
            notes.append(tr("planner.at_max"))
        if x.blocked_by:
            notes.append(tr("planner.blocked", r=", ".join(x.blocked_by)))
        if x.released:
            notes.append(tr("planner.releases", ids=_ranges(x.released)))
        out.append(f"  {x.indicator:>4}  {_cut(x.name, width):<{width}} {level:>7} {fraction_text(x.index_gain, dec + 2):>9}  {doms:<14} {'; '.join(notes)}")
    if top is not None and len(rows) > top:
        out.append(f"  {tr('planner.more', n=len(rows) - top)}")
    if g.unlocks:
        out.append("")
        out.append(f"{tr('planner.unlocks')}:")
        for u in g.unlocks:
            if u.kind == "document":
                head = tr("planner.unlock_doc", name=u.name)
            elif u.kind == "documents":
                head = tr("planner.unlock_docs")
            else:
                cond = _in_lang(u.condition)
                head = tr("planner.unlock_rule", rid=u.id, cond=cond)
            if u.released:
                doms = ", ".join(f"{d.id} {fraction_text(d.gain, dec + 2)}" for d in u.domains)
                tail = tr("planner.releases_n", n=len(u.released), ids=_ranges(u.released), gain=fraction_text(u.index_gain, dec + 2)) + (
                    f" ({doms})" if doms else ""
                )
            else:
                tail = tr("planner.releases_0")
            out.extend(textwrap.wrap(f"{head}: {tail}", 100, initial_indent="  ", subsequent_indent="    "))
    return "\n".join(line.rstrip() for line in out) + "\n"


def _limits_text(lim: Limits) -> str:
    parts = []
    if lim.fixed:
        parts.append(f"{tr('planner.indicator').lower()} {_ranges(sorted(lim.fixed))} {tr('planner.fixed')}")
    if lim.max_raise is not None:
        parts.append(tr("planner.max_raise", n=lim.max_raise))
    if lim.max_raise_by:
        parts.append(f"{tr('planner.max_raise_by')}: " + ", ".join(f"{n}: {k}" for n, k in sorted(lim.max_raise_by.items())))
    if lim.budget is not None:
        parts.append(f"{tr('planner.budget')} {exact_text(lim.budget)}")
    if lim.unavailable_documents:
        parts.append(f"{tr('planner.unavailable')}: {', '.join(sorted(lim.unavailable_documents))}")
    return "; ".join(parts)


def render_plan(p: Plan, rs: Ruleset, lang: Lang | None = None, limits: Limits | None = None) -> str:
    """The text report of a plan, in ``lang`` (default: the current language); ``limits``: the limits it kept to."""
    with use_lang(lang or current_lang()):
        return _render_plan(p, rs, limits)


def _render_plan(p: Plan, rs: Ruleset, limits: Limits | None) -> str:
    before = p.before
    who = f"{before.instansi} ({before.year})" if before is not None else ""
    out = [f"{tr('planner.plan')}: {who}", f"{tr('planner.ruleset')}: {rs.id} v{rs.version} - {rs.title}"]
    t = p.target
    if t.kind == "predikat":
        goal = tr("planner.kind_predikat", p=t.predikat)
        rule = tr("planner.pred_rounded", d=rs.display.decimals) if rs.display.predikat_from == "rounded" else tr("planner.pred_exact")
        goal += f"; {rule}"
    elif t.kind == "display":
        goal = tr("planner.kind_display", v=t.text)
    else:
        goal = tr("planner.kind_index", v=t.text)
    if t.threshold is not None and t.kind != "index":
        goal += f" -> {tr('planner.threshold')} {exact_text(t.threshold)}"
    out.append(f"{tr('planner.target')}: {goal}")
    if limits is not None and _limits_text(limits):
        out.append(f"{tr('planner.limits')}: {_limits_text(limits)}")
    out.append("")
    w = max(len(tr("planner.now")), len(tr("planner.result")), len(tr("planner.total_cost"))) + 1
    out.append(
        f"{tr('planner.now') + ':':<{w}} {tr('planner.index')} {p.before_index} ({tr('planner.exact')} {exact_text(p.before_index_exact)}), {p.before_predikat}"
    )
    status = tr("planner.reached") if p.reachable else tr("planner.unreachable")
    out.append(
        f"{tr('planner.result') + ':':<{w}} {tr('planner.index')} {p.index} ({tr('planner.exact')} {exact_text(p.index_exact)}), {p.predikat}  [{status}]"
    )
    unit = p.unit or tr("planner.unit_default")
    out.append(f"{tr('planner.total_cost') + ':':<{w}} {exact_text(p.total_cost)}  ({tr('planner.unit')}: {unit})")
    out.append("")
    out.extend(textwrap.wrap(p.message.render(current_lang()), 100))
    out.append("")
    out.append(f"{tr('planner.steps')}:")
    if not p.steps:
        out.append(f"  {tr('planner.no_steps')}")
    for k, s in enumerate(p.steps, 1):
        if s.kind == "document":
            what = f"{tr('planner.document')} {_cut(s.name, 44)}: {tr('planner.obtain')}"
        else:
            what = f"{s.indicator:>3} {_cut(s.name, 44):<44} {s.from_level} -> {s.to_level}"
        out.append(f"  {k:>2}. {what:<57} {tr('planner.cost')} {exact_text(s.cost):>4}  {s.gain_text:>8} -> {s.index_after_text} ({exact_text(s.index_after)})")
        reason = s.reason.render(current_lang())
        out.extend(textwrap.wrap(reason, 96, initial_indent="      ", subsequent_indent="      "))
        if s.evidence:
            head = tr("planner.evidence")
            out.extend(textwrap.wrap(f"{head}: {', '.join(s.evidence)}", 96, initial_indent="      ", subsequent_indent="        "))
    return "\n".join(line.rstrip() for line in out) + "\n"
