"""The ``spbe-rules`` console script: answers ``--version`` and the list of commands without
importing any command, and hands everything else to :func:`spbe_rules._cli.main.main`
(imported only then), so start-up stays cheap."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence

from .._version import __version__

__all__ = ["COMMANDS", "SUMMARIES", "command_list", "command_of", "run"]

# command name -> module; the order is the order of `spbe-rules --help`
COMMANDS: dict[str, str] = {
    "evaluate": "_cli.core",
    "explain": "_cli.core",
    "validate": "_cli.validate",
    "rulesets": "_cli.core",
    "show": "_cli.core",
    "test": "_cli.cases",
    "diff": "_cli.diff",
    "impact": "_cli.diff",
    "batch": "_cli.batch",
    "template": "_cli.batch",
    "report": "_cli.report",
    "whatif": "_cli.plan",
    "gains": "_cli.plan",
    "plan": "_cli.plan",
    "risk": "_cli.views",
    "compare": "_cli.views",
}


# one line per command, in Indonesian (the list printed without arguments and by --help)
SUMMARIES: dict[str, str] = {
    "evaluate": "menilai satu berkas penilaian: indeks, predikat, nilai per domain dan aspek",
    "explain": "menjelaskan hasil penilaian dengan kata-kata, beserta dasar hukumnya",
    "validate": "memeriksa berkas aturan, penilaian, biaya atau kumpulan kasus (dikenali dari format:)",
    "rulesets": "daftar aturan (ruleset) yang terpasang dan tahun evaluasi yang dicakupnya",
    "show": "menampilkan isi aturan: domain, aspek, indikator, bobot dan aturan ketergantungan",
    "test": "menjalankan kumpulan kasus (contoh dengan hasil yang diharapkan)",
    "diff": "perbedaan antara dua aturan, dengan letak setiap perubahan",
    "impact": "dampak pergantian aturan pada sekumpulan penilaian, dan penyebabnya",
    "batch": "menilai banyak penilaian sekaligus (CSV, .xlsx atau folder) ke satu tabel",
    "template": "membuat templat kosong (CSV atau .xlsx) untuk penilaian massal",
    "report": "membuat laporan HTML (satu penilaian, atau ringkasan hasil massal)",
    "whatif": "bagaimana jika beberapa tingkat kematangan atau dokumen berubah",
    "gains": "nilai tambah satu tingkat lagi pada setiap indikator",
    "plan": "cara termurah mencapai indeks atau predikat sasaran",
    "risk": "seberapa dekat predikat ke batasnya, dan penurunan yang akan mengubahnya",
    "compare": "satu instansi dari tahun ke tahun",
}

# options of `spbe-rules` itself (before the command) that take a value
_VALUE_OPTIONS = ("--lang",)


def command_list() -> str:
    """The commands, one line each (what ``spbe-rules`` prints without arguments)."""
    width = max(map(len, SUMMARIES))
    lines = [f"spbe-rules {__version__}: evaluasi SPBE yang tepat menurut aturan berversi", "", "Perintah:"]
    lines += [f"  {name.ljust(width)}  {SUMMARIES[name]}" for name in COMMANDS]
    lines += ["", "Bantuan satu perintah: spbe-rules PERINTAH --help    Versi: spbe-rules --version"]
    return "\n".join(lines) + "\n"


def command_of(argv: Sequence[str]) -> str | None:
    """The command named in ``argv`` (the first word that is not an option), or None."""
    skip = False
    for word in argv:
        if skip:
            skip = False
        elif word in _VALUE_OPTIONS:
            skip = True
        elif not word.startswith("-"):
            return word
    return None


def run() -> None:
    """The console script ``spbe-rules``."""
    words = sys.argv[1:]
    if command_of(words) is None:
        if words == ["--version"]:
            sys.stdout.write(f"spbe-rules {__version__}\n")
            sys.exit(0)
        if not words or any(w in ("-h", "--help") for w in words):
            sys.stdout.write(command_list())
            sys.exit(0)
    sys.exit(importlib.import_module("spbe_rules._cli.main").main(words))
