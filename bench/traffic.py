"""What a phone downloads: a built site served on loopback under the sub-path, every response
counted as (time, path, bytes, bytes gzipped at level 6). Shared by bench/run.py and
bench/search_recall.py; Chromium's path and flags, the phone's size and the sub-path are the
browser tests' own (tests/browser.py)."""

from __future__ import annotations

import functools
import gzip
import http.server
import shutil
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from browser import CHROMIUM, CHROMIUM_ARGS, PHONE, SUB_PATH, fetch, free_port  # noqa: E402, F401 (used by the benches)

PASTED = "石榴"  # a phone's first search: two characters, in many names and texts, pasted


class Counting(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lock = threading.Lock()
        self.sent: list[tuple[float, str, int, int]] = []  # (time, path, bytes, gzip -6 bytes)

    def take(self) -> list[tuple[float, str, int, int]]:
        with self.lock:
            sent, self.sent = self.sent, []
        return sent


class CountingHandler(http.server.SimpleHTTPRequestHandler):
    def copyfile(self, source, outputfile):
        body = source.read()
        with self.server.lock:
            self.server.sent.append((time.monotonic(), self.path, len(body), len(gzip.compress(body, 6))))
        outputfile.write(body)

    def log_message(self, *args):
        pass


@contextmanager
def serve(site: Path):
    """(server, base URL) of site served at http://127.0.0.1:PORT/ecommerce/."""
    root = Path(tempfile.mkdtemp(prefix="bench-serve-"))
    (root / SUB_PATH.strip("/")).symlink_to(site.resolve(), target_is_directory=True)
    server = Counting(("127.0.0.1", 0), functools.partial(CountingHandler, directory=str(root)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server, f"http://127.0.0.1:{server.server_address[1]}{SUB_PATH}"
    finally:
        server.shutdown()
        server.server_close()
        shutil.rmtree(root, ignore_errors=True)


def quiet(server: Counting, seconds: float = 2.0, limit: float = 120.0) -> None:
    """Wait until nothing has been sent for that many seconds (a page's late requests included)."""
    start = time.monotonic()
    while time.monotonic() - start < limit:
        with server.lock:
            last = server.sent[-1][0] if server.sent else start
        if time.monotonic() - max(last, start) >= seconds:
            return
        time.sleep(0.1)
