"""The generator's pages outside the navigation, written from shells that MkDocs renders.

At campaign scale (12,500 records, 13,600 pages) MkDocs spent 90 s building the generator's pages,
three times the pages' own worth: for each page Python-Markdown parsed HTML that needed no Markdown
(3 ms) and Material rendered its navigation, header and footer anew (3 ms), although for a page
outside the navigation they are the same for every page as deep as it (bench/timing_hook.py).

So for those pages MkDocs renders one *probe* page per shape, through the whole theme and every
plugin, with placeholders where the page's own values go, and this module writes every page as
its probe with the placeholders filled in. A page qualifies when it is outside the nav
(`not_in_nav`), lies in one of the generator's folders, and its front matter holds a title, a
description, optionally a share image, and `body: html` (its body is HTML from top to bottom and
goes into the page as it is). What Material writes into such a page that differs from one page
to the next comes from exactly these: the title (<title>, header, heading, share tags), the
description, the share image, the canonical address, the body, and the table of contents with
the skip link, read off the body's `<h2 id="…">` headings. The shape of a page is its depth (the
relative links to the theme's files), whether it has headings, a heading of its own (`<h1>`, else
Material writes the title as one) and a share image.

Any other page is built by MkDocs as usual. tests/test_page_shells.py builds the sample site both
ways and compares the pages byte for byte; the plugin's `shells: false` (`CAMPAIGN_SHELLS=off`, read by
mkdocs.yml) builds every page through MkDocs.
"""

from __future__ import annotations

import os
import re
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

BODY_KEY, BODY_HTML = "body", "html"  # front matter of a page whose body is HTML (_header.md.j2)
PROBES = "_shell-probe"  # where the probes are built (removed afterwards; "_" is no record's or list's id)
_OWN_KEYS = {"title", "description", "image", BODY_KEY}
_HEADING = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>')

# Placeholders: characters of Unicode's private use area, which no page, template or filter writes.
TITLE, DESCRIPTION, IMAGE, BODY = "\ue000标题\ue001", "\ue000描述\ue001", "\ue000图\ue001", "\ue000正文\ue001"
FIRST_ID, FIRST_HEADING, SECOND_ID, SECOND_HEADING = "\ue000a\ue001", "\ue000甲\ue001", "\ue000b\ue001", "\ue000乙\ue001"


class ShellError(Exception):
    """The theme renders a probe in a way the shells cannot follow (a changed template): the
    message says so, and CAMPAIGN_SHELLS=off builds the site without shells meanwhile."""


def headings(body: str) -> list[tuple[str, str]]:
    """(id, title) of the body's section headings: its table of contents."""
    return _HEADING.findall(body)


def table_of_contents(body: str):
    from mkdocs.structure.toc import get_toc

    return get_toc([{"level": 2, "id": anchor, "name": title, "children": []} for anchor, title in headings(body)])


class HtmlBodies:
    """`body: html` pages that MkDocs builds itself (the probes, a directory's first page in the
    nav): no Markdown pass over their HTML (3 ms a page); their table of contents from its headings."""

    def __init__(self) -> None:
        self.bodies: dict[str, str] = {}

    def on_page_markdown(self, markdown: str, page) -> str | None:
        if (page.meta or {}).get(BODY_KEY) != BODY_HTML:
            return None
        self.bodies[page.file.src_uri] = markdown
        return ""  # nothing for Python-Markdown to do

    def on_page_content(self, html: str, page) -> str | None:
        body = self.bodies.pop(page.file.src_uri, None)
        if body is None:
            return None
        page.toc = table_of_contents(body)
        return body


@dataclass(frozen=True)
class Shape:
    folder: str  # the first part of the page's URL (districts)
    depth: int  # "/" in the page's URL: districts/x/ is 2
    toc: bool  # has section headings
    h1: bool  # has a heading of its own
    image: bool  # has a share image

    @property
    def probe_uri(self) -> str:
        """Where the probe of this shape is built: in the same folder and as deep as its pages,
        so that every relative link the theme writes (to the nav's pages, to its own files) is
        the same from the probe as from them."""
        name = f"{PROBES}-t{int(self.toc)}-h{int(self.h1)}-i{int(self.image)}"
        return "/".join([self.folder] + [PROBES] * (self.depth - 2) + [name]) + ".md"

    def probe_markdown(self) -> str:
        front = [f'title: "{TITLE}"', f'description: "{DESCRIPTION}"', f"{BODY_KEY}: {BODY_HTML}"]
        if self.image:
            front.append(f'image: "{IMAGE}"')
        return "---\n" + "\n".join(front) + "\n---\n" + probe_body(self)


def probe_body(shape: Shape) -> str:
    body = f"<h1>{BODY}</h1>" if shape.h1 else BODY
    if shape.toc:
        body += f'<h2 id="{FIRST_ID}">{FIRST_HEADING}</h2><h2 id="{SECOND_ID}">{SECOND_HEADING}</h2>'
    return body


@dataclass
class Page:
    """A page to write from a shell: what it needs of its Markdown file."""

    url: str
    dest: str
    title: str
    description: str
    image: str | None
    body: str
    source: str = ""  # the Markdown file
    stamp: int = 0  # its modification time when it was read

    @property
    def shape(self) -> Shape:
        return Shape(
            self.url.split("/", 1)[0], self.url.count("/"), bool(headings(self.body)), "<h1" in self.body, bool(self.image)
        )


def read_page(path: str, url: str, dest: str) -> Page | None:
    """The page at path when a shell can write it, else None (MkDocs builds it)."""
    from mkdocs.utils.meta import get_data

    with open(path, encoding="utf-8-sig") as handle:
        text = handle.read()
    if f"\n{BODY_KEY}: {BODY_HTML}\n" not in text:
        return None
    body, meta = get_data(text)  # as MkDocs reads it
    image = meta.get("image")
    if (
        meta.get(BODY_KEY) != BODY_HTML
        or set(meta) - _OWN_KEYS
        or not meta.get("title")
        or not meta.get("description")
        or not all(isinstance(meta.get(key), str) for key in meta)
        or (image is not None and (image.startswith(("/", "http:", "https:")) or not image))
    ):
        return None
    return Page(url, dest, meta["title"], meta["description"], image, body, path)


TOC = "\ue000目录\ue001"  # where a shell's table of contents goes


def _stamp(page: Page) -> int:
    try:
        return os.stat(page.source).st_mtime_ns
    except OSError:
        return -1


class Shell:
    """A probe's HTML, cut where a page's own values go."""

    def __init__(self, html: str, shape: Shape, probe_url: str):
        body = probe_body(shape)
        if html.count(body) != 1:
            raise ShellError(f"页面外壳：主题没有把正文原样放进页面（{shape}）")
        before, after = html.split(body)
        self.toc_entry, self.toc_between = "", ""
        if shape.toc:
            before, after = self._cut_toc(before), self._cut_toc(after)
        slots = re.compile("(" + "|".join(map(re.escape, (TITLE, DESCRIPTION, IMAGE, FIRST_ID, probe_url, TOC))) + ")")
        self.before, self.after = slots.split(before), slots.split(after)
        self.probe_url = probe_url
        for piece in self.before[::2] + self.after[::2]:
            # a placeholder left over, or rewritten by a filter (percent-encoded, a character reference)
            if any(mark in piece for mark in ("\ue000", "%EE%80%80", "%ee%80%80", "&#57344;", "&#xe000;", PROBES)):
                raise ShellError(f"页面外壳：主题改写了占位内容（{shape}），无法套用")

    def _cut_toc(self, text: str) -> str:
        """The probe's two table-of-contents entries -> one slot; keep one entry as the pattern."""
        if FIRST_HEADING not in text:
            return text
        first = text.rfind('<li class="md-nav__item">', 0, text.index(FIRST_HEADING))
        second = text.rfind('<li class="md-nav__item">', 0, text.index(SECOND_HEADING))
        end = text.find("</li>", text.index(SECOND_HEADING)) + len("</li>")
        if not 0 <= first < second < end:
            raise ShellError("页面外壳：找不到目录的条目")
        one, self.toc_between = text[first:second].rsplit("</li>", 1)
        self.toc_entry = one + "</li>"
        if self.toc_entry.replace(FIRST_ID, SECOND_ID).replace(FIRST_HEADING, SECOND_HEADING) != text[second:end]:
            raise ShellError("页面外壳：目录的两个条目写法不同")
        return text[:first] + TOC + text[end:]

    def fill(self, page: Page) -> str:
        found = headings(page.body)
        values = {
            TITLE: page.title,
            DESCRIPTION: page.description,
            IMAGE: page.image or "",
            FIRST_ID: found[0][0] if found else "",
            self.probe_url: page.url,
            TOC: self.toc_between.join(
                self.toc_entry.replace(FIRST_ID, anchor).replace(FIRST_HEADING, title) for anchor, title in found
            ),
        }
        return (
            "".join(values[piece] if i % 2 else piece for i, piece in enumerate(self.before))
            + page.body
            + "".join(values[piece] if i % 2 else piece for i, piece in enumerate(self.after))
        )


def _write(page: Page, shell: Shell) -> None:
    os.makedirs(os.path.dirname(page.dest), exist_ok=True)
    # a name of this process and thread: the build and preview_watch's thread may write one page at once
    temporary = f"{page.dest}.{os.getpid()}-{threading.get_ident()}.tmp"
    with open(temporary, "w", encoding="utf-8") as handle:
        handle.write(shell.fill(page))
    os.replace(temporary, page.dest)  # a reader (mkdocs serve) never sees half a page


class Shells:
    """The shells of one `mkdocs build`, or of one `mkdocs serve` session (the plugin keeps this object
    for its lifetime): the pages of the build under way that a shell writes, the probes MkDocs builds
    for them, and, from the last build, the shell of every shape and which pages lie outside the nav,
    so that an edited record's pages can be rewritten at once (rewrite, from preview_watch's thread)."""

    def __init__(self) -> None:
        self.pages: list[Page] = []  # to write in this build
        self.probes: dict[Shape, object] = {}  # shape -> its probe's File
        self.known: dict[Shape, Shell] = {}  # the latest shell of every shape
        self.outside_nav: frozenset[str] = frozenset()  # src_uri of the generator's pages outside the nav, last build
        self.writing = threading.Lock()  # a build's writing and rewrite() (another thread) take turns

    def claim(self, files, config, owned, dirty: bool) -> None:
        """In MkDocs' on_files: take the pages a shell writes out of MkDocs' hands (excluded: MkDocs
        still resolves links to them) and add a probe for every shape they may have."""
        from mkdocs.structure.files import File, InclusionLevel

        self.pages, self.probes = [], {}
        outside_nav = set()
        for file in list(files):
            if not (
                file.is_documentation_page() and file.inclusion.is_not_in_nav() and owned(file.src_uri) and file.abs_src_path
            ):
                continue
            outside_nav.add(file.src_uri)
            if dirty and not file.is_modified():  # mkdocs serve: written before, unchanged since
                file.inclusion = InclusionLevel.EXCLUDED
                continue
            stamp = os.stat(file.abs_src_path).st_mtime_ns  # before reading: a later save shows as a change
            page = read_page(file.abs_src_path, file.url, file.abs_dest_path)
            if page is None or page.url.count("/") < 2:
                continue
            file.inclusion = InclusionLevel.EXCLUDED
            page.stamp = stamp
            self.pages.append(page)
        self.outside_nav = frozenset(outside_nav)  # replaced whole: rewrite() may read it meanwhile
        for shape in sorted({page.shape for page in self.pages}, key=repr):
            probe = File.generated(config, shape.probe_uri, content=shape.probe_markdown(), inclusion=InclusionLevel.NOT_IN_NAV)
            files.append(probe)
            self.probes[shape] = probe

    def release(self) -> None:
        """A build without shells (MkDocs writes every page): nothing claimed, nothing to write."""
        self.pages, self.probes = [], {}

    def write(self, site_dir: str) -> int:
        """In on_post_build: read the probes MkDocs built, remove them, write every claimed page."""
        from ..parallel import parallel_map

        shells = {
            shape: Shell(Path(probe.abs_dest_path).read_text(encoding="utf-8"), shape, probe.url)
            for shape, probe in self.probes.items()
        }
        self.known.update(shells)
        for probe in self.probes.values():  # probe pages are not part of the site
            folder, below = probe.url.split("/")[:2]
            shutil.rmtree(Path(site_dir) / folder / below, ignore_errors=True)

        # A page whose Markdown changed since it was read (mkdocs serve: a record saved during the
        # build) is left for the next rebuild, which sees it newer than its page.
        pages = [page for page in self.pages if _stamp(page) == page.stamp]
        with self.writing:
            parallel_map(lambda page: _write(page, shells[page.shape]), pages, least=2000)
        self.pages, self.probes = [], {}
        return len(pages)

    def rewrite(self, docs_dir: str, site_dir: str, doc_paths: list[str]) -> list[str]:
        """mkdocs serve: write these generated pages into the served site now, from the shells of
        the last build; the pages written (the rest waits for MkDocs' own rebuild)."""
        from ..pages.urls import url_of

        done = []
        for doc in doc_paths:
            if doc not in self.outside_nav:
                continue
            url = url_of(doc)
            page = read_page(os.path.join(docs_dir, doc), url, os.path.join(site_dir, url, "index.html"))
            shell = self.known.get(page.shape) if page else None
            if shell is not None:
                with self.writing:
                    _write(page, shell)
                done.append(doc)
        return done
