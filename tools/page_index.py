"""Write tests/data/<source>.pages.json: the page numbers of a reference text and its SHA-256.

The reference texts (e.g. /work/shared/reference/pedoman-3-2024.txt, where `=== PAGE n ===`
starts page n) are not part of the repository; the tests check every cited page against this
small index instead, so they run on a fresh clone.

    python tools/page_index.py pedoman-3-2024 /path/to/pedoman-3-2024.txt
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

MARK = re.compile(r"^=== PAGE (\d+) ===\s*$", re.MULTILINE)


def index(source_id: str, text_path: Path) -> dict[str, object]:
    raw = text_path.read_bytes()
    pages = [int(m) for m in MARK.findall(raw.decode("utf-8"))]
    return {
        "source": source_id,
        "file": text_path.name,
        "sha256": hashlib.sha256(raw).hexdigest(),
        "pages": pages,
    }


def main(argv: list[str]) -> int:
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(__file__).resolve().parent.parent / "tests" / "data" / f"{argv[1]}.pages.json"
    out.write_text(json.dumps(index(argv[1], Path(argv[2])), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
