"""The built site made ready for a web server, once, before it is swapped in: the theme's own CSS
and JavaScript minified, and every text file precompressed beside itself (`page.html.gz`; the shared assets
also `main.css.br`), so that nginx (`deploy/nginx.conf`: gzip_static, brotli_static) sends them
without compressing anything per request.

Reproducible: the same bytes in give the same bytes out (gzip without a time stamp or a name;
brotli at a fixed quality; both libraries pinned), so the copies of a file unchanged since the
previous site are taken from it instead of being compressed again. Material's assets are minified
already; Pagefind's index files (`.pf_*`, `.pagefind`) are gzip streams that its JavaScript unpacks
itself, so they are neither compressed again nor served with a Content-Encoding. The sitemap and
manifest are made from docs/ before MkDocs runs: nothing written here appears in them.
"""

from __future__ import annotations

import gzip
import os
import shutil
from pathlib import Path

import brotli
import rcssmin
import rjsmin

from ..parallel import parallel_map

# What a server sends as text. Not .map (only a developer's tools ask for Material's source maps).
COMPRESSED = frozenset({".html", ".css", ".js", ".json", ".xml", ".xsl", ".svg", ".csv", ".ics", ".txt"})
SUFFIXES = (".gz", ".br")
# Below this, gzip's own header and table eat most of what it saves.
MIN_SIZE = 256
# The files every page loads, few, small and cached for long, are worth the slowest, smallest
# settings, and brotli (main.css: 22.3 KB gzipped, 18.5 KB in brotli). The tens of thousands of pages
# get gzip at level 6 only: brotli at a setting as fast saves nothing over it, and at the next one
# (quality 5) saves 10 % of a 8 KB page for 12 s more processor time per build at 12,500 records.
SHARED_FOLDERS = ("assets/", "pagefind/")
SHARED_MAX_SIZE = 256 * 1024  # Material also ships unused search dictionaries of 700 KB
LEVELS_SHARED = (9, 11)  # (gzip level, brotli quality)
LEVELS_PAGES = (6, None)

MINIFIERS = {".css": rcssmin.cssmin, ".js": rjsmin.jsmin}


def prepare_for_serving(site_dir: Path, theme_dir: Path, previous: Path | None = None) -> None:
    """Minify in site_dir the CSS and JS that theme_dir (MkDocs' custom_dir) put there, then
    precompress every text file of site_dir (reusing previous's copies of unchanged files)."""
    minify_theme_assets(site_dir, theme_dir)
    precompress(site_dir, previous)


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
    """The site's text files worth compressing (relative paths, sorted)."""
    return sorted(
        path.relative_to(site_dir).as_posix()
        for path in site_dir.rglob("*")
        if path.suffix in COMPRESSED and path.is_file() and path.stat().st_size >= MIN_SIZE
    )


def precompress(site_dir: Path, previous: Path | None = None) -> int:
    """Write NAME.gz (and NAME.br for the shared assets) beside every text file of site_dir, each only where it is smaller
    than the file itself (a server then sends the file); returns how many copies were written.
    A file with the same bytes in the previous site takes that site's copies."""
    site_dir = Path(site_dir)
    if previous is None or not Path(previous).is_dir() or Path(previous).resolve() == site_dir.resolve():
        previous = None
    return sum(parallel_map(lambda relative: _compress_one(site_dir, relative, previous), compressible(site_dir)))


def _compress_one(site_dir: Path, relative: str, previous: Path | None) -> int:
    source = site_dir / relative
    data = source.read_bytes()
    shared = relative.startswith(SHARED_FOLDERS) and len(data) <= SHARED_MAX_SIZE
    level, quality = LEVELS_SHARED if shared else LEVELS_PAGES
    suffixes = SUFFIXES if quality is not None else SUFFIXES[:1]
    if previous is not None and _reuse(previous / relative, data, source, suffixes):
        return len(suffixes)
    written = 0
    for suffix in suffixes:
        packed = gzip.compress(data, level, mtime=0) if suffix == ".gz" else brotli.compress(data, quality=quality)
        if len(packed) < len(data):
            target = source.with_name(source.name + suffix)
            target.write_bytes(packed)
            _same_time(source, target)
            written += 1
    return written


def _reuse(old: Path, data: bytes, source: Path, suffixes: tuple[str, ...]) -> bool:
    """Copy old's copies beside source when old has exactly source's bytes and every copy wanted."""
    copies = [old.with_name(old.name + suffix) for suffix in suffixes]
    try:
        if old.stat().st_size != len(data) or not all(c.is_file() for c in copies) or old.read_bytes() != data:
            return False
    except OSError:
        return False
    for copy in copies:
        target = source.with_name(copy.name)
        shutil.copyfile(copy, target)
        _same_time(source, target)
    return True


def _same_time(source: Path, target: Path) -> None:
    # nginx takes Last-Modified and the ETag from the copy it sends: the same as the file's.
    stat = source.stat()
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))
