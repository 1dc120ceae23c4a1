"""The parts of the single HTML report that tell an institution's whole story.

Margin and risk (a zoomed scale around the index with the boundaries under the ruleset's rule
and where each one-level drop would land), the stage history (index per stage and the levels
the assessors changed), every indicator with its level names (claimed, final and counted where
they differ), what in the ruleset is provisional, and the years of a comparison. Indonesian
labels. Numbers are decimals (exact when they end within a few places, else rounded with
``≈``), never fractions. Chart positions are computed exactly from the values (rational
arithmetic, one decimal of a pixel).
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from .._analysis.compare import YearComparison
from .._analysis.risk import Risk, band_floor, decimal_text, risk
from .._base.errors import EvaluationError, current_lang
from .._base.messages import render
from .._base.text import number_ranges
from .._engine.result import Result
from .._loading.assessment import Assessment
from .._model.model import Ruleset
from .svg import ACCENT, INK, MUTED, band_colour, esc, px
from .views import bound_text, boundary_sentence, rule_sentence, signed_text

__all__ = [
    "STORY_CSS",
    "evidence_section",
    "index_line_svg",
    "indicators_section",
    "margin_card",
    "margin_svg",
    "provisional_section",
    "risk_for_report",
    "risk_section",
    "stages_section",
    "years_section",
]

STORY_CSS = """
.headline .card { flex: 1 1 200px; }
.attention { border: 1px solid #f59e0b; background: #fffbeb; border-radius: 8px; padding: 10px 14px; margin: 12px 0; }
.attention h2 { border: 0; margin: 0 0 6px; padding: 0; font-size: 1.05rem; }
.attention ul { margin: 4px 0 0 18px; padding: 0; }
td.diff { background: #fff7ed; font-weight: 600; }
tr.capped td { background: #fef2f2; }
.tag { display: inline-block; font-size: .75rem; border-radius: 4px; padding: 0 5px; margin-left: 4px; background: #fde68a; color: #78350f; }
.lvname { color: #4b5563; font-size: .85rem; }
"""

_PLACES = 4  # decimals shown for exact differences (indices of 59/2020 end within 4 places)


def _num(v: Fraction) -> str:
    return decimal_text(v, _PLACES)


def _lv(level: int | Fraction) -> str:
    """A level as written: a whole number, or the exact mean of sub-levels as a decimal (2.5, never 5/2)."""
    return str(level) if isinstance(level, int) or level.denominator == 1 else decimal_text(Fraction(level), _PLACES)


def _t(key: str, **params: object) -> str:
    return render(key, current_lang(), params)


def _tag() -> str:
    return f'<span class="tag">{esc(_t("story.tag.provisional"))}</span>'


def _reason(reason: str | None) -> str:
    return f": {esc(reason)}" if reason else "."


def _head(css: str, *cols: tuple[str, str]) -> str:
    """The start of a table with the headers ``story.col.<key>`` (class ``num`` for numbers)."""
    cells = "".join(f"<th{' class=' + chr(34) + c + chr(34) if c else ''}>{esc(_t('story.col.' + k))}</th>" for k, c in cols)
    return f'<table class="{css}"><thead><tr>{cells}</tr></thead><tbody>'


def _label_x(x: Fraction, text: str, width: int, size: int) -> tuple[Fraction, str]:
    """An x position and anchor that keep a label of ``text`` (at ``size`` px) inside ``0..width``."""
    half = Fraction(len(text) * size * 31, 100) + 2  # a generous estimate of half the text's width
    if x - half < 2:
        return Fraction(2), "start"
    if x + half > width - 2:
        return Fraction(width - 2), "end"
    return x, "middle"


# -- charts ------------------------------------------------------------------------------


def margin_svg(r: Risk, rs: Ruleset, width: int = 640) -> str:
    """A zoomed predikat scale around the index: the band floors under the ruleset's rule, the
    index, and where each one-level drop that changes the predikat would land (grouped by value)."""
    value = r.index_exact
    points = [value, *(d.index for d in r.drops)]
    if r.floor is not None:
        points.append(r.floor.value)
    left, right = min(points), max(points)
    near = max(value - left, Fraction(1, 20))
    show_ceiling = r.ceiling is not None and r.ceiling.distance <= 4 * near
    if show_ceiling and r.ceiling is not None:
        right = max(right, r.ceiling.value)
    if right - left < Fraction(1, 50):
        left, right = left - Fraction(1, 100), right + Fraction(1, 100)
    pad = (right - left) / 8
    v0, v1 = left - pad, right + pad
    side, strip_top, strip_h = 16, 40, 18
    height = 168 if r.drops else 100
    span = Fraction(width - 2 * side)

    def x(v: Fraction) -> Fraction:
        return side + (min(max(v, v0), v1) - v0) / (v1 - v0) * span

    names = [b.name for b in rs.predikat.bands]
    label = _t("story.margin.aria", value=_num(value), pred=r.predikat)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart margin" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{esc(label)}">'
    ]
    # the bands as they apply under the boundary rule (effective floors), cut to the window
    floors = [band_floor(rs, n)[0] for n in names]
    for k, name in enumerate(names):
        lo_v = floors[k] if k else v0
        hi_v = floors[k + 1] if k + 1 < len(names) else v1
        a, b = max(lo_v, v0), min(hi_v, v1)
        if b <= a:
            continue
        colour = band_colour(names, name)
        parts.append(
            f'<rect class="band" x="{px(x(a))}" y="{strip_top}" width="{px(x(b) - x(a))}" height="{strip_h}" fill="{colour}" opacity="{"0.9" if name == r.predikat else "0.35"}"><title>{esc(name)}</title></rect>'
        )
        mid, anchor = _label_x((x(a) + x(b)) / 2, name, width, 11)
        if x(b) - x(a) > len(name) * 7 + 8:
            parts.append(f'<text x="{px(mid)}" y="{strip_top + 13}" font-size="11" text-anchor="{anchor}" fill="#fff" font-weight="700">{esc(name)}</text>')
    # boundaries
    for bd, key in ((r.floor, "story.margin.floor"), (r.ceiling if show_ceiling else None, "story.margin.ceiling")):
        if bd is None:
            continue
        bx = x(bd.value)
        text = _t(key, band=bd.band, at=bound_text(bd.value, rs.display.decimals))
        parts.append(
            f'<line class="boundary" x1="{px(bx)}" y1="{strip_top - 6}" x2="{px(bx)}" y2="{strip_top + strip_h + 8}" stroke="{INK}" stroke-width="1.5" stroke-dasharray="4 3"/>'
        )
        lx, anchor = _label_x(bx, text, width, 11)
        parts.append(
            f'<text class="boundary-label" x="{px(lx)}" y="{strip_top + strip_h + 22}" font-size="11" text-anchor="{anchor}" fill="{INK}">{esc(text)}</text>'
        )
    if r.ceiling is not None and not show_ceiling:
        text = _t("story.margin.far", band=r.ceiling.band, at=bound_text(r.ceiling.value, rs.display.decimals), dist=_num(r.ceiling.distance))
        parts.append(
            f'<text class="boundary-label" x="{width - 2}" y="{strip_top + strip_h + 22}" font-size="11" text-anchor="end" fill="{MUTED}">{esc(text)}</text>'
        )
    # the index
    mx = x(value)
    parts.append(f'<line class="index" x1="{px(mx)}" y1="{strip_top - 12}" x2="{px(mx)}" y2="{strip_top + strip_h + 2}" stroke="{INK}" stroke-width="3"/>')
    text = _t("story.margin.index", value=_num(value))
    lx, anchor = _label_x(mx, text, width, 12)
    parts.append(f'<text class="index-label" x="{px(lx)}" y="18" font-size="12" font-weight="700" text-anchor="{anchor}" fill="{INK}">{esc(text)}</text>')
    # the drops, grouped by where they land
    groups: dict[Fraction, list[int]] = {}
    for d in r.drops:
        groups.setdefault(d.index, []).append(d.indicator)
    row_y = (112, 128, 144)
    last_end: list[Fraction] = [Fraction(-(10**6))] * len(row_y)
    for k, (after, inds) in enumerate(sorted(groups.items(), reverse=True)):
        gx = x(after)
        pred = next(d.predikat for d in r.drops if d.index == after)
        colour = band_colour(names, pred)
        parts.append(
            f'<circle class="drop" cx="{px(gx)}" cy="92" r="6" fill="{colour}" stroke="{INK}" stroke-width="1"><title>{esc(_t("story.margin.group", n=len(inds), value=_num(after), pred=pred, ids=number_ranges(inds)))}</title></circle>'
        )
        text = f"{len(inds)}\u00d7 {_num(after)}"
        lx, anchor = _label_x(gx, text, width, 10)
        half = Fraction(len(text) * 10 * 31, 100) + 2
        start = lx - (2 * half if anchor == "end" else half if anchor == "middle" else 0)
        row = next((j for j, end in enumerate(last_end) if start > end + 4), k % len(row_y))
        last_end[row] = start + 2 * half
        parts.append(f'<text class="drop-label" x="{px(lx)}" y="{row_y[row]}" font-size="10" text-anchor="{anchor}" fill="{INK}">{esc(text)}</text>')
    if not groups:
        parts.append(f'<text x="{px(Fraction(width, 2))}" y="92" font-size="11" text-anchor="middle" fill="{MUTED}">{esc(_t("story.margin.none"))}</text>')
    parts.append("</svg>")
    return "".join(parts)


def index_line_svg(
    points: Sequence[tuple[str, Fraction, str, str]],
    guides: Sequence[tuple[Fraction, str]],
    css_class: str,
    label: str,
    width: int = 640,
    height: int = 220,
) -> str:
    """The index at a few moments (stages, years): ``points`` are ``(label, value, text, colour)``;
    ``guides`` are horizontal lines ``(value, label)`` (band floors) drawn when near the values."""
    left, right, top, bottom = 16, 16, 28, 34
    values = [v for _, v, _, _ in points]
    lo, hi = min(values), max(values)
    near = [g for g in guides if lo - Fraction(1, 2) <= g[0] <= hi + Fraction(1, 2)]
    below = [g for g in near if g[0] <= lo]
    above = [g for g in near if g[0] > hi]
    if below:
        lo = max(g[0] for g in below)
    if above:
        hi = min(g[0] for g in above)
    if hi - lo < Fraction(1, 10):
        lo, hi = lo - Fraction(1, 20), hi + Fraction(1, 20)
    pad = (hi - lo) / 10
    v0, v1 = lo - pad, hi + pad
    plot_h = height - top - bottom
    n = len(points)
    step = Fraction(width - left - right, max(n, 1))

    def y(v: Fraction) -> Fraction:
        return top + (v1 - v) / (v1 - v0) * plot_h

    def x(k: int) -> Fraction:
        return left + step * k + step / 2

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {esc(css_class)}" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" aria-label="{esc(label)}">'
    ]
    for g, text in guides:
        if not v0 <= g <= v1:
            continue
        gy = y(g)
        parts.append(f'<line class="guide" x1="{left}" y1="{px(gy)}" x2="{width - right}" y2="{px(gy)}" stroke="#9ca3af" stroke-dasharray="5 4"/>')
        parts.append(f'<text class="guide-label" x="{width - right}" y="{px(gy - 4)}" font-size="10" text-anchor="end" fill="{MUTED}">{esc(text)}</text>')
    line = " ".join(f"{px(x(k))},{px(y(v))}" for k, v in enumerate(values))
    if n > 1:
        parts.append(f'<polyline class="trend" points="{line}" fill="none" stroke="{ACCENT}" stroke-width="2.5"/>')
    for k, (name, v, text, colour) in enumerate(points):
        cx, cy = x(k), y(v)
        parts.append(
            f'<circle class="point" cx="{px(cx)}" cy="{px(cy)}" r="6" fill="{colour}" stroke="{INK}" stroke-width="1"><title>{esc(name)}: {esc(text)}</title></circle>'
        )
        ty = cy - 10 if cy - 10 > 14 else cy + 20
        parts.append(
            f'<text class="point-label" x="{px(cx)}" y="{px(ty)}" font-size="12" font-weight="700" text-anchor="middle" fill="{INK}">{esc(text)}</text>'
        )
        short = name if len(name) <= max(int(step / 7), 4) else name[: max(int(step / 7), 4) - 1] + "\u2026"
        parts.append(
            f'<text class="axis-label" x="{px(cx)}" y="{height - 12}" font-size="11" text-anchor="middle" fill="{INK}">{esc(short)}<title>{esc(name)}</title></text>'
        )
    parts.append("</svg>")
    return "".join(parts)


# -- sections ------------------------------------------------------------------------------


def margin_card(r: Risk) -> str:
    """The headline card: the distance to the nearer boundary of the predikat, and to the other one."""
    lines = []
    if r.floor is not None:
        lines.append((r.floor.distance, _t("story.card.above", band=r.floor.band, at=bound_text(r.floor.value, r.decimals))))
    if r.ceiling is not None:
        lines.append((r.ceiling.distance, _t("story.card.below", band=r.ceiling.band, at=bound_text(r.ceiling.value, r.decimals))))
    lines.sort(key=lambda t: t[0])
    big = _num(lines[0][0]) if lines else "-"
    notes = "".join(f'<div class="note">{esc(_num(d))} {esc(t)}</div>' for d, t in lines)
    risky = _t("story.card.drops", n=len(r.drops)) if r.drops else _t("story.card.no_drops")
    return (
        f'<div class="card" id="margin-card"><div class="label">{esc(_t("story.card.label"))}</div><div class="big" id="margin-value">{esc(big)}</div>'
        f'{notes}<div class="note"><strong>{esc(risky)}</strong></div></div>'
    )


def risk_for_report(rs: Ruleset, assessment: Assessment, **options: Any) -> tuple[Risk | None, str]:
    """The margin and risks for the report, or (when a level is not one whole level, such as the exact
    mean of sub-levels of 5/2018 indicator 35) no risks and a note saying why."""
    try:
        return risk(rs, assessment, **options), ""
    except EvaluationError as exc:
        if not any(p.code == "NOT_WHOLE_LEVEL" for p in exc.problems):
            raise
        return None, f'<h2>{esc(_t("story.risk.head"))}</h2><p class="muted">{esc(exc.problems[0].message)}</p>'


def risk_section(r: Risk, rs: Ruleset, limit: int = 12) -> str:
    lang = current_lang()
    out = [f"<h2>{esc(_t('story.risk.head'))}</h2>"]
    out.append(f"<p>{esc(boundary_sentence(r, 'down', lang))} {esc(boundary_sentence(r, 'up', lang))}</p>")
    out.append(f'<p class="muted">{esc(rule_sentence(r, rs, lang))}</p>')
    out.append(f"<figure>{margin_svg(r, rs)}<figcaption>{esc(_t('story.risk.caption', rid=rs.id))}</figcaption></figure>")
    if not r.drops:
        out.append(f"<p>{esc(_t('story.risk.none', checked=r.checked, pred=r.predikat))}</p>")
        return "".join(out)
    out.append(f"<p>{esc(_t('story.risk.some', n=len(r.drops), checked=r.checked))}</p>")
    out.append(_head("drops", ("no", ""), ("indicator", ""), ("level", "num"), ("after", "num"), ("predikat", ""), ("loss", "num"), ("also", "")))
    for d in r.drops[:limit]:
        level = f"{d.from_level} \u2192 {d.to_level}"
        out.append(
            f'<tr><td>{d.indicator}</td><td>{esc(d.name)}</td><td class="num">{level}</td><td class="num">{esc(_num(d.index))} ({esc(d.index_text)})</td>'
            f'<td>{esc(d.predikat)}</td><td class="num">-{esc(_num(d.cost))}</td><td>{esc(number_ranges(d.also_lowered, empty="-"))}</td></tr>'
        )
    out.append("</tbody></table>")
    if len(r.drops) > limit:
        rest = r.drops[limit:]
        out.append(f'<p class="muted">{esc(_t("story.risk.rest", n=len(rest), ids=number_ranges(d.indicator for d in rest)))}</p>')
    return "".join(out)


def stages_section(result: Result, rs: Ruleset) -> str:
    """Each stage's index and predikat, and the levels the assessors changed (with level names)."""
    if len(result.stages) < 2:
        return ""
    names = [b.name for b in rs.predikat.bands]
    stage_names = {s.id: s.name for s in rs.stages}
    floors = [(band_floor(rs, n)[0], f"{n} {bound_text(band_floor(rs, n)[0], rs.display.decimals)}") for n in names[1:]]
    points = [(stage_names.get(s.stage or "", s.stage or "-"), s.index_exact, s.index, band_colour(names, s.predikat)) for s in result.stages]
    out = [f"<h2>{esc(_t('story.stages.head'))}</h2>"]
    out.append(
        f"<figure>{index_line_svg(points, floors, 'stages', _t('story.stages.aria'))}<figcaption>{esc(_t('story.stages.caption', rid=rs.id))}</figcaption></figure>"
    )
    out.append(_head("stages", ("stage", ""), ("index", "num"), ("exact", "num"), ("predikat", ""), ("delta", "num"), ("changed", "")))
    prev: Result | None = None
    for s in result.stages:
        delta = "" if prev is None else signed_text(s.index_exact - prev.index_exact, _PLACES)
        changes = []
        for ch in s.changes:
            ind = rs.indicator(ch.indicator)
            before = rs.scale.level_name(ind.capability, ch.before) or ""
            after = rs.scale.level_name(ind.capability, ch.after) or ""
            why = f" ({esc(_t('story.stages.reason', reason=ch.reason))})" if ch.reason else ""
            changes.append(
                f'<span title="{esc(ind.name)}: {esc(before)} \u2192 {esc(after)}">{ch.indicator}: {_lv(ch.before)}\u2192{_lv(ch.after)}</span>{why}'
            )
        what = ", ".join(changes) if changes else f'<span class="muted">{esc(_t("story.stages.first" if prev is None else "story.stages.none"))}</span>'
        pred = esc(s.predikat) if prev is None or prev.predikat == s.predikat else f"<strong>{esc(prev.predikat)} \u2192 {esc(s.predikat)}</strong>"
        out.append(
            f'<tr><td>{esc(stage_names.get(s.stage or "", s.stage or "-"))}</td><td class="num">{esc(s.index)}</td><td class="num">{esc(bound_text(s.index_exact, rs.display.decimals))}</td>'
            f'<td>{pred}</td><td class="num">{delta}</td><td>{what}</td></tr>'
        )
        prev = s
    out.append("</tbody></table>")
    return "".join(out)


def indicators_section(result: Result, rs: Ruleset) -> str:
    """Every indicator: the level claimed (first stage), the assessors' final level and the level
    that counts after the rules, each with its name; cells that differ are marked."""
    claimed = {i.id: i.level for i in result.stages[0].indicators} if result.stages else {}
    staged = bool(result.stages) and len(result.stages) > 1
    evidenced = any(ir.evidence is not None for ir in result.indicators)
    cols = [("no", ""), ("indicator", ""), ("aspect", "")] + ([("claimed", "num")] if staged else []) + [("final", "num")]
    cols += ([("supported", "num")] if evidenced else []) + [("counted", "num"), ("name", ""), ("note", "")]
    out = [f"<h2>{esc(_t('story.indicators.head'))}</h2>", _head("indicators", *cols)]
    for ir in result.indicators:
        ind = rs.indicator(ir.id)
        notes = []
        if ir.rules:
            notes.append(_t("story.indicators.capped", rules=", ".join(ir.rules)))
        if ir.filled:
            notes.append(_t("story.indicators.filled"))
        if ir.review is not None and not ir.review.valid:
            notes.append(_t("story.indicators.reviewed", before=_lv(ir.review.before), reason=ir.review.reason or "-"))
        if ind.status == "provisional":
            notes.append(_tag())
        row = f'<tr class="{"capped" if ir.rules else ""}"><td>{ir.id}</td><td>{esc(ind.name)}</td><td>{esc(ind.aspect)}</td>'
        if staged:
            c = claimed.get(ir.id, ir.level)
            row += f'<td class="num{" diff" if c != ir.level else ""}">{_lv(c)}</td>'
        name = rs.scale.level_name(ind.capability, ir.effective_level) or ""
        row += f'<td class="num">{_lv(ir.level)}</td>'
        if evidenced:
            sup = "-" if ir.supported_level is None else str(ir.supported_level)
            title = esc(_t("story.indicators.no_evidence")) if ir.supported_level is None else ""
            row += f'<td class="num{" diff" if ir.supported_level != ir.level else ""}" title="{title}">{sup}</td>'
        row += f'<td class="num{" diff" if ir.effective_level != ir.level else ""}">{_lv(ir.effective_level)}</td>'
        row += f'<td class="lvname">{esc(name)}</td><td>{"; ".join(n if n.startswith("<span") else esc(n) for n in notes)}</td></tr>'
        out.append(row)
    out.append("</tbody></table>")
    return "".join(out)


def evidence_section(result: Result, rs: Ruleset) -> str:
    """The evidence gaps: for each indicator, the requirement items of its next level that the evidence does not meet."""
    gaps = [ir for ir in result.indicators if ir.unmet]
    if not gaps:
        return ""
    lang = current_lang()
    out = [f"<h2>{esc(_t('story.gaps.head'))}</h2>", f'<p class="muted">{esc(_t("story.gaps.intro"))}</p>']
    out.append(_head("gaps", ("no", ""), ("indicator", ""), ("claimed_level", "num"), ("supported", "num"), ("next", "num"), ("unmet", "")))
    for ir in gaps:
        items = []
        for rid in ir.unmet:
            try:
                req = rs.requirement(rid)
            except KeyError:
                items.append(f"<li><code>{esc(rid)}</code></li>")
                continue
            page = f" ({esc(_t('story.gaps.page', page=req.citation.page))})" if req.citation.page is not None else ""
            items.append(f"<li>{esc(req.text.get(lang))}{page}</li>")
        sup = _t("story.gaps.none") if ir.supported_level is None else str(ir.supported_level)
        nxt = str((ir.supported_level or rs.scale.min) + 1)
        out.append(
            f'<tr><td>{ir.id}</td><td>{esc(ir.name)}</td><td class="num">{ir.level}</td><td class="num">{esc(sup)}</td><td class="num">{nxt}</td><td><ul>{"".join(items)}</ul></td></tr>'
        )
    out.append("</tbody></table>")
    return "".join(out)


def provisional_section(rs: Ruleset, result: Result) -> str:
    """What in this evaluation rests on provisional facts: the ruleset, the boundary rule, the bands,
    the rules that were applied, the indicators."""
    items: list[str] = []
    if rs.status == "provisional":
        items.append(esc(_t("story.prov.ruleset", rid=rs.id)) + _reason(rs.reason))
    if rs.display.status == "provisional":
        items.append(esc(_t("story.prov.display")) + _reason(rs.display.reason))
    if rs.predikat.status == "provisional":
        items.append(esc(_t("story.prov.bands")) + _reason(rs.predikat.reason))
    applied = {o.id for o in result.rules if o.enabled}
    for rule in rs.rules:
        if rule.id in applied and rule.status == "provisional":
            items.append(esc(_t("story.prov.rule", rule=rule.id)) + _reason(rule.reason))
    prov = [i.number for i in rs.indicators if i.status == "provisional"]
    if prov:
        items.append(esc(_t("story.prov.indicators", ids=number_ranges(prov))))
    if not items:
        return ""
    return f'<div class="attention" id="provisional"><h2>{esc(_t("story.prov.head"))}</h2><ul>' + "".join(f"<li>{i}</li>" for i in items) + "</ul></div>"


def years_section(c: YearComparison) -> str:
    """The years of a comparison: index per year (chart and table), the ruleset of each year, and the effect of each ruleset change alone."""
    points = [(str(y.year), y.result.index_exact, y.result.index, band_colour([b.name for b in y.ruleset.predikat.bands], y.result.predikat)) for y in c.years]
    out = [f"<h2>{esc(_t('story.years.head'))}</h2>"]
    out.append(
        f"<figure>{index_line_svg(points, _year_guides(c), 'years', _t('story.years.aria'))}<figcaption>{esc(_t('story.years.caption'))}</figcaption></figure>"
    )
    out.append(_head("years", ("year", ""), ("ruleset", ""), ("read", ""), ("index", "num"), ("exact", "num"), ("predikat", "")))
    for y in c.years:
        tag = _tag() if y.provisional else ""
        read = esc(_t("story.years.rounded" if y.predikat_from == "rounded" else "story.years.exact"))
        out.append(
            f"<tr><td>{y.year}</td><td><code>{esc(y.ruleset_id)}</code> {esc(y.ruleset_version)}{tag}</td><td>{read}</td>"
            f'<td class="num">{esc(y.result.index)}</td><td class="num">{esc(bound_text(y.result.index_exact, y.ruleset.display.decimals))}</td><td>{esc(y.result.predikat)}</td></tr>'
        )
    out.append("</tbody></table>")
    for s in c.steps:
        pred = s.predikat_from if s.predikat_from == s.predikat_to else f"{s.predikat_from} \u2192 {s.predikat_to}"
        parts = [_t("story.years.step", y0=s.year_from, y1=s.year_to, delta=signed_text(s.delta, _PLACES), pred=pred)]
        if s.raised:
            parts.append(_t("story.years.raised", ids=number_ranges(s.raised)))
        if s.lowered:
            parts.append(_t("story.years.lowered", ids=number_ranges(s.lowered)))
        e = s.effect
        strong = ""
        if e is not None and e.comparable and e.levels_part is not None and e.ruleset_part is not None:
            parts.append(
                _t(
                    "story.years.effect",
                    old=s.ruleset_from,
                    new=s.ruleset_to,
                    year=s.year_to,
                    under_old=_num(e.under_old or Fraction(0)),
                    pred_old=e.predikat_under_old or "",
                    under_new=_num(e.under_new or Fraction(0)),
                    pred_new=e.predikat_under_new or "",
                    levels=signed_text(e.levels_part, _PLACES),
                    rules=signed_text(e.ruleset_part, _PLACES),
                )
            )
            if e.predikat_under_old != e.predikat_under_new:
                strong = f" <strong>{esc(_t('story.years.effect_pred', old=e.predikat_under_old or '', new=e.predikat_under_new or ''))}</strong>"
        elif e is not None and e.reason is not None:
            parts.append(_t("story.years.no_effect", reason=e.reason.en if current_lang() == "en" else e.reason.id))
        out.append(f"<p>{esc(' '.join(parts))}{strong}</p>")
    return "".join(out)


def _year_guides(c: YearComparison) -> list[tuple[Fraction, str]]:
    rs = c.years[-1].ruleset
    return [(band_floor(rs, b.name)[0], f"{b.name} {bound_text(band_floor(rs, b.name)[0], rs.display.decimals)}") for b in rs.predikat.bands[1:]]
