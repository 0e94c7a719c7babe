"""`mkdocs serve` (make serve) regenerates through the plugin when a YAML record changes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from browser import fetch, free_port
from conftest import ROOT, make_project, run_cli


def wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in fetch(url):
            return True
        time.sleep(0.5)
    return False


@contextmanager
def mkdocs_serve(project: Path, *options: str):
    """`mkdocs serve` of the project on a free port; yields the site's address. Its log goes to a
    file (a pipe nobody reads would stop it once full)."""
    port = free_port()
    env = dict(os.environ, CAMPAIGN_TODAY="2026-11-24", PYTHONPATH=str(ROOT), DISABLE_MKDOCS_2_WARNING="true")
    with open(project / "serve.log", "wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", *options, "-a", f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            yield f"http://127.0.0.1:{port}/ecommerce/"
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)


def test_serve_shows_an_edited_record(tmp_path, valid_content):
    project = make_project(tmp_path, valid_content.root)
    with mkdocs_serve(project) as site:
        url = site + "enterprises/lunan-nongpin/"
        assert wait_for(url, "把滕州马铃薯卖到全国的农产品网店", 120), "the first build never came up"
        # the preview builds no search index (it would slow every rebuild); its search button says so
        assert "data-preview" in fetch(url)
        assert fetch(site + "pagefind/pagefind.js") == ""
        record = project / "content" / "enterprises" / "lunan-nongpin.yaml"
        record.write_text(
            record.read_text(encoding="utf-8").replace("把滕州马铃薯卖到全国", "把峄城石榴卖到全国"), encoding="utf-8"
        )
        assert wait_for(url, "把峄城石榴卖到全国的农产品网店", 120), "the edit never reached the preview"


def _article(html: str) -> str:
    from bs4 import BeautifulSoup

    page = BeautifulSoup(html, "html.parser")
    return str(page.title) + str(page.select_one("article"))


def test_make_serve_shows_an_edited_record_as_the_build_writes_it(tmp_path, valid_content):
    """make serve (mkdocs serve --dirty): the edited record's page, written at once from the shells
    of the last build (preview_watch.py), is the page a build writes."""
    project = make_project(tmp_path, valid_content.root)
    with mkdocs_serve(project, "--dirty") as site:
        url = site + "cases/yicheng-shiliu/"
        assert wait_for(url, "大学毕业回乡", 120), "the first build never came up"
        record = project / "content" / "cases" / "yicheng-shiliu.yaml"
        record.write_text(record.read_text(encoding="utf-8").replace("大学毕业回乡", "研究生毕业回乡"), encoding="utf-8")
        assert wait_for(url, "研究生毕业回乡", 60), "the edit never reached the preview"
        served = fetch(url)
    built = run_cli("build", "--today", "2026-11-24", cwd=project)
    assert built.returncode == 0, built.stderr
    page = (project / "site" / "cases" / "yicheng-shiliu" / "index.html").read_text(encoding="utf-8")
    assert "研究生毕业回乡" in _article(page) and _article(served) == _article(page)
