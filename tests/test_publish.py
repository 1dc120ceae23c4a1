"""Ready to publish: licence, metadata, one documentation address, the README's order, the changelog.

The built artefacts themselves are checked by .ci/run (build, ``twine check``, the wheel alone,
the tests inside the unpacked sdist, ``mkdocs build --strict``) and by test_wheel.py.
"""

from __future__ import annotations

import re
import subprocess
import tomllib
import unicodedata
from pathlib import Path

import pytest

import spbe_rules
from spbe_rules._base.links import DOCS_URL, docs_url

ROOT = Path(__file__).resolve().parent.parent
SRC = Path(spbe_rules.__file__).resolve().parent
DOCS = ROOT / "docs"

pytestmark = pytest.mark.skipif(not (ROOT / "pyproject.toml").is_file() or not DOCS.is_dir(), reason="needs the source tree (pyproject.toml, docs/)")


def _pyproject() -> dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _project() -> dict[str, object]:
    project = _pyproject()["project"]
    assert isinstance(project, dict)
    return project


def _mkdocs_value(key: str) -> str:
    m = re.search(rf"^{key}:\s*(\S+)\s*$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    assert m, f"mkdocs.yml has no {key}"
    return m.group(1)


def test_licence_file_and_expression() -> None:
    text = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert text.startswith("MIT License\n\nCopyright (c) 2026 spbe-rules developers\n")
    assert 'THE SOFTWARE IS PROVIDED "AS IS"' in text
    project = _project()
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    classifiers = project["classifiers"]
    assert isinstance(classifiers, list)
    assert not [c for c in classifiers if c.startswith("License ::")]  # PEP 639: the expression replaces them
    for needed in (
        "Development Status :: ",
        "Intended Audience :: ",
        "Operating System :: ",
        "Programming Language :: Python :: 3.13",
        "Natural Language :: Indonesian",
    ):
        assert any(c.startswith(needed) for c in classifiers), needed
    sdist = _pyproject()["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]  # type: ignore[index]
    for needed in ("LICENSE", "CHANGELOG.md", "examples", "tests", "docs", "mkdocs.yml", "suites", "rulesets", "schemas"):
        assert needed in sdist, f"the sdist leaves out {needed}"


def test_sdist_holds_every_tracked_top_level_entry() -> None:
    """A new top-level folder the tests read (like examples/ once) must go into the sdist too."""
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout (an unpacked sdist holds what it holds)")
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    top = {t.split("/", 1)[0] for t in tracked} - {".ci", ".gitignore", ".readthedocs.yaml"}
    sdist = set(_pyproject()["tool"]["hatch"]["build"]["targets"]["sdist"]["include"])  # type: ignore[index]
    assert top <= sdist, f"tracked but not in the sdist: {sorted(top - sdist)}"


def test_one_documentation_address() -> None:
    urls = _project()["urls"]
    assert isinstance(urls, dict)
    assert DOCS_URL.startswith("https://") and DOCS_URL.endswith("/")
    assert urls["Documentation"] == DOCS_URL == _mkdocs_value("site_url")
    assert urls["Changelog"] == docs_url("changelog")
    assert _mkdocs_value("repo_url") == urls["Repository"]
    assert set(urls) >= {"Homepage", "Documentation", "Repository", "Issues", "Changelog"}


def _slug(heading: str) -> str:
    """Python-Markdown's toc slug (the ids MkDocs gives headings), or an explicit `{ #id }`."""
    m = re.search(r"\{\s*#([\w-]+)\s*\}\s*$", heading)
    if m:
        return m.group(1)
    value = unicodedata.normalize("NFKD", re.sub(r"`", "", heading)).encode("ascii", "ignore").decode()
    value = re.sub(r"[^\w\s-]", "", value).strip().lower()
    return re.sub(r"[-\s]+", "-", value)


def _anchors(page: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    return {_slug(h) for h in re.findall(r"^#{1,6}\s+(.+?)\s*$", text, flags=re.M)}


def _site_links_in(text: str) -> list[tuple[str, str]]:
    return re.findall(re.escape(DOCS_URL) + r"([\w-]+)/(?:#([\w-]+))?", text)


def test_every_link_to_the_site_names_a_real_page_and_heading() -> None:
    sources = {p: p.read_text(encoding="utf-8") for p in SRC.rglob("*.py")}
    calls = []
    for path, text in sources.items():
        calls += [(path, page, anchor) for page, anchor in re.findall(r"docs_url\(\s*['\"]([\w-]+)['\"](?:\s*,\s*['\"]([\w-]+)['\"])?\s*\)", text)]
        calls += [(path, page, anchor) for page, anchor in _site_links_in(text)]
    for doc in (ROOT / "README.md", ROOT / "CHANGELOG.md", *DOCS.glob("*.md")):
        calls += [(doc, page, anchor) for page, anchor in _site_links_in(doc.read_text(encoding="utf-8"))]
    assert len(calls) >= 15
    for where, page, anchor in calls:
        target = DOCS / f"{page}.md"
        assert target.is_file(), f"{where}: links to the site page `{page}`, but there is no docs/{page}.md"
        assert not anchor or anchor in _anchors(target), f"{where}: docs/{page}.md has no heading `#{anchor}`"


def test_messages_point_to_the_site_not_to_repository_paths() -> None:
    """A user of the wheel has no docs/ folder: hints name the site's pages."""
    for path in SRC.rglob("*.py"):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            assert not re.search(r"docs/[\w-]+\.md", line), f"{path.relative_to(SRC)}:{n}: points to docs/*.md; use _base.links.docs_url(PAGE)"


def test_a_hint_in_the_installed_package_names_the_site() -> None:
    from spbe_rules import ValidationError, parse_assessment

    with pytest.raises(ValidationError) as info:
        parse_assessment(["not", "a", "mapping"])  # type: ignore[arg-type]
    hints = [p.hint or "" for p in info.value.exceptions]
    assert any(h.startswith("see " + DOCS_URL) or DOCS_URL in h for h in hints), hints


def test_every_docs_page_is_in_the_site() -> None:
    nav = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").partition("\nnav:")[2]
    in_nav = set(re.findall(r":\s*([\w-]+\.md)\s*$", nav, flags=re.M))
    assert in_nav == {p.name for p in DOCS.glob("*.md")}, "add new docs pages to `nav:` in mkdocs.yml (Bahasa Indonesia or English section)"


README_FIRST_COMMANDS = [
    "python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/spbe-rules evaluate examples/kabupaten-contoh-2024.yaml",
    'python3 -m venv .venv && .venv/bin/pip install ".[test]" && .venv/bin/python -m pytest -q -p no:cacheprovider',
]


def test_readme_starts_with_the_two_commands_then_pypi() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```(\w*)\n(.*?)```", text, flags=re.S)
    assert [b[1].strip() for b in blocks[:2]] == README_FIRST_COMMANDS
    assert blocks[2][1].splitlines()[0].split(" #")[0].strip() == "pip install spbe-rules"
    # links work on PyPI: absolute, and the ones to the documentation go to the site
    for target in re.findall(r"\]\(([^)]+)\)", text):
        assert re.match(r"https?://", target), f"README link `{target}` is relative: it breaks on PyPI"


def test_changelog_keeps_a_changelog() -> None:
    """Keep a Changelog: `## [Unreleased]` first, released versions with their date and only the six
    kinds of change as subsections (Unreleased may group its entries by piece of work first)."""
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    versions = re.findall(r"^## \[([^\]]+)\](?: - (\d{4}-\d{2}-\d{2}))?$", text, flags=re.M)
    assert len(versions) == len(re.findall(r"^## ", text, flags=re.M)), "a `## ` heading that is not `## [VERSION] - DATE`"
    assert versions[0] == ("Unreleased", "")
    released = [v for v, _ in versions[1:]]
    assert released, "no released version"
    assert all(re.fullmatch(r"\d+\.\d+\.\d+", v) and d for v, d in versions[1:]), "a released version without semver or date"
    assert spbe_rules.__version__ in released or versions[0][0] == "Unreleased"
    kinds = {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}
    for part in re.split(r"^## \[\d+\.\d+\.\d+\].*$", text, flags=re.M)[1:]:
        for heading in re.findall(r"^###+ (.+)$", part, flags=re.M):
            assert heading in kinds, f"a released version's subsection `{heading}` is not one of {sorted(kinds)}"


def test_versioning_policy_names_what_a_result_records(tmp_path: Path) -> None:
    from spbe_rules import Assessment, evaluate, load_ruleset

    rs = load_ruleset("pedoman-3-2024")
    r = evaluate(rs, Assessment.from_levels({n: 3 for n in rs.numbers}, instansi="Contoh", year=2024))
    data = r.to_json()
    assert '"library_version"' in data and '"sha256"' in data
    for page in ("versioning.md", "versi.md"):
        text = (DOCS / page).read_text(encoding="utf-8")
        for word in ("library_version", "ruleset.version", "ruleset.sha256", "PATCH", "MINOR", "MAJOR"):
            assert word in text, (page, word)
