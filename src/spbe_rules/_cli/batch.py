"""CLI commands: batch (many assessments from a CSV, a workbook or a folder) and template.

Exit status of ``batch``: 0 when every row was evaluated; 1 when some rows were
bad (they are listed on stderr and left out of the output; the good rows are
written); 2 when the input cannot be used at all (unreadable file, bad header,
unknown ruleset) or ``--stop-on-error`` met a bad row; then nothing is written.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from collections.abc import Callable
from typing import Any, TextIO

from .._base.errors import tr
from .._base.messages import Msg
from .._io.batch import BatchFailure, evaluate_many
from .._io.batch_io import ExtraMissingError
from .._io.batch_read import input_size, read_rows
from .._io.batch_write import ProblemWriter, open_writer
from .._io.template import write_template
from .._base.text import printable
from .main import CliError, check_output
from .._loading.load import load_ruleset
from .._model.model import Ruleset
from .._loading.select import installed_rulesets

__all__ = ["add_parser"]

SHOWN_PROBLEMS = 20


def add_parser(sub: Any) -> None:
    p = sub.add_parser(
        "batch",
        help=tr("cmd.batch"),
        description=(tr("cmd.batch.description")),
    )
    p.add_argument("input", metavar="INPUT", help=tr("opt.batch.input"))
    p.add_argument("-o", "--output", required=True, metavar="OUTPUT", help=tr("opt.batch.output"))
    p.add_argument("--ruleset", metavar="ID|PATH", help=tr("opt.batch.ruleset"))
    p.add_argument("--missing", choices=("error", "lowest"), default="error", help=tr("opt.batch.missing"))
    p.add_argument("--stop-on-error", action="store_true", help=tr("opt.batch.stop_on_error"))
    p.add_argument("--errors", metavar="FILE", help=tr("opt.batch.errors"))
    p.add_argument("--sheet", metavar="NAME", help=tr("opt.batch.sheet"))
    p.add_argument("--raw-text", action="store_true", help=tr("opt.batch.raw_text"))
    p.add_argument("--enable-rule", action="append", default=[], metavar="ID", help=tr("opt.enable_rule"))
    p.add_argument("--disable-rule", action="append", default=[], metavar="ID", help=tr("opt.disable_rule"))
    p.add_argument("--backend", choices=("auto", "numpy", "python"), default="auto", help=tr("opt.batch.backend"))
    p.add_argument("--progress", choices=("auto", "on", "off"), default="auto", help=tr("opt.batch.progress"))
    p.set_defaults(func=_extras(_batch))

    p = sub.add_parser(
        "template",
        help=tr("cmd.template"),
        description=(tr("cmd.template.description")),
    )
    p.add_argument("--ruleset", required=True, metavar="ID|PATH", help=tr("opt.template.ruleset"))
    p.add_argument("--format", choices=("csv", "xlsx"), help=tr("opt.template.format"))
    p.add_argument("-o", "--output", required=True, metavar="FILE", help=tr("opt.template.output"))
    p.set_defaults(func=_extras(_template))


def _extras(func: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
    """A missing optional dependency is a usage problem (exit 2), its message naming the extra."""

    def run(args: argparse.Namespace) -> int:
        try:
            return func(args)
        except ExtraMissingError as exc:
            raise CliError(str(exc)) from None

    return run


def _template(args: argparse.Namespace) -> int:
    fmt = args.format or Path(args.output).suffix.lower().lstrip(".")
    if fmt not in ("csv", "xlsx"):
        raise CliError(Msg("template.format", output=args.output))
    check_output(args.output)
    rs = load_ruleset(args.ruleset)
    write_template(rs, args.output, fmt)
    print("spbe-rules: " + tr("template.written", ruleset=rs.id, n=len(rs.numbers), output=args.output), file=sys.stderr)
    return 0


class _Progress:
    """A progress bar on stderr: tqdm when installed (spbe-rules[progress]), else a plain counter line."""

    def __init__(self, total: int | None, unit: str, stream: TextIO) -> None:
        self.bar: Any = None
        self.stream = stream
        self.done = 0
        self.last = 0.0
        self.unit = unit
        self.total = total
        self.start = time.monotonic()
        try:
            from tqdm import tqdm
        except ImportError:
            return
        self.bar = tqdm(total=total, unit=unit, unit_scale=unit == "B", file=stream, delay=0.5, desc="spbe-rules batch", leave=False)

    def __call__(self, n: int) -> None:
        if self.bar is not None:
            self.bar.update(n)
            return
        self.done += n
        now = time.monotonic()
        if now - self.last >= 0.5 and now - self.start >= 0.5:
            self.last = now
            share = f" ({100 * self.done // self.total}%)" if self.total else ""
            self.stream.write(f"\rspbe-rules batch: {self.done} {self.unit}{share}")
            self.stream.flush()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        elif self.last:
            self.stream.write("\r\033[K")
            self.stream.flush()


def _batch(args: argparse.Namespace) -> int:
    check_output(args.output)
    if args.errors:
        check_output(args.errors, "errors")
    fixed: Ruleset | None = load_ruleset(args.ruleset) if args.ruleset else None
    show = args.progress == "on" or (args.progress == "auto" and sys.stderr.isatty())
    progress = _Progress(*input_size(args.input), sys.stderr) if show else None
    rows = read_rows(args.input, sheet=args.sheet, progress=progress)
    if fixed is not None:
        rulesets = [fixed]
    else:
        rulesets = [load_ruleset(i.id) for i in installed_rulesets()]
    writer = open_writer(args.output, rulesets, raw_text=args.raw_text)
    errors = ProblemWriter(args.errors, raw_text=args.raw_text) if args.errors else None
    good = bad = 0
    shown: list[str] = []
    try:
        outcomes = evaluate_many(
            fixed,
            rows,
            missing=args.missing,
            enable_rules=args.enable_rule,
            disable_rules=args.disable_rule,
            backend=args.backend,
            stop_on_error=args.stop_on_error,
        )
        for out in outcomes:
            if isinstance(out, BatchFailure):
                bad += 1
                if errors is not None:
                    errors.write(out)
                if len(shown) < SHOWN_PROBLEMS:
                    shown.extend(str(p) for p in out.problems)
                continue
            writer.write(out)
            good += 1
        writer.commit()
        if errors is not None:
            errors.commit()
    except BaseException:
        writer.abort()
        if errors is not None:
            errors.abort()
        raise
    finally:
        if progress is not None:
            progress.close()
    if bad:
        lines = shown[:SHOWN_PROBLEMS]
        more = "\n... " + tr("batch.more", n=SHOWN_PROBLEMS) if len(shown) > SHOWN_PROBLEMS else ""
        print(printable("\n".join(lines) + more), file=sys.stderr)
    print(
        "spbe-rules: "
        + tr(
            "batch.done",
            good=good,
            rows_good=Msg("word.row" if good == 1 else "word.rows"),
            bad=bad,
            rows_bad=Msg("word.row" if bad == 1 else "word.rows"),
            output=args.output,
        ),
        file=sys.stderr,
    )
    return 1 if bad else 0
