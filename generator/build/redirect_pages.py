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


_written: dict[str, tuple] = {}  # site folder -> what was last written there (mkdocs serve)


def write_redirect_pages(docs_dir: Path, site_dir: Path, site_name: str, site_url: str, again: bool = True) -> int:
    """Write site/<old url>/index.html for every renamed record; the number written. With
    again=False (mkdocs serve), a site folder that already has these pages is left alone."""
    path = Path(docs_dir) / REDIRECTS_FILE
    if not path.is_file():
        return 0
    text = path.read_text(encoding="utf-8")
    if not again and _written.get(str(site_dir)) == (text, site_name, site_url):
        return 0
    redirects = json.loads(text)
    for old_doc, new_doc in redirects.items():
        target = Path(site_dir) / url_of(old_doc) / "index.html"
        os.makedirs(target.parent, exist_ok=True)
        target.write_text(redirect_html(old_doc, new_doc, site_name, site_url), encoding="utf-8")
    _written[str(site_dir)] = (text, site_name, site_url)
    return len(redirects)
