"""Text views for people: the margin and risk of one result, and one institution over the years.

Indonesian by default, English with ``lang="en"``. Numbers are decimals: exact when they end
within a few places, otherwise rounded with a leading ``≈`` (the JSON forms keep exact values).
"""

from __future__ import annotations

from fractions import Fraction

from .._analysis.compare import YearComparison
from .._analysis.risk import Boundary, Risk, decimal_text
from .._base.messages import CATALOGUE, LANGS
from .._base.text import number_ranges
from .._engine.engine import display_text
from .._model.model import Ruleset

__all__ = ["bound_text", "boundary_sentence", "drop_rows", "render_compare", "render_risk", "rule_sentence", "signed_text"]


def _part(prefix: str) -> dict[str, dict[str, str]]:
    """The catalogue entries ``prefix.*`` by language and short key."""
    cut = len(prefix) + 1
    return {lang: {k[cut:]: v[i] for k, v in CATALOGUE.items() if k.startswith(prefix + ".")} for i, lang in enumerate(LANGS)}


_L = _part("risk")


def _lang(lang: str) -> dict[str, str]:
    return _L["en" if lang == "en" else "id"]


def _places(r: Risk) -> int:
    return r.decimals + 2


def rule_sentence(r: Risk, ruleset: Ruleset, lang: str = "id") -> str:
    """How the predikat is read under ``ruleset`` (and whether that rule is provisional)."""
    t = _lang(lang)
    key = "rule_rounded" if r.predikat_from == "rounded" else "rule_exact"
    text = t[key].format(rid=ruleset.id, d=r.decimals, mode=r.rounding)
    if r.rule_status == "provisional":
        text += " " + t["provisional"]
    return text


def boundary_sentence(r: Risk, which: str, lang: str = "id") -> str:
    """The sentence on the floor (``which="down"``) or the next band (``"up"``)."""
    t = _lang(lang)
    b: Boundary | None = r.floor if which == "down" else r.ceiling
    if b is None:
        return t[f"{which}_none"].format(pred=r.predikat)
    places = _places(r)
    written = t["written"].format(lower=bound_text(b.lower, r.decimals)) if b.value != b.lower else ""
    return t[which].format(
        exact=decimal_text(r.index_exact, places),
        dist=decimal_text(b.distance, places),
        band=b.band,
        at=bound_text(b.value, r.decimals),
        excl="" if b.inclusive else t["excl"],
        written=written,
        rid=r.result.ruleset.id,
    )


def bound_text(value: Fraction, decimals: int) -> str:
    """An exact value written with at least the ruleset's decimals (2.60, 2.595, 2.5985), or
    rounded to two places more with ``≈`` when its decimal does not end there."""
    scaled = value * 10**decimals
    if scaled.denominator == 1:
        return display_text(int(scaled), decimals)
    return decimal_text(value, decimals + 2)


def drop_rows(r: Risk, lang: str = "id") -> list[tuple[str, ...]]:
    """One row per drop: number, name, levels, index after (exact and shown), predikat, loss, cascade."""
    t = _lang(lang)
    places = _places(r)
    rows: list[tuple[str, ...]] = []
    for d in r.drops:
        level = f"{d.from_level} \u2192 {d.to_level}"
        if d.submitted != d.from_level:
            level += f" ({t['submitted'].format(lv=d.submitted)})"
        rows.append(
            (
                str(d.indicator),
                d.name,
                level,
                f"{decimal_text(d.index, places)} ({d.index_text})",
                d.predikat,
                "-" + decimal_text(d.cost, places),
                number_ranges(d.also_lowered, empty="-"),
            )
        )
    return rows


def render_risk(r: Risk, ruleset: Ruleset, lang: str = "id", width: int = 46) -> str:
    """The text report of :func:`spbe_rules.risk`."""
    t = _lang(lang)
    res = r.result
    out = [
        t["title"].format(inst=res.instansi, year=res.year, rid=res.ruleset.id, ver=res.ruleset.version),
        t["index"].format(exact=decimal_text(r.index_exact, _places(r)), shown=r.index, pred=r.predikat),
        rule_sentence(r, ruleset, lang),
        "",
        boundary_sentence(r, "down", lang),
        boundary_sentence(r, "up", lang),
        "",
    ]
    if not r.drops:
        out.append(t["no_drops"].format(checked=r.checked, pred=r.predikat))
        return "\n".join(out)
    out.append(t["drops"].format(n=len(r.drops), checked=r.checked))
    head = (t["col_no"], t["col_name"], t["col_level"], t["col_after"], t["col_pred"], t["col_cost"], t["col_also"])
    rows = [head] + [(a, _cut(b, width), *rest) for a, b, *rest in drop_rows(r, lang)]
    widths = [max(len(row[k]) for row in rows) for k in range(len(head))]
    for row in rows:
        out.append("  " + "  ".join(cell.rjust(widths[k]) if k == 0 else cell.ljust(widths[k]) for k, cell in enumerate(row)).rstrip())
    return "\n".join(out)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"


# -- years ---------------------------------------------------------------------------------

_Y = _part("compare")


def level_text(level: int | Fraction | None) -> str:
    """A level as written: a whole number, or the exact mean of sub-levels as a decimal (2.5, never 5/2)."""
    if level is None:
        return "-"
    return str(level) if isinstance(level, int) or level.denominator == 1 else decimal_text(Fraction(level), 4)


def signed_text(value: Fraction, places: int) -> str:
    """A change as a signed decimal (``+0.06``, ``-0.0105``, ``±0``)."""
    if value == 0:
        return "\u00b10"
    text = decimal_text(abs(value), places)
    sign = "+" if value > 0 else "-"
    return text[0] + sign + text[1:] if text.startswith("\u2248") else sign + text


def _table(rows: list[tuple[str, ...]], right: frozenset[int] = frozenset()) -> list[str]:
    widths = [max(len(r[k]) for r in rows) for k in range(len(rows[0]))]
    return ["  " + "  ".join(c.rjust(widths[k]) if k in right else c.ljust(widths[k]) for k, c in enumerate(r)).rstrip() for r in rows]


def render_compare(c: YearComparison, lang: str = "id", width: int = 46) -> str:
    """The text report of :func:`spbe_rules.compare_years`."""
    t = _Y["en" if lang == "en" else "id"]
    places = 4
    out = [t["title"].format(inst=c.instansi)]
    if len(c.names) > 1:
        out.append(t["names"].format(names="; ".join(c.names)))
    out.append("")
    rows: list[tuple[str, ...]] = [(t["col_year"], t["col_rules"], t["col_read"], t["col_index"], t["col_pred"])]
    for y in c.years:
        rules = f"{y.ruleset_id} {y.ruleset_version}" + (t["provisional"] if y.provisional else "") + ("" if y.comparable else t["other"])
        rows.append((str(y.year), rules, t[y.predikat_from], f"{y.result.index} ({decimal_text(y.result.index_exact, places)})", y.result.predikat))
    out += _table(rows)
    if c.domains:
        out += ["", t["domains"] + ":"]
        drows: list[tuple[str, ...]] = [("", *(str(y.year) for y in c.years))]
        for d in c.domains:
            drows.append((_cut(f"{d.id} {d.name}", 30), *(s if s is not None else "-" for s in d.shown)))
        out += _table(drows, frozenset(range(1, len(c.years) + 1)))
    for s in c.steps:
        out.append("")
        pred = s.predikat_from if s.predikat_from == s.predikat_to else f"{s.predikat_from} \u2192 {s.predikat_to}"
        rules = t["same_rules"].format(rid=s.ruleset_to) if s.ruleset_from == s.ruleset_to else f"{s.ruleset_from} \u2192 {s.ruleset_to}"
        out.append(t["step"].format(y0=s.year_from, y1=s.year_to, delta=signed_text(s.delta, places), p=pred, r=rules))
        if s.raised:
            out.append(t["raised"].format(ids=number_ranges(s.raised)))
        if s.lowered:
            out.append(t["lowered"].format(ids=number_ranges(s.lowered)))
        e = s.effect
        if e is None:
            continue
        if not e.comparable:
            reason = e.reason.en if (e.reason is not None and lang == "en") else (e.reason.id if e.reason is not None else "-")
            out.append(t["no_effect"].format(reason=reason))
            continue
        assert e.under_old is not None and e.under_new is not None and e.levels_part is not None and e.ruleset_part is not None
        out.append(
            t["effect"].format(
                y1=s.year_to,
                old=s.ruleset_from,
                oi=f"{e.under_old_shown} ({decimal_text(e.under_old, places)})",
                op=e.predikat_under_old,
                new=s.ruleset_to,
                ni=f"{e.under_new_shown} ({decimal_text(e.under_new, places)})",
                np=e.predikat_under_new,
            )
        )
        out.append(t["split"].format(delta=signed_text(s.delta, places), lv=signed_text(e.levels_part, places), rp=signed_text(e.ruleset_part, places)))
        if e.predikat_under_old != e.predikat_under_new:
            out.append(t["effect_pred"].format(op=e.predikat_under_old, np=e.predikat_under_new))
        if e.indicators:
            out.append(t["effect_inds"].format(ids=number_ranges(e.indicators)))
    changed = [tr for tr in c.indicators if tr.changed]
    out.append("")
    if not changed:
        out.append(t["no_indicators"])
        return "\n".join(out)
    out.append(t["indicators"])
    irows: list[tuple[str, ...]] = [(t["col_no"], t["col_name"], *(str(y.year) for y in c.years))]
    for tr in changed:
        cells = []
        for lv, ef in zip(tr.levels, tr.effective):
            cells.append("-" if ef is None else (level_text(ef) if lv == ef else f"{level_text(ef)} ({level_text(lv)})"))
        irows.append((str(tr.indicator), _cut(tr.name, width), *cells))
    out += _table(irows, frozenset({0, *range(2, len(c.years) + 2)}))
    return "\n".join(out)
