"""The old addresses of renamed records (`redirect_from`): a small page at each that sends the
reader on to the record's page, in Chinese, written straight into the site (one per old id,
12,500 at campaign scale: the mkdocs-redirects plugin took a template render for each).
The map comes from the generator (docs/.redirects.json, outputs/manifest.py)."""

from __future__ import annotations

import json
import os
from html import escape
from pathlib import Path

from ..outputs.manifest import REDIRECTS_FILE
from ..pages.urls import relative, url_of


def redirect_html(old_doc: str, new_doc: str, site_name: str, site_url: str) -> str:
    target = relative(old_doc, url_of(new_doc))
    canonical = f'<link rel="canonical" href="{escape(site_url + url_of(new_doc))}">\n' if site_url else ""
    link = escape(target)
    return (
        f'<!doctype html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>页面已迁移｜{escape(site_name)}</title>\n{canonical}"
        f'<meta name="robots" content="noindex">\n<meta http-equiv="refresh" content="0; url={link}">\n'
        f"<script>location.replace({json.dumps(target)} + location.hash)</script>\n</head>\n<body>\n"
        f'<p>本页已迁移到<a href="{link}">新的地址</a>，正在为你跳转……</p>\n</body>\n</html>\n'
    )


def redirects_text(docs_dir: Path) -> str | None:
    """The generator's map of old addresses (docs/.redirects.json) as text, or None without one."""
    path = Path(docs_dir) / REDIRECTS_FILE
    return path.read_text(encoding="utf-8") if path.is_file() else None


def write_redirect_pages(redirects: str, site_dir: Path, site_name: str, site_url: str) -> int:
    """Write site/<old url>/index.html for every renamed record in the map (redirects_text); the
    number written."""
    pages = json.loads(redirects)
    for old_doc, new_doc in pages.items():
        target = Path(site_dir) / url_of(old_doc) / "index.html"
        os.makedirs(target.parent, exist_ok=True)
        target.write_text(redirect_html(old_doc, new_doc, site_name, site_url), encoding="utf-8")
    return len(pages)
