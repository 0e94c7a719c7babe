"""Where generated pages live and how one page links to another.

Links inside generated HTML blocks are written relative to the linking page, so the site
works at any sub-path (e.g. https://example.gov.cn/ecommerce/) with no rewriting.
"""

from __future__ import annotations

import posixpath


def url_of(doc_path: str) -> str:
    """docs-relative Markdown path -> site-relative directory URL ('' is the home page)."""
    stem = doc_path[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative(from_doc: str, to_url: str) -> str:
    """The href that leads from the page built from from_doc to the site-relative to_url."""
    here = url_of(from_doc) or "."
    target = to_url or "."
    rel = posixpath.relpath(target, here)
    if rel == ".":
        return "./"
    if to_url.endswith("/") or to_url == "":
        rel += "/"
    return rel


def doc_link(from_doc: str, to_doc: str) -> str:
    """A Markdown link target between two docs files (MkDocs checks and rewrites these)."""
    return posixpath.relpath(to_doc, posixpath.dirname(from_doc) or ".")


# Files the generator writes at the top of docs/ (all other top-level files are hand-written).
GENERATED_FILES = ("index.md", "manifest.json", ".redirects.json", "sitemap.xml")
# Folders of docs/ besides the record types' and the taxonomy pages': the data and progress pages
# with their files, the phone-sized images (written by content.media), the sections' sitemaps.
OTHER_GENERATED_DIRS = ("data", "progress", "media", "sitemaps")


def generated_dirs() -> tuple[str, ...]:
    """Every folder of docs/ the generator owns: nothing else in docs/ is ever touched."""
    from ..content.registry import TYPES
    from ..content.taxonomy import page_lists

    return (*(t.folder for t in TYPES), *page_lists(), *OTHER_GENERATED_DIRS)
