"""Start-up cost of the command line, as CPU time relative to ``python -c pass`` measured in the same run.

Targets (issue 10): ``spbe-rules --version`` at most 3x, ``spbe-rules evaluate`` on the
bundled example with a warm ruleset cache at most 8x. ``validate`` (the bundled example) and
``show`` (its ruleset) are measured too, without a target.

CPU time (user + system) of each child process is read with ``getrusage(RUSAGE_CHILDREN)``,
so other load on the machine matters less than with wall-clock time. The commands are run
interleaved, several rounds, and the median of each is reported.

The commands run as an installed package runs: with Python's bytecode cache (``.pyc``; pip
writes it at install time, so ``PYTHONDONTWRITEBYTECODE`` is removed for the children and a
first run writes it for an editable install) and with a ruleset cache of their own, warmed
by a first run (a temporary ``SPBE_RULES_CACHE_DIR``, so other programs sharing the user's
cache cannot make a run miss it).

The floor is printed below the commands: the interpreter importing the core dependencies the
evaluation path cannot do without (attrs for the model, PyYAML for the assessment, the standard
modules it uses), then also creating the model's attrs classes (``spbe_rules._model.model``:
every evaluation holds a ``Ruleset``), and for comparison cattrs and jsonschema, which a
warm-cache evaluation does not import. A ratio can so be read against what is unavoidable.

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
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "kabupaten-contoh-2024.yaml"
EXAMPLE_RULESET = "pedoman-3-2024"  # the ruleset the bundled example is evaluated with (its year, 2024)
TARGETS = {"--version": 3.0, "evaluate": 8.0}
FLOOR = {
    "import attrs": "import attrs",
    "import attrs, yaml": "import attrs, yaml",
    "  + stdlib used": "import attrs, yaml, argparse, json, hashlib, fractions, decimal, pathlib",
    "  + the model classes": "import attrs, yaml, argparse, json, hashlib, fractions, decimal, pathlib, spbe_rules._model.model",
    "import cattrs": "import cattrs",
    "import jsonschema": "import jsonschema",
}


def _cpu(argv: list[str], env: dict[str, str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
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
        "validate": [*cli, "validate", str(EXAMPLE)],
        "show": [*cli, "show", EXAMPLE_RULESET],
    }
    commands.update({name: [sys.executable, "-c", code] for name, code in FLOOR.items()})
    with tempfile.TemporaryDirectory(prefix="spbe-bench-") as cache:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["SPBE_RULES_CACHE_DIR"] = cache
        for argv in commands.values():
            _cpu(argv, env)  # warm the bytecode, the ruleset cache and the OS file cache
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.rounds):
            for name, argv in commands.items():
                times[name].append(_cpu(argv, env))
    base = statistics.median(times["python -c pass"])
    print(f"machine: {os.cpu_count()} CPUs; {args.rounds} rounds; median CPU time (user+sys) per run")
    print(f"  {'python -c pass':<22} {base * 1000:8.1f} ms   1.0x")
    ok = True
    for name in ("--version", "evaluate", "validate", "show"):
        t = statistics.median(times[name])
        ratio = t / base if base else float("inf")
        line = f"  {'spbe-rules ' + name:<22} {t * 1000:8.1f} ms {ratio:6.1f}x"
        if name in TARGETS:
            target = TARGETS[name]
            ok &= ratio <= target
            line += f"  (target <= {target:g}x: {'ok' if ratio <= target else 'NOT MET'})"
        print(line)
    print("floor (python -c ...):")
    for name in FLOOR:
        t = statistics.median(times[name])
        print(f"  {name:<22} {t * 1000:8.1f} ms {t / base if base else float('inf'):6.1f}x")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
