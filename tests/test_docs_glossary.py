"""The Indonesian prose of README.md and docs/ keeps to the glossary (docs/glosarium.md): no "level"
(tingkat kematangan), "ruleset" (set aturan), "ditahan"/"menahan" (dibatasi), "persis" (tepat) or
"pita" (rentang predikat) in an Indonesian sentence. Code (fenced blocks and `spans`), link targets,
English sentences and the glossary's own table (which names the forbidden forms) are left out."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted(p for p in (ROOT / "docs").glob("*.md") if p.name != "glosarium.md")]

# a sentence is Indonesian when it has more of these words than of the English ones below
_ID = re.compile(
    r"\b(yang|dan|dengan|untuk|tidak|pada|dari|indikator|setiap|bila|atau|adalah|ini|itu|menjadi|satu|sebuah|diajukan|dihitung|paling|tinggi|naik|berapa|tingkat|masing|didukung)\b",
    re.I,
)
_EN = re.compile(r"\b(the|and|of|is|are|with|which|when|that|to|for|a|an|or|at|by|if|has|one)\b", re.I)
FORBIDDEN = {
    r"[Ll]evel(?:nya)?": "tingkat (kematangan)",
    r"[Rr]uleset": "set aturan",
    r"ditahan|menahan(?:nya)?": "dibatasi / membatasi",
    r"persis(?:nya)?": "tepat",
    r"[Pp]ita": "rentang (predikat)",
}


def _blank(m: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", m.group(0))  # keeps the line numbers


def _prose(path: Path) -> list[tuple[int, str]]:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^```.*?^```", _blank, text, flags=re.S | re.M)  # fenced blocks
    text = re.sub(r"`[^`]*`", _blank, text)  # code spans, also across a line break
    out = []
    for n, line in enumerate(text.split("\n"), 1):
        line = line.split(" / ")[0]  # a bilingual heading: the Indonesian half
        out.append((n, re.sub(r'\]\([^)]*\)|\{ #[^}]*\}|"[^"]*"', " ", line)))  # link targets, anchors, quoted words
    return out


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_indonesian_prose_keeps_to_the_glossary(page: Path) -> None:
    bad = []
    for n, text in _prose(page):
        if len(_ID.findall(text)) <= len(_EN.findall(text)):
            continue  # an English sentence (or a line too short to tell)
        for word, instead in FORBIDDEN.items():
            if re.search(rf"(?<![\w/-])(?:{word})(?![\w/-])", text):
                bad.append(f"{page.name}:{n}: {word} -> {instead}: {text.strip()[:120]}")
    assert not bad, "\n".join(bad)
