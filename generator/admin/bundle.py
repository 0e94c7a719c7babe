"""Sveltia CMS as files of our own: the npm bundle, with every address it would fetch from another
host at run time pointed at a path beside it, and the files found there copied from npm packages.

Many government networks reach no public CDN, and the site must never load from another host. The
published bundle asks unpkg for its package.json (an update check) and its translations, and
jsDelivr for its three fonts (the interface text, the monospace text and the Material Symbols
icons, whose glyphs are drawn from ligatures: without the font an icon shows as a word like
`edit`). The rewrite below replaces exact strings of the pinned version; when a new version no
longer contains one of them the build stops with a Chinese message, so a version bump cannot
quietly bring a CDN back. Never edit the bundle by hand: change the table and the npm pin.

Widgets that load more from unpkg (code highlighting, maps, PDF thumbnails, HEIC/AVIF conversion)
are not used by our configuration; their addresses point at ./npm/ on our own host too, where
nothing is served, so at worst such a widget fails without reaching another host.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CMS_PACKAGE = "@sveltia/cms"
BUNDLE = "dist/sveltia-cms.js"
SCRIPT_NAME = "sveltia-cms.js"  # the bundle's own name: it finds its chunks/ beside itself by it
NPM_DIR = "npm"  # where the bundle's unpkg addresses now point, relative to the editor's page
FONTS_DIR = "fonts"


class EditorBuildError(Exception):
    """The editor cannot be assembled from node_modules; the message is for the person building."""


@dataclass(frozen=True)
class Rewrite:
    old: str
    new: str
    why: str
    count: int = 1  # how many times the pinned bundle contains `old`, exactly


@dataclass(frozen=True)
class Font:
    """A font file the bundle's own @font-face names on jsDelivr, served from its npm package."""

    cdn_url: str
    package: str
    file: str  # inside the package

    @property
    def rewrite(self) -> Rewrite:
        name = Path(self.file).name
        return Rewrite(self.cdn_url, f"{FONTS_DIR}/{name}", f"字体 {name} 改由本站提供（npm 包 {self.package}）")


FONTS = (
    Font(
        "https://cdn.jsdelivr.net/fontsource/fonts/source-sans-3:vf@5.3.0/latin-wght-normal.woff2",
        "@fontsource-variable/source-sans-3",
        "files/source-sans-3-latin-wght-normal.woff2",
    ),
    Font(
        "https://cdn.jsdelivr.net/fontsource/fonts/noto-mono@5.3.0/latin-400-normal.woff2",
        "@fontsource/noto-mono",
        "files/noto-mono-latin-400-normal.woff2",
    ),
    Font(
        "https://cdn.jsdelivr.net/fontsource/fonts/material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2",
        "@fontsource-variable/material-symbols-outlined",
        "files/material-symbols-outlined-latin-wght-normal.woff2",
    ),
)

REWRITES = (
    # The bundle builds every unpkg address from these four prefixes: its own package (package.json
    # for the update check, locales/<lang>.json, a fallback for its chunks), @sveltia/ui and
    # @shikijs (code highlighting), and any other package by name (maps, PDF, image tools). A
    # relative address is fetched from the folder of the editor's page, so the same files work
    # under any sub-path (/admin/, /ecommerce/admin/, an intranet folder).
    Rewrite("https://unpkg.com/", f"./{NPM_DIR}/", "unpkg 上的文件改由本站 admin/npm/ 提供", count=4),
    *(font.rewrite for font in FONTS),
    # The source map (8 MB) is not shipped; without this line browsers' developer tools ask for it.
    Rewrite("\n//# sourceMappingURL=sveltia-cms.js.map", "\n", "不发布源码映射文件"),
)

# After the rewrite, none of these may be left in the bundle (a second, independent net).
FORBIDDEN = ("unpkg.com", "cdn.jsdelivr.net", "fonts.googleapis.com", "fonts.gstatic.com", "esm.sh", "cdnjs.")


def cms_dir(node_modules: Path) -> Path:
    return node_modules / CMS_PACKAGE


def cms_version(node_modules: Path) -> str:
    return _package_json(cms_dir(node_modules))["version"]


def _package_json(package_dir: Path) -> dict:
    try:
        return json.loads((package_dir / "package.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise EditorBuildError(f"找不到 npm 包 {package_dir.name}（{package_dir}）：请先在项目目录运行 npm ci") from err


def rewrite_bundle(text: str, version: str) -> str:
    """The bundle with every known CDN address replaced; fails loudly on anything unexpected."""
    for rewrite in REWRITES:
        found = text.count(rewrite.old)
        if found != rewrite.count:
            raise EditorBuildError(
                f"Sveltia CMS {version} 的 {BUNDLE} 里“{rewrite.old.strip()}”出现 {found} 次，应为 {rewrite.count} 次"
                f"（用途：{rewrite.why}）。升级 CMS 后请对照新版本更新 generator/admin/bundle.py 的 REWRITES，"
                "否则编辑器会从外部网站加载文件。"
            )
        text = text.replace(rewrite.old, rewrite.new)
    left = [host for host in FORBIDDEN if host in text]
    if left:
        raise EditorBuildError(
            f"Sveltia CMS {version} 的 {BUNDLE} 改写后仍含外部地址：{'、'.join(left)}。"
            "请在 generator/admin/bundle.py 的 REWRITES 里补上，并由本站提供对应文件。"
        )
    return text


@lru_cache(maxsize=2)
def _rewritten(bundle: Path, mtime_ns: int, version: str) -> bytes:
    return rewrite_bundle(bundle.read_text(encoding="utf-8"), version).encode("utf-8")


def editor_files(node_modules: Path) -> dict[str, Path | bytes]:
    """Every file of the CMS the editor's page loads, by its path relative to that page: bytes for
    the rewritten bundle, a source path for files copied unchanged."""
    package = cms_dir(node_modules)
    version = cms_version(node_modules)
    bundle = package / BUNDLE
    if not bundle.is_file():
        raise EditorBuildError(f"npm 包 {CMS_PACKAGE} {version} 里没有 {BUNDLE}：请重新运行 npm ci")
    files: dict[str, Path | bytes] = {SCRIPT_NAME: _rewritten(bundle, bundle.stat().st_mtime_ns, version)}
    # Chunks the bundle imports by name (React, for custom widgets) from beside itself.
    for chunk in sorted((package / "dist" / "chunks").glob("*.js")):
        files[f"chunks/{chunk.name}"] = chunk
    # The update check reads this package.json and finds the version it runs: no notice.
    files[f"{NPM_DIR}/{CMS_PACKAGE}/package.json"] = package / "package.json"
    # The interface in the reader's browser language (every locale the bundle knows; zh-CN for us).
    for locale in sorted((package / "locales").glob("*.json")):
        files[f"{NPM_DIR}/{CMS_PACKAGE}@{version}/locales/{locale.name}"] = locale
    for font in FONTS:
        source = node_modules / font.package / font.file
        if not source.is_file():
            raise EditorBuildError(
                f"找不到字体 {source}：请先在项目目录运行 npm ci（package.json 里固定了 {font.package} 的版本）"
            )
        files[f"{FONTS_DIR}/{source.name}"] = source
    return files
