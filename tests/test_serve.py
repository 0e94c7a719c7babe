"""`mkdocs serve` (make serve) regenerates through the hook when a YAML record changes."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import ROOT, make_project


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        time.sleep(0.5)
    return False


def test_serve_shows_an_edited_record(tmp_path, valid_content):
    project = make_project(tmp_path, valid_content.root)
    port = free_port()
    env = dict(os.environ, CAMPAIGN_TODAY="2026-11-24", PYTHONPATH=str(ROOT), DISABLE_MKDOCS_2_WARNING="true")
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                              start_new_session=True)
    try:
        url = f"http://127.0.0.1:{port}/ecommerce/enterprises/lunan-nongpin/"
        assert wait_for(url, "把滕州马铃薯卖到全国的农产品网店", 120), "the first build never came up"
        # the preview builds no search index (it would slow every rebuild); its search button says so
        assert "data-preview" in fetch(url)
        assert fetch(f"http://127.0.0.1:{port}/ecommerce/pagefind/pagefind.js") == ""
        record = project / "content" / "enterprises" / "lunan-nongpin.yaml"
        record.write_text(record.read_text(encoding="utf-8").replace("把滕州马铃薯卖到全国", "把峄城石榴卖到全国"),
                          encoding="utf-8")
        assert wait_for(url, "把峄城石榴卖到全国的农产品网店", 120), "the edit never reached the preview"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
