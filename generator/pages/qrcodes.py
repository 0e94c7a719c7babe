"""QR codes (segno) of a page's canonical URL, inline SVG: sharp in print, no extra request.

Encoding is the costliest step of rendering a record page, so codes are kept in a cache
(in memory, and on disk between builds: .cache/qr-codes.json, keyed by URL)."""
from __future__ import annotations

import json
from pathlib import Path

import segno
from markupsafe import Markup, escape

_cache: dict[str, str] = {}


def _encode(url: str) -> str:
    # Error level M survives a smudged newspaper print. A fixed mask skips segno's search for the
    # best of eight (3x faster); any mask is valid and scans (tested with zbarimg in print).
    code = segno.make(url, error="m", micro=False, mask=2)
    # omitsize: a viewBox instead of a fixed size, so CSS scales it (print: 35 mm) without cropping
    return code.svg_inline(scale=4, border=2, dark="#000", light="#fff", svgclass="qr__code", omitsize=True)


def qr_svg(url: str, label: str) -> Markup:
    svg = _cache.get(url)
    if svg is None:
        svg = _cache[url] = _encode(url)
    titled = svg.replace("<svg ", '<svg role="img" aria-label="二维码" ', 1).replace(
        ">", f"><title>{escape(label)}</title>", 1)
    return Markup(titled)


def load_cache(path: Path) -> None:
    try:
        _cache.update(json.loads(Path(path).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        pass


def save_cache(path: Path, urls: set[str]) -> None:
    """Keep only codes still in use, so the file does not grow with renamed records."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    kept = {url: _cache[url] for url in sorted(urls) if url in _cache}
    path.write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
