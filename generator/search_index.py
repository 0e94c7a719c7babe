"""Site search: run Pagefind (extended build, which segments Chinese) over a built site.

The bundle goes to SITE/pagefind/, Pagefind's default, and is fetched by the browser only when a
reader opens the search (overrides/assets/javascripts/search.js). What is indexed is decided in
the HTML: the theme wraps indexable pages in data-pagefind-body (overrides/partials/content.html),
the generator's templates mark types, districts and the blocks to leave out.

Pinned to 1.4.0 in pyproject.toml: 1.5.x segments queries and the index differently (upstream
issue #1237), and common Chinese words then find almost nothing at campaign scale.

Pagefind is driven through its service mode (`pagefind --service`: base64 JSON messages separated
by commas on stdin/stdout), not as `pagefind --site`: the command line numbers pages in the order
the file system lists them, and that order differs between file systems and machines, so the
same site gave a different bundle on CI than here. The service adds pages in the order it is sent
them, one at a time; we send them sorted by path, so the bundle is byte-identical wherever it is
built. Only pages that carry data-pagefind-body are sent (Pagefind would skip the others anyway).
"""
from __future__ import annotations

import base64
import json
import subprocess
import tempfile
import threading
from pathlib import Path

BUNDLE = "pagefind"  # the bundle's folder under the site root (Pagefind's default)
BODY_MARK = "data-pagefind-body"
TIMEOUT = 1800  # seconds; 12,500 pages take about a minute on a 2-core machine


class SearchIndexFailed(Exception):
    """Pagefind could not index the site; the message is for editors (Chinese)."""


def _executable() -> Path:
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:  # the plain build cannot segment Chinese: refuse rather than index badly
        raise SearchIndexFailed("搜索索引失败：没有安装 pagefind[extended]（见 pyproject.toml），请重新安装依赖。") from None
    try:
        return get_executable()
    except FileNotFoundError as err:
        raise SearchIndexFailed(f"搜索索引失败：找不到 Pagefind 程序（{err}），请重新安装依赖。") from None


def _pages(site_dir: Path):
    """(path relative to the site, URL, HTML) of every page to index, sorted by path."""
    paths = sorted((p.relative_to(site_dir).as_posix(), p) for p in site_dir.rglob("*.html")
                   if p.relative_to(site_dir).parts[0] != BUNDLE)
    for relative, path in paths:
        html = path.read_text(encoding="utf-8")
        if BODY_MARK in html:
            url = "/" + (relative[: -len("index.html")] if relative.endswith("index.html") else relative)
            yield relative, url, html


def _frame(message_id: int, payload: dict) -> bytes:
    message = json.dumps({"message_id": message_id, "payload": payload}, ensure_ascii=False)
    return base64.b64encode(message.encode("utf-8")) + b","


class _Responses(threading.Thread):
    """Reads the service's answers while the pages are being sent (else both pipes fill up)."""

    def __init__(self, stream):
        super().__init__(daemon=True)
        self.stream = stream
        self.answers: dict[int, dict] = {}
        self.errors: list[str] = []
        self.last = -1  # the id of the final request, once it is sent
        self.finished = threading.Event()  # its answer came, or the service ended

    def run(self) -> None:
        pending = b""
        try:
            while chunk := self.stream.read1(1 << 16):
                pending += chunk
                *messages, pending = pending.split(b",")
                for message in messages:
                    answer = json.loads(base64.b64decode(message))
                    payload = answer.get("payload") or {}
                    if payload.get("type") == "Error":
                        self.errors.append(str(payload.get("message")))
                    self.answers[answer.get("message_id") or 0] = payload
                    if answer.get("message_id") == self.last:
                        self.finished.set()
        except ValueError as err:  # not the service's framing: report it rather than hang
            self.errors.append(f"无法读取 Pagefind 的回答（{err}）")
        finally:
            self.finished.set()


def index_site(site_dir: Path) -> int:
    """Index site_dir in place (bundle in site_dir/pagefind/) and return the number of pages
    indexed. Raise SearchIndexFailed when Pagefind fails or no page is marked for the index."""
    site_dir = Path(site_dir).resolve()
    if not site_dir.is_dir():
        raise SearchIndexFailed(f"搜索索引失败：找不到构建好的网站 {site_dir}。")
    with tempfile.TemporaryFile() as log:  # a file, not a pipe: a chatty stderr cannot block the service
        process = subprocess.Popen([str(_executable()), "--service"], cwd=site_dir, stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, stderr=log)
        responses = _Responses(process.stdout)
        responses.start()
        sent = 0
        try:
            process.stdin.write(_frame(1, {"type": "NewIndex", "config": {}}))
            for relative, url, html in _pages(site_dir):
                sent += 1
                process.stdin.write(_frame(sent + 1, {"type": "AddFile", "index_id": 0, "file_path": relative,
                                                      "url": url, "file_contents": html}))
            responses.last = sent + 2
            process.stdin.write(_frame(sent + 2, {"type": "WriteFiles", "index_id": 0,
                                                  "output_path": str(site_dir / BUNDLE)}))
            process.stdin.flush()
            # Only then end its input: at the end of its input the service exits at once, even
            # with requests still queued.
            responses.finished.wait(TIMEOUT)
            process.stdin.close()
        except BrokenPipeError:
            pass  # it died: its exit code and stderr below say why
        try:
            process.wait(60)
            responses.join(60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            raise SearchIndexFailed(f"搜索索引失败：Pagefind 在 {TIMEOUT} 秒内没有完成。") from None
        log.seek(0)
        stderr = log.read().decode("utf-8", "replace")
    if sent == 0:
        raise SearchIndexFailed(f"搜索索引失败：没有页面带 {BODY_MARK} 标记（见 overrides/partials/content.html），"
                                "网站将没有可用的搜索。")
    indexed = sum(1 for answer in responses.answers.values() if answer.get("type") == "IndexedFile")
    written = responses.answers.get(sent + 2, {}).get("type") == "WriteFiles"
    if responses.errors or not written or indexed != sent or not (site_dir / BUNDLE / "pagefind.js").is_file():
        details = "；".join(responses.errors[:3]) or stderr.strip()[-500:] or f"退出码 {process.returncode}"
        raise SearchIndexFailed(f"搜索索引失败：Pagefind 索引了 {indexed}/{sent} 个页面，"
                                f"{'已' if written else '未'}写出索引文件（{details}）。")
    return indexed
