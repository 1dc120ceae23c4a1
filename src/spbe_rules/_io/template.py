"""Empty batch templates for a ruleset (CSV, or an Excel workbook with a help sheet)."""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from .._base.atomic import replacing
from .._base.errors import current_lang, tr
from .._model.model import Ruleset
from .batch_io import DATA_SHEET, HELP_SHEET, need_openpyxl, reproducible_zip
from .._engine.explain import describe_condition
from .._model.converter import exact_text as ex


# -- templates -------------------------------------------------------------------------------


def template_header(rs: Ruleset) -> list[str]:
    stage = ["stage"] if rs.stages else []
    return ["instansi", "year", *stage, *(f"doc:{d.key}" for d in rs.documents), *(str(n) for n in sorted(rs.numbers))]


def _levels_text(rs: Ruleset, capability: str) -> str:
    lo, hi = rs.scale.min, rs.scale.max
    names = [f"{lv} {rs.scale.level_name(capability, lv) or ''}".strip() for lv in range(lo, hi + 1)]
    return "; ".join(names)


def _doc_text(rs: Ruleset, key: str) -> str:
    doc = rs.document(key)
    if doc.implied_by is None:
        return tr("template.doc.required", name=doc.name)
    lang = current_lang()
    rule = describe_condition(doc.implied_by, rs, {}, {}, lang).replace(" (sekarang None)" if lang == "id" else " (now None)", "")
    return tr("template.doc.implied", name=doc.name, rule=rule)


def template_rows(rs: Ruleset) -> list[tuple[str, str, str]]:
    """(column, what it holds, allowed values) for every column of the template, in the current language."""
    out = [
        ("instansi", tr("template.col.instansi"), tr("template.allowed.text")),
        ("year", tr("template.col.year"), tr("template.allowed.year")),
    ]
    if rs.stages:
        out.append(("stage", tr("template.col.stage"), ", ".join(s.id for s in rs.stages)))
    for d in rs.documents:
        out.append((f"doc:{d.key}", _doc_text(rs, d.key), tr("template.allowed.flag")))
    aspects = {a.id: a for a in rs.aspects}
    for ind in sorted(rs.indicators, key=lambda i: i.number):
        a = aspects[ind.aspect]
        where = f"{a.domain}/{a.id}" if a.domain else a.id
        what = tr("template.indicator", name=ind.name, where=where, weight=ex(ind.weight))
        out.append((str(ind.number), what, f"{rs.scale.min}..{rs.scale.max}: {_levels_text(rs, ind.capability)}"))
    return out


def write_template(rs: Ruleset, path: str | os.PathLike[str], fmt: str) -> None:
    """Write an empty, documented batch template for ``rs`` (``fmt`` is ``csv`` or ``xlsx``), atomically."""
    data = template_bytes(rs, fmt)
    with replacing(Path(path)) as tmp:
        tmp.write_bytes(data)


def template_bytes(rs: Ruleset, fmt: str) -> bytes:
    """An empty, documented batch template for ``rs`` (``fmt`` is ``csv`` or ``xlsx``), in the
    current language; the same ruleset and language give the same bytes."""
    if fmt not in ("csv", "xlsx"):
        raise ValueError(tr("template.api.format", value=repr(fmt)))
    return _csv_template(rs).encode("utf-8") if fmt == "csv" else _xlsx_template(rs)


def _csv_template(rs: Ruleset) -> str:
    lines = [
        "# " + tr("template.title", title=rs.title, ruleset=rs.id, version=rs.version),
        "# " + tr("template.one_row"),
        "# " + tr("template.run", command=f"spbe-rules batch FILE.csv -o hasil.csv --ruleset {rs.id}"),
        "# " + tr("template.columns"),
    ]
    for col, what, allowed in template_rows(rs):
        lines.append(f"#   {col}: {what} -- {allowed}")
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(template_header(rs))
    return "\n".join(lines) + "\n" + buf.getvalue()


def _xlsx_template(rs: Ruleset) -> bytes:
    openpyxl = need_openpyxl("template")
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    header = template_header(rs)
    ws.append(header)
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDE7F0")
    for k in range(1, len(header) + 1):
        cell = ws.cell(row=1, column=k)
        cell.font = bold
        cell.fill = fill
    ws.freeze_panes = "C2"
    ws.column_dimensions["A"].width = 40
    last = 5000
    first_ind = len(header) - len(rs.numbers) + 1
    levels = DataValidation(type="whole", operator="between", formula1=str(rs.scale.min), formula2=str(rs.scale.max), allow_blank=True)
    levels.error = tr("template.level_error", min=rs.scale.min, max=rs.scale.max)
    levels.errorTitle = tr("template.level_title")
    levels.add(f"{get_column_letter(first_ind)}2:{get_column_letter(len(header))}{last}")
    ws.add_data_validation(levels)
    year = DataValidation(type="whole", operator="between", formula1="2000", formula2="2100", allow_blank=True)
    year.add(f"B2:B{last}")
    ws.add_data_validation(year)
    if rs.stages:
        stages = DataValidation(type="list", formula1='"' + ",".join(s.id for s in rs.stages) + '"', allow_blank=True)
        stages.add(f"C2:C{last}")
        ws.add_data_validation(stages)
    if rs.documents:
        col0 = header.index(f"doc:{rs.documents[0].key}") + 1
        flags = DataValidation(type="list", formula1='"ya,tidak"', allow_blank=True)
        flags.add(f"{get_column_letter(col0)}2:{get_column_letter(col0 + len(rs.documents) - 1)}{last}")
        ws.add_data_validation(flags)
    info = wb.create_sheet(HELP_SHEET)
    info.append([tr("template.title", title=rs.title, ruleset=rs.id, version=rs.version)])
    info.append([tr("template.fill_sheet", sheet=DATA_SHEET)])
    info.append([tr("template.run", command=f"spbe-rules batch FILE.xlsx -o hasil.xlsx --ruleset {rs.id}")])
    info.append([])
    info.append([tr("template.head.column"), tr("template.head.meaning"), tr("template.head.allowed")])
    for k in range(1, 4):
        info.cell(row=5, column=k).font = bold
    for row in template_rows(rs):
        info.append(list(row))
    info.column_dimensions["A"].width = 22
    info.column_dimensions["B"].width = 90
    info.column_dimensions["C"].width = 70
    for r in info.iter_rows(min_row=6):
        for cell in r:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    wb.save(out)
    reproducible_zip(out)
    return out.getvalue()
