"""The web editor's folder: index.html, config.yml and the CMS with everything it loads.

Written into site/admin/ by `build` (not by `build --production` unless mkdocs.yml says
`extra.cms.publish: true`), into the served site by `make serve`, and anywhere by
`python -m generator admin DIR` for a bureau that hosts the editor on its intranet.
"""

from __future__ import annotations

import html
import logging
import shutil
from pathlib import Path

from ..content.siteconfig import SiteConfig, read_cms
from .bundle import SCRIPT_NAME, EditorBuildError, editor_files

__all__ = ["EditorBuildError", "editor_published", "serve_editor", "write_editor"]

log = logging.getLogger("mkdocs.hooks.generator")

# The page's Content-Security-Policy lets it run scripts from its own host only (and the workers the
# CMS makes from blobs): a script address on another host, should a widget ever build one, is refused
# by the browser itself. It also refuses the inline reload script `mkdocs serve` adds to every HTML
# page, which would reload the editor (losing what an editor is typing) whenever content/ changes.
# The empty icon keeps browsers from asking the server root for /favicon.ico, outside our folder.
PAGE = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="same-origin">
<meta http-equiv="Content-Security-Policy" content="script-src 'self' blob:">
<title>{title}</title>
<link rel="icon" href="data:,">
</head>
<body>
<noscript>网页编辑器需要启用 JavaScript，请使用新版 Chrome、Edge 或 360 极速浏览器。</noscript>
<script src="{script}"></script>
</body>
</html>
"""


def node_modules_of(root: Path) -> Path:
    return Path(root) / "node_modules"


def editor_page(site_name: str) -> str:
    return PAGE.format(title=html.escape(f"网站内容编辑 · {site_name}"), script=SCRIPT_NAME)


def write_editor(target_dir: Path, root: Path) -> int:
    """Write the editor into target_dir (created if needed); returns how many files it wrote.
    Files already there with the same content are left alone (the preview calls this on every rebuild)."""
    from .config import config_yaml  # the configuration, derived from the registry and the schemas

    root = Path(root)
    target_dir = Path(target_dir)
    files: dict[str, Path | bytes] = dict(editor_files(node_modules_of(root)))
    files["config.yml"] = config_yaml(root).encode("utf-8")
    files["index.html"] = editor_page(SiteConfig.read(root / "mkdocs.yml").site_name).encode("utf-8")
    written = 0
    for name, source in files.items():
        path = target_dir / name
        if isinstance(source, bytes):
            if path.is_file() and path.stat().st_size == len(source) and path.read_bytes() == source:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(source)
        else:
            if path.is_file() and path.stat().st_size == source.stat().st_size and path.stat().st_mtime >= source.stat().st_mtime:
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, path)
        written += 1
    return written


def editor_published(config_file: Path) -> bool:
    """mkdocs.yml `extra.cms.publish: true`: the production site carries the editor at /admin/."""
    return read_cms(config_file).publish


def serve_editor(site_dir: Path, root: Path) -> None:
    """`make serve`: the editor at /admin/ of the preview. Without it the preview still serves the site."""
    try:
        write_editor(Path(site_dir) / "admin", root)
    except EditorBuildError as err:
        log.error("网页编辑器未能生成（预览网站不受影响）：%s", err)
