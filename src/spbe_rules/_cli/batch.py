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
from collections.abc import Callable
from typing import Any, TextIO

from .._base.errors import Location, Problem, ValidationError, tr
from .._base.messages import Msg
from .._io.batch import BatchFailure, evaluate_many
from .._io.batch_io import ExtraMissingError
from .._io.batch_read import input_size, read_rows
from .._io.batch_write import OUTPUT_FORMATS, ProblemWriter, open_writer
from .._io.template import template_bytes
from .._base.text import printable
from .main import CliError, write_bytes
from .output import Destination, destination, is_stdout, stdout_bytes
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
    p.add_argument("--format", choices=("csv", "jsonl", "xlsx"), help=tr("opt.batch.format"))
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
    dest = destination(args.output, args.format, {".csv": "csv", ".xlsx": "xlsx"})
    rs = load_ruleset(args.ruleset)
    data = template_bytes(rs, dest.format)
    if dest.path is None:
        stdout_bytes().write(data)
        sys.stdout.flush()
    else:
        write_bytes(data, dest.path)
    print("spbe-rules: " + tr("template.written", ruleset=rs.id, n=len(rs.numbers), output=dest.name()), file=sys.stderr)
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


def _line(problem: Problem, limit: int = 1000) -> str:
    """One problem on one line of stderr, cut at ``limit`` characters (a cell may be 128 KiB)."""
    text = str(problem).replace("\n", " ")
    return text if len(text) <= limit else text[:limit] + "..."


def _batch(args: argparse.Namespace) -> int:
    dest = destination(args.output, args.format, OUTPUT_FORMATS)
    errors_dest: Destination | None = None
    if args.errors:
        if dest.stdout and is_stdout(args.errors):
            raise ValidationError(Msg("head.bad_argument"), [Problem.of("BOTH_STDOUT", Location("--errors"))])
        errors_dest = destination(args.errors, "csv", {".csv": "csv"}, what="errors", option="--errors")
    fixed: Ruleset | None = load_ruleset(args.ruleset) if args.ruleset else None
    show = args.progress == "on" or (args.progress == "auto" and sys.stderr.isatty())
    progress = _Progress(*input_size(args.input), sys.stderr) if show else None
    rows = read_rows(args.input, sheet=args.sheet, progress=progress)
    if fixed is not None:
        rulesets = [fixed]
    else:
        rulesets = [load_ruleset(i.id) for i in installed_rulesets()]
    writer = open_writer(dest.path, rulesets, raw_text=args.raw_text, fmt=dest.format, stream=stdout_bytes() if dest.stdout else None)
    errors: ProblemWriter | None = None
    good = bad = 0
    shown: list[str] = []
    hidden = hidden_rows = 0  # problems (and bad rows) not shown on stderr
    try:
        if errors_dest is not None:
            errors = ProblemWriter(errors_dest.path, raw_text=args.raw_text, stream=stdout_bytes() if errors_dest.stdout else None)
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
                room = max(0, SHOWN_PROBLEMS - len(shown))
                shown.extend(_line(p) for p in out.problems[:room])
                left = len(out.problems) - min(room, len(out.problems))
                hidden += left
                hidden_rows += left > 0
                continue
            writer.write(out)
            good += 1
        # files first, standard output last: nothing reaches stdout before every file is in place
        for w in sorted((w for w in (errors, writer) if w is not None), key=lambda w: w.spool.stream is not None):
            w.commit()
    except BaseException:
        writer.abort()
        if errors is not None:
            errors.abort()
        raise
    finally:
        if progress is not None:
            progress.close()
    if bad:
        more = "\n" + tr("batch.more_rows", n=hidden, rows=hidden_rows) if hidden else ""
        print(printable("\n".join(shown) + more), file=sys.stderr)
    print(
        "spbe-rules: "
        + tr(
            "batch.done",
            good=good,
            rows_good=Msg("word.row" if good == 1 else "word.rows"),
            bad=bad,
            rows_bad=Msg("word.row" if bad == 1 else "word.rows"),
            output=dest.name(),
        ),
        file=sys.stderr,
    )
    return 1 if bad else 0
