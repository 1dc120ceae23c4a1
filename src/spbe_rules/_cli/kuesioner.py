"""CLI command: kuesioner (a fill-in self-assessment checklist of requirement items and evidence)."""

from __future__ import annotations

import argparse
from typing import Any

from .._io.kuesioner import kuesioner_csv, kuesioner_text, kuesioner_xlsx
from .._loading.load import load_ruleset
from .main import CliError, check_output, write_bytes, write_output

__all__ = ["add_parser"]


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "kuesioner",
        help="write a fill-in self-assessment checklist (requirement items, evidence columns)",
        description=(
            "Write a questionnaire for a ruleset: per indicator and level its requirement items, the evidence each "
            "needs and the page it rests on, with columns (CSV, .xlsx) or fields (YAML) for the claimed level and the "
            "evidence. A filled file evaluates directly: spbe-rules evaluate FILE."
        ),
    )
    p.add_argument("--ruleset", required=True, metavar="ID|PATH", help="the ruleset (e.g. pedoman-3-2024)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="kuesioner.yaml, kuesioner.csv or kuesioner.xlsx (needs spbe-rules[excel])")
    p.add_argument("--instansi", metavar="NAME", help="fill in the institution")
    p.add_argument("--year", type=int, metavar="YEAR", help="fill in the evaluation year (default: the ruleset's last)")
    p.set_defaults(func=_kuesioner)


def _kuesioner(args: argparse.Namespace) -> int:
    rs = load_ruleset(args.ruleset)
    if not rs.requirements:
        raise CliError(f"ruleset {rs.id} has no requirement items; use a ruleset such as pedoman-3-2024")
    out = args.output
    kw = {"instansi": args.instansi, "year": args.year}
    lower = out.lower()
    if lower.endswith(".xlsx"):
        check_output(out)
        write_bytes(kuesioner_xlsx(rs, **kw), out)
    elif lower.endswith(".csv"):
        check_output(out)
        write_output(kuesioner_csv(rs, **kw), out)
    elif lower.endswith((".yaml", ".yml")) or out == "-":
        if out != "-":
            check_output(out)
        write_output(kuesioner_text(rs, **kw), out)
    else:
        raise CliError(f"-o {out}: write .yaml, .csv or .xlsx")
    return 0
