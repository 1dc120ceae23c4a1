"""Where the documentation lives: the one place in the library that names the site's address.

Hints and help texts point a reader to a page of the documentation site (built from ``docs/``
with MkDocs), never to a path in the repository, which a user of the installed package does not
have. The same address is ``site_url`` in ``mkdocs.yml`` and ``Documentation`` in
``pyproject.toml``; tests/test_publish.py checks that the three agree and that every page and
anchor named in the library exists.
"""

from __future__ import annotations

from typing import Final

DOCS_URL: Final = "https://spbe-rules.github.io/spbe-rules/"


def docs_url(page: str, anchor: str = "") -> str:
    """The address of a page of the site (named like its Markdown file), optionally at a heading: ``docs_url("formats", "case-suite")``."""
    return f"{DOCS_URL}{page}/" + (f"#{anchor}" if anchor else "")
