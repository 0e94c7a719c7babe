"""Serving a built site on loopback (under a sub-path, as a column of the bureau's site) and
driving Debian's Chromium with Playwright. Never a downloaded browser."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import socket
import threading
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
]
SUB_PATH = "/ecommerce/"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
SCREENSHOTS = Path(__file__).parent / "screenshots"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass


@contextmanager
def serve(site: Path, root: Path):
    """Serve site at http://127.0.0.1:PORT/ecommerce/ (root holds a link named ecommerce)."""
    mount = root / SUB_PATH.strip("/")
    if not mount.exists():
        mount.symlink_to(site, target_is_directory=True)
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
    finally:
        server.shutdown()
        server.server_close()


def require_chromium():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing: .ci/run must install Debian's chromium")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, timeout: float = 5) -> str:
    """The page's text, or "" while the server does not answer (yet)."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


# The WCAG contrast ratio of an element's text against what shows behind it (its ancestors'
# backgrounds laid over white), as JavaScript: `ratio(element)`, for a script made by contrasts_script.
CONTRAST_RATIO = """
  const rgba = c => { const m = c.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const lum = ([r, g, b]) => { const f = v => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
                               return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const background = e => { const layers = [];
    for (; e; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor); if (c[3] > 0) layers.push(c); if (c[3] === 1) break; }
    let out = [255, 255, 255]; for (const [r, g, b, a] of layers.reverse()) out = [r * a + out[0] * (1 - a), g * a + out[1] * (1 - a), b * a + out[2] * (1 - a)];
    return out; };
  const ratio = e => { const bg = background(e); const [r, g, b, a] = rgba(getComputedStyle(e).color);
    const fg = [r * a + bg[0] * (1 - a), g * a + bg[1] * (1 - a), b * a + bg[2] * (1 - a)];
    const [l1, l2] = [lum(fg), lum(bg)].sort((x, y) => y - x); return (l1 + 0.05) / (l2 + 0.05); };"""


def contrasts_script(body: str) -> str:
    """A function for page.evaluate: body (JavaScript that may call ratio(element)) after CONTRAST_RATIO."""
    return "() => {" + CONTRAST_RATIO + body + "}"
