"""The built site made ready for a web server, once, before it is swapped in: the theme's own CSS
and JavaScript minified, and every text file precompressed beside itself (`page.html.gz`,
`page.html.br`), so that nginx (`deploy/nginx.conf`: gzip_static, brotli_static) sends them
without compressing anything per request.

Reproducible: the same bytes in give the same bytes out (gzip without a time stamp or a name;
brotli at a fixed quality; both libraries pinned). Material's assets are minified already; Pagefind's
index files (`.pf_*`, `.pagefind`) are gzip streams that its JavaScript unpacks itself, so they are
neither compressed again nor served with a Content-Encoding. The sitemap and manifest are made
from docs/ before MkDocs runs: nothing written here appears in them.
"""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import brotli
import rcssmin
import rjsmin

from ..cores import map_on_cores

# What a server sends as text. Not .map (only a developer's tools ask for Material's source maps).
COMPRESSED = frozenset({".html", ".css", ".js", ".json", ".xml", ".xsl", ".svg", ".csv", ".ics", ".txt"})
# The files every page loads, few and cached for long, are worth the slowest, smallest settings
# (gzip 9, brotli 11). The tens of thousands of pages get settings about sixty times faster for
# brotli and twice for gzip, whose output is 15 % (brotli) and 1 % (gzip) larger.
SHARED_FOLDERS = ("assets/", "pagefind/")
LEVELS_SHARED = (9, 11)  # (gzip level, brotli quality)
LEVELS_PAGES = (6, 5)

MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}


def prepare_for_serving(site_dir: Path, theme_dir: Path) -> None:
    """Minify in site_dir the CSS and JS that theme_dir (MkDocs' custom_dir) put there, then
    precompress every text file of site_dir."""
    minify_theme_assets(site_dir, theme_dir)
    precompress(site_dir)


def minify_theme_assets(site_dir: Path, theme_dir: Path) -> list[str]:
    """Rewrite, minified, the site's copy of each .css/.js of the theme's own folder; the paths done."""
    done = []
    for source in sorted(theme_dir.rglob("*")):
        minify = MINIFIERS.get(source.suffix)
        built = site_dir / source.relative_to(theme_dir)
        if minify is None or not built.is_file() or ".min." in source.name:
            continue
        built.write_text(minify(built.read_text(encoding="utf-8")), encoding="utf-8")
        done.append(built.relative_to(site_dir).as_posix())
    return done


def compressible(site_dir: Path) -> list[str]:
    """The site's text files (relative paths, sorted), without the precompressed copies themselves."""
    return sorted(
        path.relative_to(site_dir).as_posix() for path in site_dir.rglob("*") if path.suffix in COMPRESSED and path.is_file()
    )


def precompress(site_dir: Path) -> int:
    """Write NAME.gz and NAME.br beside every text file of site_dir, each only where it is smaller
    than the file itself (a server then sends the file); returns how many copies were written."""
    site_dir = Path(site_dir)
    return sum(map_on_cores(lambda relative: _compress_one(site_dir, relative), compressible(site_dir)))


def _compress_one(site_dir: Path, relative: str) -> int:
    source = site_dir / relative
    data = source.read_bytes()
    level, quality = LEVELS_SHARED if relative.startswith(SHARED_FOLDERS) else LEVELS_PAGES
    written = 0
    for suffix, packed in (
        (".gz", gzip.compress(data, level, mtime=0)),
        (".br", brotli.compress(data, quality=quality)),
    ):
        if len(packed) < len(data):
            target = source.with_name(source.name + suffix)
            target.write_bytes(packed)
            # nginx takes Last-Modified and the ETag from the copy it sends: the same as the file's.
            stat = source.stat()
            os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
            written += 1
    return written
