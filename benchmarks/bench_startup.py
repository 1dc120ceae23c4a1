"""Start-up cost of the command line, as CPU time relative to ``python -c pass`` measured in the same run.

Targets (issue 10): ``spbe-rules --version`` at most 3x, ``spbe-rules evaluate`` on the
bundled example with a warm ruleset cache at most 8x.

CPU time (user + system) of each child process is read with ``getrusage(RUSAGE_CHILDREN)``,
so other load on the machine matters less than with wall-clock time. The commands are run
interleaved, several rounds, and the median of each is reported.

    python benchmarks/bench_startup.py [--rounds N]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "kabupaten-contoh-2024.yaml"
TARGETS = {"--version": 3.0, "evaluate": 8.0}


def _cpu(argv: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=15)
    args = ap.parse_args()
    script = shutil.which("spbe-rules", path=str(Path(sys.executable).parent)) or shutil.which("spbe-rules")
    cli = [script] if script else [sys.executable, "-m", "spbe_rules"]
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "--version": [*cli, "--version"],
        "evaluate": [*cli, "evaluate", str(EXAMPLE)],
    }
    _cpu(commands["evaluate"])  # warm the ruleset cache (and the OS file cache)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.rounds):
        for name, argv in commands.items():
            times[name].append(_cpu(argv))
    base = statistics.median(times["python -c pass"])
    print(f"machine: {os.cpu_count()} CPUs; {args.rounds} rounds; median CPU time (user+sys) per run")
    print(f"  {'python -c pass':<16} {base * 1000:8.1f} ms   1.0x")
    ok = True
    for name in ("--version", "evaluate"):
        t = statistics.median(times[name])
        ratio = t / base if base else float("inf")
        target = TARGETS[name]
        ok &= ratio <= target
        print(f"  {'spbe-rules ' + name:<16} {t * 1000:8.1f} ms {ratio:6.1f}x  (target <= {target:g}x: {'ok' if ratio <= target else 'NOT MET'})")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
