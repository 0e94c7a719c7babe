"""QR codes (segno) of a page's canonical URL, inline SVG: sharp in print, no extra request."""
from __future__ import annotations

import segno
from markupsafe import Markup


def qr_svg(url: str, label: str) -> Markup:
    # Error level M survives a smudged newspaper print; segno escapes the title text.
    code = segno.make(url, error="m", micro=False)
    # omitsize: a viewBox instead of a fixed size, so CSS scales it (print: 35 mm) without cropping
    svg = code.svg_inline(scale=4, border=2, title=label, dark="#000", light="#fff", svgclass="qr__code",
                          omitsize=True)
    return Markup(svg.replace("<svg ", '<svg role="img" aria-label="二维码" ', 1))
