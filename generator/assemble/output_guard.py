"""The last look before a build is published: no national ID number or private mobile number in
anything the site serves, whatever path it took there.

The check (content/privacy.py) looks at the records' fields and names the line; this guard looks
at the boundary everything crosses: every file of the new site folder (pages with their attribute
values, comments and scripts, CSV, JSON, calendars, feeds, sitemaps, SVG), the search index's
records (Pagefind's own files are compressed, so what it was fed is scanned) and every file name.
Each is read as a reader gets it (privacy.readable: character references and percent-escapes
decoded; invisible characters dropped by the detectors themselves), with the check's detectors.

Numbers on a public business line (`x-privacy` fields such as contact.phone, which the check lets
through only when they are an office line or their owner agreed) are published on purpose: exactly
those numbers are allowed. Any other number stops the build before the swap, so site/ stays as it
was; only then are the sources (records, taxonomy, news posts, hand-written pages, mkdocs.yml,
media file names) searched for where it came from, so the message names the file and field.
"""

from __future__ import annotations

import os
import re
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from ..content.fieldpaths import walk
from ..content.model import Site
from ..content.privacy import INVISIBLE, candidates, private_numbers, readable
from ..content.schemas import annotated
from ..parallel import parallel_map

# Files read as text; anything else (images, fonts, Pagefind's compressed chunks) is binary.
TEXT_SUFFIXES = {".html", ".htm", ".xml", ".json", ".csv", ".ics", ".txt", ".js", ".mjs", ".css", ".svg", ".webmanifest", ".md"}
SKIPPED_FOLDERS = {"pagefind"}  # compressed; its input (the search records) is scanned instead
# JSON's \\u escapes of what can make or hide a number: digits and signs, spaces, full-width digits,
# invisible characters and dashes (pages escape all their Chinese this way: those are left alone).
_JSON_ESCAPE = re.compile(
    r"\\u(00[23][0-9a-fA-F]|00[aA][0dD]|[fF][fF][01][0-9a-fA-F]|20[0-6][0-9a-fA-F]|3000|2212|[fF][eE][fF][fF]|061[cC]|180[eE])"
)
PAGE_BYTES = 4 * 1024 * 1024  # a hand-written page or mkdocs.yml: far more than any holds
_GENERATED_FROM = re.compile(r"本页由生成器根据 (\S+) 自动生成")


class PublishedNumbers(Exception):
    """A private number would be published; the message (one line per number) is for editors."""


@dataclass(frozen=True)
class Found:
    published: str  # where in the site: a file, a file's name, or a search record
    kind: str
    masked: str
    number: str


# Inline formatting between two digits (`138**1234**5678` in a body becomes `138<strong>1234</strong>5678`)
# shows one number to a reader: read without it. Only inline tags: digits in two table cells or list
# items are two values.
_INLINE_BETWEEN_DIGITS = re.compile(
    r"(?<=[0-9０-９])(?:\s*</?(?:strong|em|b|i|u|s|del|ins|mark|span|a|code|sub|sup|small)\b[^<>]{0,200}>\s*)+(?=[0-9０-９])",
    re.IGNORECASE,
)


def _as_read(text: str, suffix: str) -> str:
    if suffix in (".html", ".htm", ".xml", ".svg") and "<" in text:
        text = _INLINE_BETWEEN_DIGITS.sub("", text)
    if suffix == ".ics":  # folded lines (RFC 5545): a number may be split over two
        text = text.replace("\r\n ", "").replace("\r\n\t", "")
    if "\\u" in text:  # JSON and scripts (also inside pages) escape characters so
        text = _JSON_ESCAPE.sub(lambda escape: chr(int(escape.group(1), 16)), text)
    return readable(text)


# What each run of digits held, by its text: every page repeats the theme's runs (its icons' path
# data), so each is looked at once per process.
_runs: dict[str, tuple[tuple[str, str, str], ...]] = {}


def _numbers(text: str) -> set[tuple[str, str, str]]:
    found: set[tuple[str, str, str]] = set()
    for run in candidates(text):
        held = _runs.get(run)
        if held is None:
            held = _runs[run] = tuple((n.kind, n.masked, n.number) for n in private_numbers(run))
        found.update(held)
    return found


# Pages repeat the theme line for line (head, header, navigation, icons, footer: four fifths of
# their bytes). A line this process met before in this scan was read then: only new lines are read.
# A line that starts or ends like part of a number (a digit, a sign, an entity's ";", an invisible
# character) is never taken as met: it is read every time, with the four lines on each side, so a
# number that line breaks split (a mobile number has at most four pieces, an ID number five) is
# always read whole, wherever it occurs.
_seen: set[str] = set()
_DIGITS = frozenset("0123456789０１２３４５６７８９") | frozenset(INVISIBLE)
_ENTITY_END = re.compile(r"&#?[0-9A-Za-z]{1,32};$")


def _number_edge(bare: str) -> bool:
    """Whether a line (without its white space) may begin or end a number another line continues."""
    first, last = bare[0], bare[-1]
    if first in _DIGITS or last in _DIGITS or first == "&" or last in "+-.＋－．":
        return True
    if first in "+(（＋" and len(bare) > 1 and (bare[1] in _DIGITS or bare[1] in "+＋"):
        return True
    return last == ";" and _ENTITY_END.search(bare) is not None


_CONTEXT = 4
_APART = "\n\x00\n"  # between pieces that were not neighbours: no number runs across it


def _around(text: str, start: int, end: int) -> str:
    for _ in range(_CONTEXT):
        start = text.rfind("\n", 0, max(start - 1, 0)) + 1 if start > 0 else 0
        found = text.find("\n", end + 1)
        end = len(text) if found < 0 else found
    return text[start:end]


def _new_lines(text: str) -> str:
    fresh = set(text.split("\n"))
    fresh.difference_update(_seen)
    if not fresh:
        return ""
    pieces = []
    for line in fresh:
        bare = line.strip()
        if bare and _number_edge(bare):
            # never taken as met: its neighbours here may be what makes it a number
            at = text.find(line)
            while at >= 0:
                pieces.append(_around(text, at, at + len(line)))
                at = text.find(line, at + max(len(line), 1))
        else:
            _seen.add(line)
            pieces.append(line)
    return _APART.join(pieces)


def _scan_file(path: str) -> list[tuple[str, str, str]]:
    try:
        with open(path, "rb") as file:
            text = file.read().decode("utf-8", "replace")
    except OSError:
        return []
    suffix = os.path.splitext(path)[1].lower()
    if suffix in (".html", ".htm"):
        text = _new_lines(text)
    return sorted(_numbers(_as_read(text, suffix)))


def _published_files(site_dir: Path) -> tuple[list[str], list[str]]:
    """The text files to read, and every name in the site (file names are published too), as
    site-relative paths."""
    texts: list[str] = []
    names: list[str] = []
    folders = [(str(site_dir), "", False)]
    while folders:
        folder, prefix, skipped = folders.pop()
        with os.scandir(folder) as entries:
            for entry in entries:
                relative = prefix + entry.name
                names.append(relative)
                if entry.is_dir(follow_symlinks=False):
                    folders.append((entry.path, relative + "/", skipped or (not prefix and entry.name in SKIPPED_FOLDERS)))
                elif not skipped and os.path.splitext(entry.name)[1].lower() in TEXT_SUFFIXES:
                    texts.append(relative)
    texts.sort()
    return texts, sorted(names)


def business_lines(site: Site | None) -> dict[str, list[tuple[str, str]]]:
    """The numbers published on purpose, each with where it may come from: (the record's file, the
    business-line field's label) of the records that publish it on a public business line."""
    from ..content.schemas import field_label

    allowed: dict[str, list[tuple[str, str]]] = {}
    for record in site.all() if site is not None else ():
        for pattern, _ in annotated(record.type.name, "x-privacy"):
            for path, value in walk(record.fields, pattern):
                if isinstance(value, str):  # a mobile number the owner agreed to publish (never an ID number)
                    for number in private_numbers(value):
                        if number.kind == "手机号":
                            allowed.setdefault(number.number, []).append((record.source, field_label(record.type.name, path)))
    return allowed


def _consent_only(number: str, places: list[tuple[str, str]], found: list[Found], sources: list[str], site_dir: Path) -> bool:
    """Consent covers one field of one record: the number may reach the site from there only. Any other
    place an editor wrote it (another field or record, a news post, taxonomy.yaml, a page, a file name)
    or a record page of another record that shows it makes it a leak like any other."""
    if any(
        not any(where.startswith(f"{source}:") and where.endswith(f": {label}") for source, label in places) for where in sources
    ):
        return False
    own = tuple(source.replace(os.sep, "/") for source, _ in places)
    for item in found:
        origin = _generated_from(site_dir, item.published)
        if origin is not None and not any(source.endswith(origin) or origin.endswith(source) for source in own):
            return False
    return True


def scan_site(site_dir: Path, search_records: Iterable = (), allowed: Iterable[str] = frozenset()) -> list[Found]:
    """Every private number in the site folder, its file names and the search index's records."""
    site_dir = Path(site_dir)
    texts, names = _published_files(site_dir)
    _seen.clear()  # lines of another site, or of an earlier build, say nothing about this one
    _runs.clear()
    found: list[Found] = []
    root = str(site_dir) + os.sep
    for relative, numbers in zip(texts, parallel_map(lambda name: _scan_file(root + name), texts, least=400)):
        found += [Found(relative, *n) for n in numbers]
    for name in names:
        found += [Found(f"{name}（文件名）", n.kind, n.masked, n.number) for n in private_numbers(readable(name))]
    for searched in search_records:
        text = "\n".join((searched.url, searched.title, searched.type, searched.district, searched.content))
        found += [Found(f"搜索索引 {searched.url}", n.kind, n.masked, n.number) for n in private_numbers(readable(text))]
    return [f for f in found if f.number not in allowed]


# ---- where a number came from (only when one was found) ----


def _record_schema(project, path: Path) -> str | None:
    from ..content.registry import TYPES

    folder = path.parent.name if path.parent.parent == project.content_dir else ""
    schema = next((t.name for t in TYPES if t.folder == folder), None)
    if schema is None and path.parent == project.content_dir and path.stem in ("taxonomy", "targets", "retired"):
        schema = path.stem
    return schema


def _yaml_sources(project, path: Path, display: str, wanted: set[str]) -> Iterable[tuple[str, str]]:
    from ..content.loader import load_yaml
    from ..content.privacy import _strings
    from ..content.schemas import field_label

    try:  # most files hold none of the numbers: only those that do are parsed for the field
        if not any(n.number in wanted for n in private_numbers(readable(path.read_text(encoding="utf-8", errors="replace")))):
            return
    except OSError:
        return
    loaded, problems = load_yaml(path)
    if problems:  # cannot be read as YAML: line by line
        yield from _text_sources(path, display)
        return
    schema = _record_schema(project, path)
    for field, text in _strings(loaded.data):
        for number in private_numbers(readable(text)):
            line, _ = loaded.where(field)
            label = field_label(schema, field) if schema else ".".join(map(str, field))
            yield number.number, f"{display}:{line}: {label}"


def _text_sources(path: Path, display: str) -> Iterable[tuple[str, str]]:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return
    for index, line in enumerate(lines, start=1):
        for number in private_numbers(readable(line)):
            yield number.number, f"{display}:{index}"


def trace_sources(project, wanted: set[str]) -> dict[str, list[str]]:
    """number -> where editors wrote it: records and settings (file:line: field), news posts and
    hand-written pages, mkdocs.yml and the theme's overrides (file:line), file names."""
    from ..content.loader import display_path
    from .writer import owned

    sources: dict[str, list[str]] = {}

    def add(found: Iterable[tuple[str, str]]) -> None:
        for number, where in found:
            sources.setdefault(number, [])
            if where not in sources[number]:
                sources[number].append(where)

    content_dir, docs_dir = Path(project.content_dir), Path(project.docs_dir)
    for path in sorted(content_dir.rglob("*")) if content_dir.is_dir() else ():
        display = display_path(path)
        add((n.number, f"{display}（文件名）") for n in private_numbers(path.relative_to(content_dir).as_posix()))
        if path.suffix == ".yaml" and path.is_file():
            add(_yaml_sources(project, path, display, wanted))
    for path in sorted(docs_dir.rglob("*")) if docs_dir.is_dir() else ():
        relative = path.relative_to(docs_dir).as_posix()
        if owned(relative) or not path.is_file():
            continue
        add((n.number, f"{display_path(path)}（文件名）") for n in private_numbers(relative))
        if path.suffix.lower() in TEXT_SUFFIXES:
            add(_text_sources(path, display_path(path)))
    root = Path(project.root)
    add(_text_sources(Path(project.config_file), display_path(Path(project.config_file))))
    for path in sorted((root / "overrides").rglob("*")) if (root / "overrides").is_dir() else ():
        if path.is_file() and path.suffix.lower() in TEXT_SUFFIXES:
            add(_text_sources(path, display_path(path)))
    return sources


def numbers_outside_records(content_dir: Path, docs_dir: Path, config_file: Path) -> list:
    """For `check`: the private numbers editors wrote outside the records (the records' own fields are
    scanned by the check itself, with consent): taxonomy.yaml, targets.yaml, retired.yaml, record file
    names, news posts and hand-written pages, mkdocs.yml. Otherwise only the build's guard would meet
    them, after `check` had said 检查通过."""
    from ..content import files
    from ..content.loader import display_path, load_yaml
    from ..content.privacy import _strings
    from ..content.problems import Problem
    from ..content.registry import TYPES
    from .writer import owned

    problems: list = []

    def refuse(path: Path, line: int, field: str, text: str) -> None:
        for number in private_numbers(readable(text)):
            advice = "个人手机号不能公开，请删除或改用单位办公电话" if number.kind == "手机号" else "个人身份证号不能公开，请删除"
            problems.append(
                Problem(display_path(path), line, 0, field, f"含有{number.kind} {number.masked}，会发布在网站上。{advice}")
            )

    content_dir, docs_dir = Path(content_dir), Path(docs_dir)
    for record_type in TYPES:  # a file name is an address: scandir, never a walk through links
        folder = content_dir / record_type.folder
        with os.scandir(folder) if folder.is_dir() else nullcontext(()) as entries:
            for entry in entries:
                refuse(Path(entry.path), 0, "文件名", entry.name)
    for name in ("taxonomy.yaml", "targets.yaml", "retired.yaml"):
        path = content_dir / name
        if path.is_file():
            loaded, unreadable = load_yaml(path)
            if not unreadable:  # a file that cannot be read is reported by the check already
                for field, text in _strings(loaded.data):
                    refuse(path, loaded.where(field)[0], ".".join(map(str, field)), text)
    pages = [Path(config_file)]
    for folder, subfolders, names in os.walk(docs_dir) if docs_dir.is_dir() else ():
        relative = Path(folder).relative_to(docs_dir).as_posix()
        subfolders[:] = sorted(d for d in subfolders if not owned(d if relative == "." else f"{relative}/{d}"))
        pages += [
            Path(folder) / f
            for f in sorted(names)
            if Path(f).suffix.lower() in (".md", ".html", ".yml", ".yaml", ".txt")
            and not owned(f if relative == "." else f"{relative}/{f}")
        ]
    for path in pages:
        try:  # through the reading layer: a FIFO or a device named *.md is never opened
            lines = files.read_bytes(path, PAGE_BYTES).decode("utf-8", errors="replace").splitlines()
        except (OSError, files.Refused):
            continue  # the news check, MkDocs or the build report such a file
        for index, line in enumerate(lines, start=1):
            refuse(path, index, "", line)
    return problems


def _generated_from(site_dir: Path, published: str) -> str | None:
    page = site_dir / published
    if page.suffix != ".html" or not page.is_file():
        return None
    match = _GENERATED_FROM.search(page.read_text(encoding="utf-8", errors="replace"))
    return match.group(1) if match else None


def messages(found: list[Found], project, site_dir: Path, exempt: dict[str, list[tuple[str, str]]] | None = None) -> list[str]:
    """One line per number and place it was written, naming where it would have been published.
    exempt: a consented number's business lines, not named as where it leaked from."""
    sources = trace_sources(project, {item.number for item in found})
    for number, places in (exempt or {}).items():
        if number in sources:
            sources[number] = [
                where
                for where in sources[number]
                if not any(where.startswith(f"{source}:") and where.endswith(f": {label}") for source, label in places)
            ]
            if not sources[number]:  # shown by another record's page: name that record
                own = tuple(source.replace(os.sep, "/") for source, _ in places)
                strays = [_generated_from(site_dir, f.published) for f in found if f.number == number]
                sources[number] = [
                    origin
                    for origin in dict.fromkeys(strays)
                    if origin and not any(source.endswith(origin) or origin.endswith(source) for source in own)
                ] or ["（找不到它写在哪个文件里）"]
    by_number: dict[str, list[Found]] = {}
    for item in found:
        by_number.setdefault(item.number, []).append(item)
    lines = []
    for number, items in by_number.items():
        first = items[0]
        places = "、".join(dict.fromkeys(item.published for item in items[:3])) + (
            f" 等 {len(items)} 处" if len(items) > 3 else ""
        )
        advice = "个人手机号不能公开，请删除或改用单位办公电话" if first.kind == "手机号" else "个人身份证号不能公开，请删除"
        written = sources.get(number) or [
            _generated_from(site_dir, first.published) or "（找不到它写在哪个文件里）"  # e.g. made up by a template
        ]
        for where in written:
            lines.append(f"{where}: 含有{first.kind} {first.masked}，会发布在 {places}。{advice}")
    return lines


def refuse_leaks(
    site_dir: Path,
    project,
    site: Site | None,
    search_records: Iterable | None = None,
    error: Callable[[str], Exception] = PublishedNumbers,
) -> None:
    """Raise error(message) when the site folder would publish a private number.
    search_records: what the search index was fed (made from the site when not given)."""
    if search_records is None and site is not None:
        from . import search_index

        search_records = search_index.search_records(site, Path(project.docs_dir))
    allowed = business_lines(site)
    found = scan_site(Path(site_dir), search_records or ())
    consented = {item.number for item in found if item.number in allowed}
    sources = trace_sources(project, consented) if consented else {}
    published = {
        number
        for number in consented
        if _consent_only(
            number, allowed[number], [f for f in found if f.number == number], sources.get(number, []), Path(site_dir)
        )
    }
    found = [item for item in found if item.number not in published]
    if found:
        exempt = {number: allowed[number] for number in consented}
        lines = messages(found, project, Path(site_dir), exempt)
        raise error("\n".join(lines + [f"发布前检查：网站文件里有 {len({f.number for f in found})} 个个人号码，没有发布。"]))
