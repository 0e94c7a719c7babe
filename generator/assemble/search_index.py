"""Site search: a Pagefind index (extended build, which segments Chinese) of what people look for.

The index is fed from the data, not from the built HTML: each record's name, summary, district,
industry, platforms, tags and the like (its type's `search` fields, registry.py) and the text of
the hand-written pages (guide, policy, news, about). A record's text starts with a sentence that says
what it is, where and its summary ("企业，滕州市 · 农副土特产品。把滕州马铃薯卖到全国的农产品网店。"),
also kept as its `summary` meta: the result the reader sees is that sentence, not a run of fields; a
class's end is kept as `end` meta, so the page can rank the classes that have ended after the others. So it holds exactly what readers search for,
never a footer, menu or QR block, and it can be built while MkDocs builds the pages: Pagefind runs
as its own process on the other core (start_index before rendering, .write after MkDocs).
The bundle goes to SITE/pagefind/, Pagefind's default; the browser fetches it only when a reader
opens the search (overrides/assets/javascripts/search.js).

Pinned to 1.4.0 in pyproject.toml: 1.5.x segments queries and the index differently (upstream
issue #1237), and common Chinese words then find almost nothing at campaign scale.

Pagefind is driven through its service mode (`pagefind --service`: base64 JSON messages separated
by commas on stdin/stdout). Records are sent sorted by URL, so the same site gives the same bundle
on any machine (the command line's `--site` takes pages in the file system's order, which differs).
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..content.fieldpaths import walk
from ..content.loader import _Loader as TextDatesLoader
from ..content.model import Record, Site, entry_fields
from ..content.registry import TYPES
from ..content.taxonomy import Entry, page_lists
from ..outputs.manifest import BLOG_POSTS, hand_written_pages, post_url
from ..pages.urls import url_of

BUNDLE = "pagefind"  # the bundle's folder under the site root (Pagefind's default)
TIMEOUT = 1800  # seconds
POLL = 0.02  # seconds between two looks at the service's answers
LANGUAGE = "zh"
# A hand-written page's type, by the first part of its path; other pages are left out of search.
SECTIONS = {"guide": "指南", "news": "新闻", "policy": "政策", "about": "关于本站", "contact": "关于本站", "privacy": "关于本站"}
PLACES = "districts"  # the controlled list whose entries the search filters by (its `district` filter)


class SearchIndexFailed(Exception):
    """Pagefind could not index the site; the message is for editors (Chinese)."""


@dataclass(frozen=True)
class SearchRecord:
    url: str  # site-relative, with a leading slash (Pagefind adds the site's base path)
    title: str
    type: str
    district: str
    content: str
    summary: str = ""  # the sentence a result shows (records only)
    end: str = ""  # a class's end, ISO (records of classes only)


def search_types() -> list[str]:
    """The types the search dialog offers to filter by, in the site's order: record types, then sections."""
    return [t.short for t in TYPES] + list(dict.fromkeys(SECTIONS.values()))


def search_directories() -> list[list[str]]:
    """[title, folder/] of the directories the search dialog points to when it cannot load: each
    record type's, and the list of the places it filters by."""
    return [[t.title, f"{t.folder}/"] for t in TYPES] + [[page_lists()[PLACES], f"{PLACES}/"]]


def _words(value: object) -> list[str]:
    if isinstance(value, Entry):
        return [value.name]
    if isinstance(value, dict):
        return [word for item in value.values() for word in _words(item)]
    if isinstance(value, (list, tuple)):
        return [word for item in value for word in _words(item)]
    if isinstance(value, str):
        return [value]
    return []


def search_record_of(record: Record) -> SearchRecord:
    fields = record.fields
    words: list[str] = []
    for field in record.type.search:
        for _, value in walk(fields, tuple(field.split("."))):
            words += _words(value)
    district = next(
        (
            entry.name
            for path, name in entry_fields(record.type.name)
            if name == PLACES
            for _, entry in walk(fields, path)
            if isinstance(entry, Entry)
        ),
        "",
    )
    sentence = record_sentence(record)
    return SearchRecord(
        "/" + record.page_url,
        record.display_name,
        record.type.short,
        district,
        "\n".join([sentence, *dict.fromkeys(w.strip() for w in words if w and w.strip() and w.strip() not in sentence)]),
        sentence,
        record.get("end").isoformat() if record.type.calendar and record.get("end") else "",  # events rank by it
    )


def record_sentence(record: Record) -> str:
    """What the record is, where, and its summary, as one sentence: 培训班，2026年12月12日（周六）09:00 · 市民中心。…"""
    from ..pages.render import cn_datetime, cn_value

    if record.type.card_meta == "schedule":  # as its card says it: when and where
        venue = record.get("venue") or {}
        facts = [cn_datetime(record.start), venue.get("name") or ""]
    else:
        facts = [cn_value(record.get(field)) for field in record.type.card if record.get(field) is not None]
    where = " · ".join(fact for fact in facts if fact)
    summary = (record.get("summary") or "").strip()
    return f"{record.type.short}{'，' + where if where else ''}。{summary}"


_TAGS = re.compile(r"<[^>]+>")


def _text_of_markdown(text: str) -> str:
    import html

    import markdown

    return html.unescape(_TAGS.sub(" ", markdown.markdown(text, extensions=["tables", "admonition", "attr_list"])))


def search_record_of_page(docs_dir: Path, path: Path) -> SearchRecord | None:
    """A hand-written page (guide, policy, news post, about), or None when it is not searched."""
    relative = path.relative_to(docs_dir).as_posix()
    kind = SECTIONS.get(relative.split("/", 1)[0].removesuffix(".md"))
    if kind is None or (relative.startswith("news/") and not relative.startswith(BLOG_POSTS)):
        return None  # the blog's index, archive and category pages list posts; the posts are searched
    text = path.read_text(encoding="utf-8")
    meta: dict = {}
    if text.startswith("---"):
        _, head, text = text.split("---", 2)
        try:
            meta = yaml.load(head, Loader=TextDatesLoader) or {}
        except yaml.YAMLError:
            meta = {}
    heading = re.search(r"^#\s+(.+)$", text, re.MULTILINE)
    title = str(meta.get("title") or (heading.group(1).strip() if heading else relative))
    url = post_url(path) if relative.startswith(BLOG_POSTS) else url_of(relative)
    return SearchRecord("/" + url, title, kind, "", _text_of_markdown(text).strip())


def search_records(site: Site, docs_dir: Path) -> list[SearchRecord]:
    """Everything the search finds, sorted by URL (the order fixes the bundle's bytes)."""
    found = [search_record_of(record) for record in site.all()]
    found += [searched for path in hand_written_pages(docs_dir) if (searched := search_record_of_page(docs_dir, path))]
    return sorted(found, key=lambda searched: searched.url)


def _executable() -> Path:
    try:
        from pagefind_bin_extended import get_executable
    except ImportError:  # the plain build cannot segment Chinese: refuse rather than index badly
        raise SearchIndexFailed("搜索索引失败：没有安装 pagefind[extended]（见 pyproject.toml），请重新安装依赖。") from None
    try:
        return get_executable()
    except FileNotFoundError as err:
        raise SearchIndexFailed(f"搜索索引失败：找不到 Pagefind 程序（{err}），请重新安装依赖。") from None


def _frame(message_id: int, payload: dict) -> bytes:
    message = json.dumps({"message_id": message_id, "payload": payload}, ensure_ascii=False)
    return base64.b64encode(message.encode("utf-8")) + b","


def _add_record(searched: SearchRecord) -> dict:
    return {
        "type": "AddRecord",
        "index_id": 0,
        "url": searched.url,
        "content": searched.content,
        "language": LANGUAGE,
        "meta": {
            "title": searched.title,
            "type": searched.type,
            **({"district": searched.district} if searched.district else {}),
            **({"summary": searched.summary} if searched.summary else {}),
            **({"end": searched.end} if searched.end else {}),
        },
        "filters": {"type": [searched.type], **({"district": [searched.district]} if searched.district else {})},
        "sort": None,
    }


class _Answers:
    """The service's answers, read from the file it writes them to (a file, not a pipe: the service
    never waits for us to read, so no thread of ours has to)."""

    def __init__(self, path: Path):
        self.stream = open(path, "rb")  # its own offset: the service writes through another descriptor
        self.pending = b""
        self.answers: dict[int, dict] = {}
        self.errors: list[str] = []

    def read(self) -> None:
        self.pending += self.stream.read()
        *messages, self.pending = self.pending.split(b",")
        for message in messages:
            try:
                answer = json.loads(base64.b64decode(message))
            except ValueError as err:  # not the service's framing: report it rather than hang
                self.errors.append(f"无法读取 Pagefind 的回答（{err}）")
                continue
            payload = answer.get("payload") or {}
            if payload.get("type") == "Error":
                self.errors.append(str(payload.get("message")))
            self.answers[answer.get("message_id") or 0] = payload


class SearchIndex:
    """One Pagefind service, fed without a thread of ours (this process forks its render workers
    after it starts, and a fork while another thread runs can deadlock the child): every request but
    the last is written to a file first, and start() has `cat FILE -` hand the file, then our pipe,
    to the service, which indexes on its own core while the pages are rendered and built. write()
    sends the last request (write the bundle into a site folder), waits for its answer and checks
    that every record was indexed."""

    def __init__(self, records: list[SearchRecord]):
        if not records:
            raise SearchIndexFailed("搜索索引失败：没有可以搜索的内容，网站将没有可用的搜索。")
        self.executable = _executable()
        self.records = records
        self.feeder: subprocess.Popen | None = None  # cat: the requests file, then our pipe
        self.process: subprocess.Popen | None = None  # the service
        self.folder = tempfile.TemporaryDirectory(prefix="campaign-search-")  # requests, answers, its log
        with open(Path(self.folder.name) / "requests", "wb") as requests:
            requests.write(_frame(1, {"type": "NewIndex", "config": {"force_language": LANGUAGE}}))
            for number, searched in enumerate(records, start=2):
                requests.write(_frame(number, _add_record(searched)))

    def start(self) -> SearchIndex:
        """Start the service on the requests; it indexes them while this process goes on."""
        folder = Path(self.folder.name)
        # The service's input ends only when we close our end of cat's: at the end of its input it
        # exits at once, even with requests still queued.
        self.feeder = subprocess.Popen(
            ["cat", str(folder / "requests"), "-"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        with open(folder / "answers", "wb") as answers, open(folder / "log", "wb") as log:
            self.process = subprocess.Popen(
                [str(self.executable), "--service"], stdin=self.feeder.stdout, stdout=answers, stderr=log
            )
        self.feeder.stdout.close()  # the service's now: it sees the end of its input when cat ends
        return self

    def write(self, site_dir: Path) -> int:
        """Write the bundle to site_dir/pagefind/; return the number of records indexed.

        The bundle is asked for (GetFiles) and written here, not by the service (WriteFiles): the
        service answers WriteFiles while its last writes may still be queued in its runtime, and it
        exits as soon as its input ends, so under load a file (pagefind.js, pagefind-entry.json)
        could be left empty. Files we write ourselves are whole before the swap."""
        last = len(self.records) + 2
        try:
            self.feeder.stdin.write(_frame(last, {"type": "GetFiles", "index_id": 0}))
            self.feeder.stdin.flush()
        except (BrokenPipeError, ValueError):
            pass  # it died: its exit code and log say why (below)
        answers = _Answers(Path(self.folder.name) / "answers")
        try:
            deadline = time.monotonic() + TIMEOUT
            while not (last in answers.answers or self.process.poll() is not None):
                if time.monotonic() > deadline:
                    raise SearchIndexFailed(f"搜索索引失败：Pagefind 在 {TIMEOUT} 秒内没有完成。")
                time.sleep(POLL)
                answers.read()
            self._end_input()
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                raise SearchIndexFailed(f"搜索索引失败：Pagefind 在 {TIMEOUT} 秒内没有完成。") from None
            answers.read()
            log = (Path(self.folder.name) / "log").read_text(encoding="utf-8", errors="replace")
        finally:
            answers.stream.close()
            self.abandon()
        indexed = sum(1 for answer in answers.answers.values() if answer.get("type") == "IndexedFile")
        files = answers.answers.get(last, {}).get("files") if answers.answers.get(last, {}).get("type") == "GetFiles" else None
        try:
            written = bool(files) and _write_bundle(files, Path(site_dir) / BUNDLE)
        except OSError as err:  # a file where the folder should be, a full or read-only disk
            raise SearchIndexFailed(f"搜索索引失败：无法写出索引文件（{err.strerror}：{err.filename}）。") from None
        if answers.errors or not written or indexed != len(self.records):
            details = "；".join(answers.errors[:3]) or log.strip()[-500:] or f"退出码 {self.process.returncode}"
            raise SearchIndexFailed(
                f"搜索索引失败：Pagefind 索引了 {indexed}/{len(self.records)} 条，"
                f"{'已' if written else '未'}写出索引文件（{details}）。"
            )
        return indexed

    def _end_input(self) -> None:
        try:
            if self.feeder is not None:
                self.feeder.stdin.close()
        except (BrokenPipeError, ValueError):
            pass

    def abandon(self) -> None:
        """Stop the service and its feeder (the build failed before the index was needed; or done)."""
        self._end_input()
        for process in (self.process, self.feeder):
            if process is not None and process.poll() is None:
                process.kill()
            if process is not None:
                process.wait()
        self.folder.cleanup()


def _write_bundle(files: list[dict], folder: Path) -> bool:
    """Write the service's files (paths relative to the bundle, contents in base64) into folder;
    False when the bundle is not whole (no pagefind.js, or an empty one)."""
    root = folder.resolve()
    for file in files:
        target = (folder / file["path"]).resolve()
        if root not in target.parents:  # never outside the bundle, whatever the service says
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(base64.b64decode(file["content"]))
    script = folder / "pagefind.js"
    return script.is_file() and script.stat().st_size > 0


def start_index(site: Site, docs_dir: Path) -> SearchIndex:
    """Start indexing the site's search records in Pagefind's own process; .write(site_dir) when the site is built."""
    return SearchIndex(search_records(site, docs_dir)).start()
