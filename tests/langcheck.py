"""Word lists that tell the two languages apart, for the language sweeps (tests/test_lang_*.py).

A text shown in English must not contain the common Indonesian words below, and a text shown in
Indonesian must not contain the common English ones. What is not a word of either language is
left out first: names from the ruleset (indicator, aspect, domain, document, stage and level
names, predikat bands, reasons: the regulation's own words, written once), names from the input
(institutions), code in backticks, options (``--lang``), error codes (``WEIGHT_SUM``), file
names and paths, numbers, and the words both languages share (``Domain``, ``Predikat``, ``No``).
"""

from __future__ import annotations

import html as htmllib
import re
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

# common words of each language that the other language never uses
INDONESIAN = frozenset(
    "tingkat indikator tidak yang dan dengan untuk dari aturan sasaran indeks nilai tahun laporan dibatasi bukti dukung tahap "
    "berikutnya sesudah belum ada berkas baris kolom masalah petunjuk bobot aspek rencana biaya kenaikan diubah ditambahkan "
    "dihapus berubah perubahan penilaian instansi dokumen sementara berlaku kasus lulus gagal dilewati menjadi sebelum atau "
    "pada ke oleh bukan tepat dibulatkan syarat batas".split()
)
ENGLISH = frozenset(
    "level levels not indicator indicators found the and of index rule rules ruleset target with from is are stage report "
    "cost added removed changed weight aspect file row column problem hint assessment document documents passed failed "
    "skipped before after by exact rounded condition cap capped".split()
)
OTHER = {"id": ENGLISH, "en": INDONESIAN}

_CODE = re.compile(r"`[^`]*`|<code>.*?</code>", re.S)
_TOKEN = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", re.U)
# not words: options, error codes, identifiers with _ or -, file names and paths, URLs, version and rule ids
_NOT_WORDS = re.compile(
    "|".join(
        (
            r"https?://\S+",  # addresses
            r"(?<![\w-])--?[\w-]+",  # options
            r"\b[a-z_]+(?:\[[^\]]*\])?(?:\.[\w-]+)+\b|\b[a-z_]+\[[^\]]*\]",  # file paths of a value: indicators[12].weight
            r"[\w./-]*[/\\][\w./-]*",  # file names with a folder
            r"\b[\w-]+\.(?:yaml|yml|json|jsonl|csv|xlsx|html|md|py)\b",  # file names
            r"\b\w+(?:_\w+)+\b",  # identifiers: WEIGHT_SUM, predikat_from, in_force
            r"\b[A-Z]{2,}\b",  # metavariables and acronyms: FILE, SPBE
            r"\b[\w-]*\d[\w-]*\b",  # names with a number: 59-2020-ke-8-2026, pedoman-3-2024
        )
    )
)


def ruleset_texts(obj: Any, out: set[str] | None = None) -> set[str]:
    """Every text inside a ruleset (or any attrs value): the regulation's own words."""
    out = set() if out is None else out
    if isinstance(obj, str):
        if obj.strip():
            out.add(obj.strip())
    elif attrs.has(type(obj)):
        for f in attrs.fields(type(obj)):
            ruleset_texts(getattr(obj, f.name), out)
    elif isinstance(obj, Mapping):
        for k, v in obj.items():
            ruleset_texts(k, out)
            ruleset_texts(v, out)
    elif isinstance(obj, (list, tuple, set, frozenset)):
        for v in obj:
            ruleset_texts(v, out)
    return out


def visible_html(page: str) -> str:
    """The text of a page a reader meets: text between tags, ``<title>`` elements, and the
    ``title``/``aria-label`` attributes (tooltips, chart descriptions); styles and code left out."""
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    page = re.sub(r"<code>.*?</code>", " ", page, flags=re.S)
    attrs_ = re.findall(r'(?:title|aria-label)="([^"]*)"', page)
    body = re.sub(r"<[^>]+>", " ", page)
    return htmllib.unescape(body + "\n" + "\n".join(attrs_))


def _cut_names(text: str, joined: str) -> str:
    """``text`` without names cut short before a ``…``, ``~`` or ``...`` (the longest tail of the
    80 characters before the mark that is part of a name in ``joined``)."""
    out: list[str] = []
    last = 0
    for m in re.finditer(r"…|~|\.\.\.", text):
        window_start = max(last, m.start() - 80)
        window = text[window_start : m.start()]
        for k in [0, *(i + 1 for i, ch in enumerate(window) if not ch.isalnum())]:
            tail = window[k:].strip()
            if len(tail) >= 3 and tail in joined:
                out.append(text[last : window_start + k] + " ")
                last = m.end()
                break
    return "".join(out) + text[last:]


def plain_words(text: str, names: Iterable[str] = ()) -> str:
    """``text`` on one line with ``names`` (data: ruleset names, institutions) and non-words left out.

    Names are found across line breaks (wrapped text) and when cut short (``Kebijakan Internal
    Peta Rencana SPB…`` in a chart, ``...~`` in a text table, ``...`` in a diff)."""
    text = " ".join(text.split())
    ordered = sorted({" ".join(n.split()) for n in names if n.strip()}, key=len, reverse=True)
    text = _cut_names(text, "\n".join(ordered))
    for name in ordered:
        text = text.replace(name, " ")
    return _NOT_WORDS.sub(" ", _CODE.sub(" ", text))


def foreign_words(text: str, lang: str, names: Iterable[str] = ()) -> list[str]:
    """The words of the other language found in ``text`` (shown in ``lang``), with ``names``
    (data: ruleset names, institutions) and non-words left out. Each word once, sorted."""
    other = OTHER[lang]
    return sorted({w.lower() for w in _TOKEN.findall(plain_words(text, names)) if w.lower() in other})
