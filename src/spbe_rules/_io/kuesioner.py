"""The self-assessment questionnaire (kuesioner): a fill-in checklist per indicator, level and
requirement item, written as YAML, CSV or an Excel workbook, and read back as an assessment.

YAML is the ``format: spbe-rules/kuesioner@1`` mapping (read by ``load_assessment`` too). CSV and
the workbook hold the same thing as a table: a few ``key,value`` rows (``instansi``, ``tahun``,
``set_aturan``, ``tanggal_evaluasi``), then a header row and one row per requirement item.
Fill ``tingkat_diajukan`` on any row of an indicator, and the evidence columns on the row of the
item it supports (repeat the row for a second piece of evidence).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

import yaml

from .._base.errors import AssessmentError, Location, Problem, current_lang
from .._base.messages import Msg
from .._engine.evidence_text import need_text
from .._loading.assessment import Assessment, parse_assessment
from .._loading.kuesioner import KUESIONER_FORMAT, kuesioner_data
from .._model.model import Ruleset
from .batch_io import need_openpyxl, reproducible_zip
from .workbook import check_workbook
from .._base.files import FileProblem, read_limited

__all__ = [
    "KUESIONER_COLUMNS",
    "kuesioner_from_rows",
    "kuesioner_rows",
    "kuesioner_template",
    "kuesioner_text",
    "kuesioner_xlsx",
    "read_kuesioner_table",
]

FILL = ("tingkat_diajukan", "judul_bukti", "tanggal_bukti", "ditetapkan", "url", "berkas", "sha256", "cakupan")
KUESIONER_COLUMNS = ("indikator", "nama", "tingkat", "id", "butir", "bukti_diperlukan", "opsional", "dasar", *FILL)
_RULESET_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,99}")  # an installed ruleset id
_META = (("instansi", "instansi"), ("tahun", "year"), ("set_aturan", "ruleset"), ("tanggal_evaluasi", "evaluated_on"))


def kuesioner_template(rs: Ruleset, *, instansi: str | None = None, year: int | None = None) -> dict[str, Any]:
    """The empty questionnaire of ``rs`` as data (the YAML form)."""
    years = rs.evaluation_years
    lang = current_lang()  # the item texts in the reader's language (the keys and columns stay as they are)
    out: dict[str, Any] = {
        "format": KUESIONER_FORMAT,
        "ruleset": rs.id,
        "instansi": instansi or "",
        "year": year if year is not None else (years[-1] if years else 2024),
        "evaluated_on": None,
        "indicators": {},
    }
    for ind in rs.indicators:
        items = []
        for r in rs.requirements_of(ind.number):
            title = rs.source(r.citation.source).title if r.citation.source in {s.id for s in rs.sources} else r.citation.source
            items.append(
                {
                    "id": r.id,
                    "level": r.level,
                    "text": r.text.get(lang),
                    "needs": need_text(rs, r, lang),
                    "optional": r.optional,
                    "citation": r.citation.text(title, lang),
                    "evidence": [],
                }
            )
        out["indicators"][ind.number] = {"name": ind.name, "level": None, "items": items}
    return out


def kuesioner_text(rs: Ruleset, *, instansi: str | None = None, year: int | None = None) -> str:
    """The questionnaire as YAML text."""
    body = yaml.safe_dump(kuesioner_template(rs, instansi=instansi, year=year), allow_unicode=True, sort_keys=False, width=100)
    return Msg("kuesioner.yaml_head", rs=rs.id).render(current_lang()) + body


def kuesioner_rows(rs: Ruleset, *, instansi: str | None = None, year: int | None = None) -> list[list[str]]:
    """The questionnaire as table rows (CSV / workbook)."""
    data = kuesioner_template(rs, instansi=instansi, year=year)
    rows = [[key, str(data[field] or "")] for key, field in _META]
    rows.append([])
    rows.append(list(KUESIONER_COLUMNS))
    for num, ind in data["indicators"].items():
        for it in ind["items"]:
            rows.append(
                [
                    str(num),
                    ind["name"],
                    str(it["level"]),
                    it["id"],
                    it["text"],
                    it["needs"],
                    "ya" if it["optional"] else "",
                    it["citation"],
                    *([""] * len(FILL)),
                ]
            )
    return rows


def kuesioner_csv(rs: Ruleset, **kw: Any) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(kuesioner_rows(rs, **kw))
    return buf.getvalue()


def kuesioner_xlsx(rs: Ruleset, **kw: Any) -> bytes:
    openpyxl = need_openpyxl("kuesioner")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "kuesioner"
    for row in kuesioner_rows(rs, **kw):
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    reproducible_zip(buf)  # the same questionnaire gives the same bytes
    return buf.getvalue()


_YES = {"ya": True, "y": True, "true": True, "1": True, "tidak": False, "t": False, "false": False, "0": False, "": False}


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.datetime, dt.date)):
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat()
    return str(value).strip()


def kuesioner_from_rows(rows: Iterable[Sequence[object]], name: str) -> dict[str, Any]:
    """The questionnaire data of a filled table (the YAML form); problems name the row and column."""
    problems: list[Problem] = []
    meta: dict[str, Any] = {}
    header: list[str] | None = None
    indicators: dict[str, dict[str, Any]] = {}
    for line, raw in enumerate(rows, start=1):
        cells = [_cell(c) for c in raw]
        if header is None:
            if cells and cells[0] == "indikator":
                header = cells
                continue
            if len(cells) >= 2 and cells[0] in dict(_META):
                field = dict(_META)[cells[0]]
                if field == "ruleset" and cells[1] and _RULESET_ID.fullmatch(cells[1]) is None:
                    # data names the ruleset by its id only: a path (or /dev/zero) is never opened
                    problems.append(Problem.of("RULESET_ID", Location(name, line, 2), ref=repr(cells[1][:80])))
                elif cells[1]:
                    meta[field] = cells[1]
            continue
        if not any(cells):
            continue
        row = dict(zip(header, cells + [""] * (len(header) - len(cells))))
        ind = indicators.setdefault(row["indikator"], {"level": None, "items": []})
        claimed = row.get("tingkat_diajukan", "")
        if claimed:
            col = header.index("tingkat_diajukan") + 1
            if not claimed.isdigit():
                problems.append(Problem.of("TYPE.kuesioner_level", Location(name, line, col), value=claimed))
            elif ind["level"] is not None and ind["level"] != int(claimed):
                problems.append(Problem.of("CONFLICT.kuesioner_level", Location(name, line, col), n=row["indikator"], a=ind["level"], b=claimed))
            else:
                ind["level"] = int(claimed)
        item = next((it for it in ind["items"] if it["id"] == row["id"]), None)
        if item is None:
            item = {"id": row["id"], "evidence": []}
            ind["items"].append(item)
        if row.get("tanggal_bukti") or row.get("judul_bukti"):
            entry: dict[str, Any] = {"date": row.get("tanggal_bukti", "")}
            if row.get("judul_bukti"):
                entry["title"] = row["judul_bukti"]
            yes = _YES.get(row.get("ditetapkan", "").lower())
            if yes is None:
                problems.append(Problem.of("TYPE.kuesioner_yes", Location(name, line, header.index("ditetapkan") + 1), value=row["ditetapkan"]))
            else:
                entry["adopted"] = yes
            for col_name, key in (("url", "url"), ("berkas", "file"), ("sha256", "sha256")):
                if row.get(col_name):
                    entry[key] = row[col_name]
            if row.get("cakupan"):
                entry["scope"] = [s for s in row["cakupan"].replace(";", " ").replace(",", " ").split() if s]
            item["evidence"].append(entry)
    if header is None:
        problems.append(Problem.of("REQUIRED.kuesioner_header", Location(name, 1, 1)))
    if problems:
        raise AssessmentError(Msg("head.cannot_read.assessment"), problems)
    year = meta.get("year", "")
    return {
        "format": KUESIONER_FORMAT,
        "ruleset": meta.get("ruleset", ""),
        "instansi": meta.get("instansi", ""),
        "year": int(year) if str(year).isdigit() else year,
        "evaluated_on": meta.get("evaluated_on"),
        "indicators": indicators,
    }


MAX_TABLE_BYTES = 16 * 1024 * 1024  # a filled questionnaire (one row per requirement item) is far smaller


def read_kuesioner_table(path: str, rs_of: Any) -> Assessment:
    """Read a filled CSV or workbook questionnaire as an assessment; ``rs_of(id)`` loads a ruleset.

    Only a regular file is read, at most :data:`MAX_TABLE_BYTES`; the ``set_aturan`` cell must be
    an installed ruleset id (a path written there is never opened)."""
    try:
        raw = read_limited(path, MAX_TABLE_BYTES)
    except FileProblem as fp:
        raise AssessmentError(Msg("head.cannot_read.assessment"), [fp.problem(Location(path))]) from None
    if path.lower().endswith(".xlsx"):
        openpyxl = need_openpyxl("kuesioner")
        check_workbook(io.BytesIO(raw), path)  # type: ignore[arg-type]  # zipfile reads a file object as well
        wb = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        rows: list[Sequence[object]] = [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise AssessmentError(Msg("head.cannot_read.assessment"), [Problem.of("ENCODING", Location(path), byte=exc.start)]) from None
        rows = list(csv.reader(io.StringIO(text, newline="")))
    data = kuesioner_from_rows(rows, path)
    ruleset = rs_of(data["ruleset"])
    return parse_assessment(kuesioner_data(data, path, ruleset), path)
