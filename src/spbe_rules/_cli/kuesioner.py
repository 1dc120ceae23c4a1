"""CLI command: kuesioner (a fill-in self-assessment checklist of requirement items and evidence)."""

from __future__ import annotations

import argparse
from typing import Any

from .._base.errors import tr
from .._base.messages import Msg
from .._io.kuesioner import kuesioner_csv, kuesioner_text, kuesioner_xlsx
from .._loading.load import load_ruleset
from .main import CliError, check_output, write_bytes, write_output

__all__ = ["add_parser"]


def add_parser(sub: Any) -> None:
    p = sub.add_parser("kuesioner", help=tr("cmd.kuesioner"), description=tr("cmd.kuesioner.description"))
    p.add_argument("--ruleset", required=True, metavar="ID|PATH", help=tr("opt.kuesioner.ruleset"))
    p.add_argument("-o", "--output", required=True, metavar="FILE", help=tr("opt.kuesioner.output"))
    p.add_argument("--instansi", metavar="NAME", help=tr("opt.kuesioner.instansi"))
    p.add_argument("--year", type=int, metavar="YEAR", help=tr("opt.kuesioner.year"))
    p.set_defaults(func=_kuesioner)


def _kuesioner(args: argparse.Namespace) -> int:
    rs = load_ruleset(args.ruleset)
    if not rs.requirements:
        raise CliError(Msg("kuesioner.no_items", rs=rs.id))
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
        raise CliError(Msg("kuesioner.suffix", path=out))
    return 0
