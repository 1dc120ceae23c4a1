"""The parts of the batch report that serve a group discussion.

An indicator x institution heat map of the levels that count (weakest indicators first), a view
per owner (the unit responsible for each indicator, from the batch input's ``owner`` column),
and a table of every institution over every year in the input, with a small line per
institution, its own target and the documents it stated. Indonesian by default, English with
``--lang en`` (texts from the message catalogue). Positions are exact (rational arithmetic).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from .._base.errors import current_lang
from .._base.messages import render
from .._base.text import number_ranges
from .._model.model import Ruleset
from .svg import ACCENT, INK, MUTED, esc, px
from .views import bound_text, signed_text

__all__ = ["BATCH_CSS", "heatmap_section", "heatmap_svg", "institutions_section", "owners_section", "sparkline_svg"]

BATCH_CSS = """
.scroll { overflow-x: auto; max-width: 100%; }
table.owner { width: auto; }
table.owner th.num { text-align: center; }
td.lv { text-align: center; font-variant-numeric: tabular-nums; min-width: 1.8em; }
td.lv1 { background: #fecaca; } td.lv2 { background: #fed7aa; } td.lv3 { background: #fef08a; } td.lv4 { background: #d9f99d; } td.lv5 { background: #86efac; }
td.lv0 { background: #e5e7eb; }
td.spark { padding: 0 6px; }
.docs { font-size: .8rem; }
.docs span { white-space: nowrap; margin-right: 6px; }
"""

_YES, _NO = "\u2713", "\u2717"

# level colours, lowest first (a scale with more levels reuses the last)
LEVEL_COLOURS = ["#e5e7eb", "#f87171", "#fb923c", "#facc15", "#a3e635", "#22c55e"]


def _t(key: str, **params: object) -> str:
    return render(key, current_lang(), params)


def _level_colour(level: int, lo: int) -> str:
    k = level - lo + (1 if lo > 0 else 0)
    return LEVEL_COLOURS[max(0, min(k, len(LEVEL_COLOURS) - 1))]


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "\u2026"


def _plain_name(name: str) -> str:
    """An indicator name without the words every 59/2020 name starts with (the full name stays in the tooltip)."""
    for prefix in ("Tingkat Kematangan ", "Tingkat Kematangan"):
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


def _records_ruleset(recs: Sequence[Mapping[str, Any]], rulesets: Mapping[str, Ruleset | None]) -> Ruleset | None:
    for rec in recs:
        rs = rulesets.get(str(rec["ruleset"]))
        if rs is not None:
            return rs
    return None


# -- heat map -------------------------------------------------------------------------------


def heatmap_svg(
    indicators: Sequence[tuple[int, str]],
    institutions: Sequence[str],
    levels: Mapping[tuple[int, str], int],
    lo: int,
    hi: int,
) -> str:
    """Rows: ``indicators`` (number, name) in the given order; columns: ``institutions``; a cell per
    known level, coloured by level and labelled with it."""
    cell_w, cell_h, label_w, top, right, legend_h = 20, 16, 250, 140, 96, 34  # top holds a column label of 24 characters at -55 degrees
    width = label_w + cell_w * len(institutions) + right
    height = top + cell_h * len(indicators) + legend_h
    label = _t("batch.heat.aria", rows=len(indicators), cols=len(institutions))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart heatmap" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{esc(label)}">'
    ]
    for j, inst in enumerate(institutions):
        x = label_w + j * cell_w + cell_w // 2
        parts.append(
            f'<text class="col-label" x="{x}" y="{top - 6}" font-size="10" fill="{INK}" transform="rotate(-55 {x} {top - 6})">{esc(_short(inst, 24))}<title>{esc(inst)}</title></text>'
        )
    for i, (number, name) in enumerate(indicators):
        y = top + i * cell_h
        parts.append(
            f'<text class="row-label" x="{label_w - 6}" y="{y + cell_h - 4}" font-size="10" text-anchor="end" fill="{INK}">{esc(_short(f"{number} {_plain_name(name)}", 38))}<title>{esc(f"{number} {name}")}</title></text>'
        )
        for j, inst in enumerate(institutions):
            lv = levels.get((number, inst))
            if lv is None:
                continue
            x = label_w + j * cell_w
            parts.append(
                f'<rect class="cell" x="{x + 1}" y="{y + 1}" width="{cell_w - 2}" height="{cell_h - 2}" fill="{_level_colour(lv, lo)}" data-value="{lv}"><title>{esc(inst)}, {number}: {lv}</title></rect>'
                f'<text x="{x + cell_w // 2}" y="{y + cell_h - 4}" font-size="9" text-anchor="middle" fill="{INK}">{lv}</text>'
            )
    ly = top + cell_h * len(indicators) + 14
    parts.append(f'<text x="{label_w - 6}" y="{ly + 10}" font-size="10" text-anchor="end" fill="{MUTED}">{esc(_t("batch.heat.legend"))}</text>')
    for k, lv in enumerate(range(lo, hi + 1)):
        x = label_w + k * 30
        parts.append(
            f'<rect x="{x}" y="{ly}" width="16" height="12" fill="{_level_colour(lv, lo)}"/><text x="{x + 19}" y="{ly + 10}" font-size="10" fill="{INK}">{lv}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def heatmap_section(latest: Sequence[Mapping[str, Any]], rulesets: Mapping[str, Ruleset | None], limit: int = 60) -> str:
    """The heat map of the latest year's records: indicators ordered weakest first (lowest mean level
    across institutions), institutions weakest first; at most ``limit`` institutions drawn."""
    rs = _records_ruleset(latest, rulesets)
    if rs is None or not latest:
        return ""
    same = [rec for rec in latest if (rulesets.get(str(rec["ruleset"])) or rs).numbers == rs.numbers]
    ordered = sorted(same, key=lambda rec: (Fraction(str(rec["index_exact"])), str(rec["instansi"])))
    shown = ordered[:limit]
    levels: dict[tuple[int, str], int] = {}
    for rec in shown:
        for k, v in (rec.get("effective_levels") or {}).items():
            levels[(int(k), str(rec["instansi"]))] = int(v)
    mean = {n: Fraction(sum(int((rec.get("effective_levels") or {}).get(str(n), 0)) for rec in same), max(len(same), 1)) for n in rs.numbers}
    inds = sorted(rs.indicators, key=lambda ind: (mean[ind.number], ind.number))
    out = [f"<h2>{esc(_t('batch.heat.head'))}</h2>"]
    svg = heatmap_svg([(i.number, i.name) for i in inds], [str(rec["instansi"]) for rec in shown], levels, rs.scale.min, rs.scale.max)
    out.append(f'<figure><div class="scroll">{svg}</div><figcaption>{esc(_t("batch.heat.caption", year=latest[0]["year"]))}</figcaption></figure>')
    if len(ordered) > limit:
        out.append(f'<p class="muted">{esc(_t("batch.heat.more", n=len(ordered) - limit, limit=limit))}</p>')
    weakest = inds[:5]
    out.append(f"<p>{esc(_t('batch.heat.weakest', items='; '.join(f'{i.number} {i.name} ({bound_text(mean[i.number], 2)})' for i in weakest)))}</p>")
    return "".join(out)


# -- owners ---------------------------------------------------------------------------------


def owners_section(latest: Sequence[Mapping[str, Any]], rulesets: Mapping[str, Ruleset | None], limit: int = 60) -> str:
    """A view per owner (unit): the indicators it is responsible for, with the level that counts in
    each institution that names it (at most ``limit`` rows, the institutions with the lowest index
    first; the means count every institution), weakest indicators first."""
    units: dict[str, dict[str, list[int]]] = {}  # unit -> institution -> indicators
    for rec in latest:
        for n, unit in (rec.get("owners") or {}).items():
            units.setdefault(unit, {}).setdefault(str(rec["instansi"]), []).append(int(n))
    if not units:
        return ""
    rs = _records_ruleset(latest, rulesets)
    names = {i.number: i.name for i in rs.indicators} if rs is not None else {}
    by_inst = {str(rec["instansi"]): rec for rec in latest}
    lo = rs.scale.min if rs is not None else 1
    out = [f"<h2>{esc(_t('batch.owner.head'))}</h2>", f'<p class="muted">{esc(_t("batch.owner.intro"))}</p>']
    for unit in sorted(units, key=str.lower):
        insts = units[unit]
        numbers = sorted({n for ns in insts.values() for n in ns})

        def lv(inst: str, n: int, insts: dict[str, list[int]] = insts) -> int | None:
            v = (by_inst[inst].get("effective_levels") or {}).get(str(n))
            return None if v is None or n not in insts[inst] else int(v)

        mean = {n: Fraction(sum(lv(i, n) or 0 for i in insts), max(sum(1 for i in insts if lv(i, n) is not None), 1)) for n in numbers}
        numbers.sort(key=lambda n: (mean[n], n))
        out.append(f'<h3>{esc(unit)} <span class="muted">({esc(_t("batch.owner.indicators", ids=number_ranges(numbers)))})</span></h3>')
        head = "".join(f'<th class="num" title="{esc(names.get(n, ""))}">{n}</th>' for n in numbers)
        out.append(f'<div class="scroll"><table class="owner"><thead><tr><th>{esc(_t("batch.col.institution"))}</th>{head}</tr></thead><tbody>')
        index_of = {inst: Fraction(str(by_inst[inst]["index_exact"])) for inst in insts}
        rows = sorted(insts, key=lambda i: (index_of[i], i))
        for inst in rows[:limit]:
            cells = []
            for n in numbers:
                v = lv(inst, n)
                cells.append('<td class="lv muted">-</td>' if v is None else f'<td class="lv lv{max(0, min(v - lo + 1, 5))}">{v}</td>')
            out.append(f"<tr><td>{esc(inst)}</td>{''.join(cells)}</tr>")
        out.append(
            f"<tr><td><strong>{esc(_t('batch.owner.mean'))}</strong></td>"
            + "".join(f'<td class="lv"><strong>{esc(bound_text(mean[n], 2))}</strong></td>' for n in numbers)
            + "</tr>"
        )
        out.append("</tbody></table></div>")
        if len(rows) > limit:
            out.append(f'<p class="muted">{esc(_t("batch.owner.more", n=len(rows) - limit, limit=limit))}</p>')
    return "".join(out)


# -- institutions over the years ---------------------------------------------------------------


def sparkline_svg(points: Sequence[tuple[int, Fraction, str]], width: int = 120, height: int = 30) -> str:
    """A small line of an institution's index over its years (``(year, exact, shown)``)."""
    side, top = 5, 5
    values = [v for _, v, _ in points]
    lo, hi = min(values), max(values)
    if hi - lo < Fraction(1, 10):
        mid = (hi + lo) / 2
        lo, hi = mid - Fraction(1, 20), mid + Fraction(1, 20)
    years = [y for y, _, _ in points]
    y0, y1 = years[0], years[-1]

    def x(year: int) -> Fraction:
        return side + (Fraction(year - y0, y1 - y0) * (width - 2 * side) if y1 > y0 else Fraction(width, 2) - side)

    def y(v: Fraction) -> Fraction:
        return top + (hi - v) / (hi - lo) * (height - 2 * top)

    label = _t("batch.spark.aria", values=", ".join(f"{yr}: {t}" for yr, _, t in points))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart spark" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{esc(label)}"><title>{esc(label)}</title>'
    ]
    if len(points) > 1:
        parts.append(f'<polyline points="{" ".join(f"{px(x(yr))},{px(y(v))}" for yr, v, _ in points)}" fill="none" stroke="{ACCENT}" stroke-width="2"/>')
    for yr, v, _ in points:
        parts.append(f'<circle cx="{px(x(yr))}" cy="{px(y(v))}" r="{3 if yr == y1 else 2}" fill="{ACCENT if yr == y1 else MUTED}"/>')
    parts.append("</svg>")
    return "".join(parts)


def institutions_section(by_inst: Mapping[str, Mapping[int, Mapping[str, Any]]], years: Sequence[int], rulesets: Mapping[str, Ruleset | None], top: int) -> str:
    """Every institution over every year of the input: index per year, a small line, the change from
    its first to its last year, its own target and the distance to it, the documents it stated and
    how many requirement items of the next level its evidence leaves unmet."""
    out = [f"<h2>{esc(_t('batch.inst.head'))}</h2>"]
    doc_names: dict[str, str] = {}
    for rs in rulesets.values():
        if rs is not None:
            for d in rs.documents:
                doc_names.setdefault(d.key, d.name)
    head = "".join(f'<th class="num">{y}</th>' for y in years)
    cols = (
        f'<th>{esc(_t("batch.col.institution"))}</th>{head}<th>{esc(_t("batch.col.trend"))}</th><th class="num">{esc(_t("batch.col.change"))}</th>'
        f'<th class="num">{esc(_t("batch.col.target"))}</th><th class="num">{esc(_t("batch.col.gap"))}</th><th>{esc(_t("batch.col.documents"))}</th>'
        f'<th class="num">{esc(_t("batch.col.unmet"))}</th>'
    )
    out.append(f'<div class="scroll"><table class="institutions"><thead><tr>{cols}</tr></thead><tbody>')
    order = sorted(by_inst, key=lambda inst: (-Fraction(str(by_inst[inst][max(by_inst[inst])]["index_exact"])), inst))
    for inst in order[:top]:
        per = by_inst[inst]
        ys = sorted(per)
        last = per[ys[-1]]
        cells = "".join(f'<td class="num">{esc(per[y]["index"]) if y in per else "-"}</td>' for y in years)
        points = [(y, Fraction(str(per[y]["index_exact"])), str(per[y]["index"])) for y in ys]
        change = signed_text(points[-1][1] - points[0][1], 4) if len(points) > 1 else "-"
        cls = "" if len(points) < 2 else (" up" if points[-1][1] > points[0][1] else " down" if points[-1][1] < points[0][1] else "")
        target = last.get("target")
        if target is not None:
            gap_v = Fraction(target) - points[-1][1]
            gap = esc(_t("batch.gap.reached")) if gap_v <= 0 else esc(signed_text(gap_v, 4))
            target_text = esc(bound_text(Fraction(target), 2))
        else:
            gap = target_text = "-"
        docs = last.get("documents") or {}
        doc_cells = (
            " ".join(
                f'<span title="{esc(doc_names.get(k, k))}">{esc(_short(doc_names.get(k, k), 18))} {_YES if v else _NO}</span>' for k, v in sorted(docs.items())
            )
            or f'<span class="muted">{esc(_t("batch.docs.none"))}</span>'
        )
        unmet = last.get("unmet")  # requirement ids of the next level not met, per indicator (present only when some are)
        if isinstance(unmet, Mapping) and any(unmet.values()):
            items = sum(len(ids) for ids in unmet.values())
            unmet_text = esc(_t("batch.unmet.count", items=items, indicators=sum(1 for ids in unmet.values() if ids)))
        else:
            unmet_text = "-"
        out.append(
            f'<tr><td>{esc(inst)}</td>{cells}<td class="spark">{sparkline_svg(points)}</td><td class="num{cls}">{esc(change)}</td>'
            f'<td class="num">{target_text}</td><td class="num">{gap}</td><td class="docs">{doc_cells}</td><td class="num">{unmet_text}</td></tr>'
        )
    out.append("</tbody></table></div>")
    if len(order) > top:
        out.append(f'<p class="muted">{esc(_t("batch.inst.more", n=len(order) - top))}</p>')
    out.append(f'<p class="muted">{esc(_t("batch.inst.note"))}</p>')
    return "".join(out)
