"""Load and check all content; return every problem at once, or a Site ready to render.

What is checked where each field is comes from the schemas' annotations (see registry.py):
dates, taxonomy values, images, Markdown bodies, ids of other records."""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..parallel import parallel_map
from . import files, media
from .bodies import inspect_body
from .check_cache import CheckCache, file_key
from .fastpath import fast_load
from .fieldpaths import set_at, walk
from .loader import MAX_BYTES, Loaded, display_path, load_yaml
from .model import Record, Site, relations
from .privacy import scan_record
from .problems import Problem
from .registry import TYPES, RecordType
from .rules import RULES
from .schemas import annotated, field_label, validate_against_schema
from .taxonomy import Taxonomy
from .values import SHANGHAI, DateOutOfReach, invisible_note, is_date_only, parse_date, parse_datetime, phone_text

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{2,63}$")


@dataclass
class CheckResult:
    site: Site | None
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # published records per type
    drafts: int = 0


def _formats(type_name: str, *wanted: str) -> list[tuple[tuple, str]]:
    return [(path, value) for path, value in annotated(type_name, "x-format") if value in wanted]


@lru_cache(maxsize=1)
def year_range() -> tuple[int, int]:
    """The years a record's dates may fall in: those of the schemas' `year` (1990 to 2100)."""
    from .schemas import load_schema

    year = load_schema("_common")["$defs"]["year"]
    return year["minimum"], year["maximum"]


def _parse_dates(type_name: str, loaded: Loaded) -> list[Problem]:
    """Replace date strings by date/datetime objects; report malformed, impossible or unreachable ones."""
    problems = []
    first, last = year_range()
    for pattern, wanted in _formats(type_name, "date", "datetime"):
        for path, node in list(walk(loaded.data, pattern)):
            if not isinstance(node, str):
                continue
            text = node.strip()
            hint = schema_hint(type_name, path)
            line, column = loaded.where(path)

            def add(message: str) -> None:
                problems.append(Problem(loaded.file, line, column, field_label(type_name, path), message))

            try:
                value: Any = parse_datetime(text) if wanted == "datetime" else parse_date(text)
            except DateOutOfReach as err:
                add(str(err))
                continue
            except ValueError:
                what = "这个时间，请核对日期和钟点" if wanted == "datetime" and ":" in text else "这一天，请核对日期"
                add(f"日历上没有“{text}”{what}")
                continue
            if value is None:
                if wanted == "datetime" and is_date_only(text):
                    hint = f"请写上几点开始或结束，如“{text} 09:00”"
                add(f"“{text}”不是有效的时间。{hint}")
                continue
            if not first <= value.year <= last:
                add(f"“{text}”的年份不在 {first} 到 {last} 年之间，不会是本站记录的日期，请核对年份")
                continue
            set_at(loaded.data, path, value)
    return problems


def schema_hint(type_name: str, path: tuple) -> str:
    from .schemas import schema_at

    return schema_at(type_name, path).get("x-hint", "")


def resolve_taxonomy(type_name: str, loaded: Loaded, taxonomy: Taxonomy) -> list[Problem]:
    """Replace each value drawn from a controlled list by its entry; report unknown ones."""
    problems = []
    data = loaded.data
    for pattern, list_name in annotated(type_name, "x-taxonomy"):
        if "*" not in pattern and _is_list_field(type_name, pattern):
            for path, value in list(walk(data, pattern[:-1])):
                if isinstance(value, dict) and isinstance(value.get(pattern[-1]), str):
                    value[pattern[-1]] = [value[pattern[-1]]]  # `audience: 一个值`: a list of one
        for path, value in list(walk(data, pattern)):
            entry = taxonomy.get(list_name, value)
            if entry is None:
                line, column = loaded.where(path)
                problems.append(
                    Problem(
                        loaded.file,
                        line,
                        column,
                        field_label(type_name, path),
                        taxonomy.unknown_message(list_name, value, _is_list_field(type_name, pattern)),
                    )
                )
            else:
                set_at(data, path, entry)
    return problems


@lru_cache(maxsize=None)
def _is_list_field(type_name: str, pattern: tuple) -> bool:
    from .schemas import schema_at

    node = schema_at(type_name, pattern)
    return node.get("type") == "array" or any(o.get("type") == "array" for o in node.get("anyOf", []))


def repeated_items(type_name: str, loaded: Loaded) -> list[Problem]:
    """A list that names the same record or list entry twice (the records a record links to, its
    modes): the second time is an error, whether written as the same id or as id and name."""
    problems = []
    for pattern, _ in (*annotated(type_name, "x-ref"), *annotated(type_name, "x-taxonomy")):
        seen: dict[tuple, int] = {}
        for path, value in walk(loaded.data, pattern):
            if not path or not isinstance(path[-1], int):
                continue
            key = (path[:-1], getattr(value, "id", None) or str(value).strip())
            if key in seen:
                line, column = loaded.where(path)
                problems.append(
                    Problem(
                        loaded.file,
                        line,
                        column,
                        field_label(type_name, path),
                        f"“{value}”和第 {seen[key] + 1} 项重复了：同一个列表里每项只能写一次，请删去这一项",
                    )
                )
            else:
                seen[key] = path[-1]
    return problems


def _resolve_images(record_type: RecordType, loaded: Loaded, content_dir: Path) -> list[Problem]:
    problems = []
    schema = record_type.name
    for pattern, form in _formats(schema, "image", "image-path"):
        for path, value in list(walk(loaded.data, pattern)):
            if form == "image-path":  # a bare path; its alt text comes from the record's name
                src, alt, at = value, f"{loaded.data.get(record_type.title_field, '')}的标志", path
            else:
                src, alt, at = value.get("src", ""), value.get("alt", ""), path + ("src",)
            try:
                set_at(loaded.data, path, media.resolve(content_dir, src, alt))
            except media.MediaError as err:
                line, column = loaded.where(at)
                problems.append(Problem(loaded.file, line, column, field_label(schema, at), str(err)))
    return problems


def _check_bodies(record: Record, loaded: Loaded, content_dir: Path) -> list[Problem]:
    """Markdown bodies: what the sanitiser would drop is an error; their images are resolved."""
    problems = []
    schema = record.type.name
    for pattern, _ in _formats(schema, "markdown"):
        for path, value in walk(record.fields, pattern):
            if not isinstance(value, str):
                continue
            issues, images = inspect_body(value)
            for found in [*issues, *images]:
                message = getattr(found, "message", None)
                if message is None:
                    try:
                        record.body_images[found.src.strip()] = media.resolve(content_dir, found.src, found.alt)
                        continue
                    except media.MediaError as err:
                        message = f"正文里的图片：{err}"
                line, column = loaded.where_in(path, value, found.offset)
                problems.append(Problem(loaded.file, line, column, field_label(schema, path), message))
    return problems


def _rules(record: Record, loaded: Loaded) -> list[Problem]:
    problems = []
    for rule in record.type.rules:
        for path, message in RULES[rule](record):
            line, column = loaded.where(path)
            problems.append(Problem(loaded.file, line, column, field_label(record.type.name, path), message))
    return problems


def _bad_file_name(path: Path) -> list[Problem]:
    if ID_PATTERN.match(path.stem):
        return []
    return [
        Problem(
            display_path(path),
            0,
            0,
            "",
            (
                f"文件名“{path.name}”不能用作编号：只能用小写英文字母、数字和连字符（-），3 到 64 个字符，"
                "且以字母或数字开头，如 tengzhou-nongpin.yaml"
            ),
        )
    ]


def check_loaded(
    record_type: RecordType, path: Path, loaded: Loaded, taxonomy: Taxonomy | None, content_dir: Path, problems: list[Problem]
) -> tuple[Record, list[Problem]]:
    """Every rule after the schema, the same for the fast and the careful path: dates, taxonomy,
    images, bodies, the type's rules and the private-number scan."""
    schema = record_type.name
    for at, value in [found for pattern, _ in _formats(schema, "phone") for found in walk(loaded.data, pattern)]:
        if isinstance(value, str):
            set_at(loaded.data, at, phone_text(value))  # ０６３２－… dials only as 0632-…
    # Before images and taxonomy values become objects: an image's alt text and file name are text too.
    privacy = [] if loaded.data.get("draft") else scan_record(schema, loaded)
    problems = problems + _parse_dates(schema, loaded)
    if taxonomy is not None:
        problems += resolve_taxonomy(schema, loaded, taxonomy)
    if not problems:
        problems += repeated_items(schema, loaded)
    if not problems:
        problems += _resolve_images(record_type, loaded, content_dir)
    record = Record(record_type, path.stem, loaded.file, loaded.data, path=path)
    if not problems:
        problems += _check_bodies(record, loaded, content_dir)
        problems += _rules(record, loaded)
    return record, problems + privacy


def load_record(
    record_type: RecordType, path: Path, taxonomy: Taxonomy | None, content_dir: Path, raw: bytes | None = None
) -> tuple[Record | None, Loaded | None, list[Problem]]:
    """The careful path: every problem of one file with its line, column and Chinese message."""
    problems = _bad_file_name(path)
    if problems:
        return None, None, problems
    loaded, problems = load_yaml(path, raw, root=path.parent.parent)  # the content folder holding the type's folder
    if problems:
        return None, None, problems
    problems = validate_against_schema(record_type.name, loaded)
    record, problems = check_loaded(record_type, path, loaded, taxonomy, content_dir, problems)
    return record, loaded, problems


def check_file(
    record_type: RecordType, path: Path, taxonomy: Taxonomy | None, content_dir: Path, raw: bytes | None = None
) -> tuple[Record | None, list[Problem]]:
    """One record file (raw: its bytes, when already read): the fast path when it is right, else
    the careful path for the messages."""
    if taxonomy is not None and not _bad_file_name(path):
        loaded = fast_load(path, record_type.name, raw)
        if loaded is not None:
            record, problems = check_loaded(record_type, path, loaded, taxonomy, content_dir, [])
            if not problems:
                return record, []
    record, _, problems = load_record(record_type, path, taxonomy, content_dir, raw)
    return record, problems


PARALLEL_FROM = 400  # files; below this, starting processes costs more than it saves


def check_files(
    jobs: list[tuple[RecordType, Path]], taxonomy: Taxonomy | None, content_dir: Path
) -> list[tuple[Record | None, list[Problem]]]:
    """check_file for every job, on every core when there are many (results in the jobs' order).
    A record whose file passed before, byte for byte, comes from the cache (check_cache.py); every
    other file is checked, and kept for next time when it passes. Without a taxonomy nothing passes,
    so nothing is cached."""
    cache = CheckCache(content_dir) if taxonomy is not None else None
    results: list[tuple[Record | None, list[Problem]] | None] = [None] * len(jobs)
    missing: list[tuple[int, str | None, bytes | None]] = []
    inside = {folder: files.inside(folder, content_dir) for folder in {path.parent for _, path in jobs}}
    for position, (_, path) in enumerate(jobs):
        try:
            raw: bytes | None = files.read_bytes(path, MAX_BYTES, content_dir, inside[path.parent])
        except files.Refused as refused:
            results[position] = (None, [Problem(display_path(path), 0, 0, "", str(refused))])
            continue
        key = file_key(path, raw) if cache is not None and raw is not None else None
        record = cache.get(key) if key else None
        if record is None:
            missing.append((position, key, raw))
        else:
            record.source, record.path = display_path(path), path  # as shown from here
            results[position] = (record, [])
    # the very bytes that were hashed are checked (an editor may save while a check runs)
    checked = parallel_map(lambda job: check_file(*jobs[job[0]], taxonomy, content_dir, job[2]), missing, least=PARALLEL_FROM)
    for (position, key, _), (record, problems) in zip(missing, checked):
        results[position] = (record, problems)
        if key and record is not None and not problems:
            cache.put(key, record)
    if cache is not None:
        cache.save()
    return results  # type: ignore[return-value]


def identical_records(records: dict[str, list[Record]]) -> list[Problem]:
    """Two files of a type holding the same record under different names (a copy saved as a new
    file and never changed, or a rename that kept the old file): the same record twice on the
    site. Compared as read (comments, order and quoting aside), so a copy with a new comment counts."""
    problems = []
    for found in records.values():
        by_title: dict[str, list[Record]] = {}
        for record in found:
            by_title.setdefault(str(record.get(record.type.title_field)), []).append(record)
        first: dict[str, Record] = {}
        for record in sorted((r for alike in by_title.values() if len(alike) > 1 for r in alike), key=lambda r: r.id):
            key = repr(sorted(record.fields.items()))
            if key not in first:
                first[key] = record
                continue
            other = first[key]
            problems.append(
                Problem(
                    record.source,
                    0,
                    0,
                    "",
                    f"和 {other.source} 的内容一模一样，只有文件名不同：同一条记录会在网站上出现两次。"
                    f"请删去其中一个；如果是改了文件名，请删去旧文件，并在新文件里写上 redirect_from: [{other.id}]",
                )
            )
    return problems


def record_files(folder: Path) -> tuple[list[Path], list[Problem]]:
    if not folder.is_dir():
        return [], []
    if not files.inside(folder, folder.parent):  # a type's folder linked elsewhere (/etc, /)
        return [], [
            Problem(
                display_path(folder),
                0,
                0,
                "",
                f"这个文件夹是指向项目以外（{os.path.realpath(folder)}）的链接，不能读取。请放入真正的文件夹",
            )
        ]
    paths, problems = [], []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.is_dir():
            if path.suffix.lower() in (".yaml", ".yml"):
                problems.append(
                    Problem(display_path(path), 0, 0, "", "这是一个文件夹，不是记录文件。请删去它，或把记录文件放在它外面")
                )
            continue
        if path.suffix == ".yaml":
            paths.append(path)
        elif path.suffix.lower() in (".yml", ".yaml"):
            problems.append(
                Problem(display_path(path), 0, 0, "", f"扩展名请统一改成小写的 .yaml（现在是 {path.suffix}），否则不会被读取")
            )
        elif _SAVED_AS_TEXT.search(path.name):
            base = _SAVED_AS_TEXT.sub("", path.name)
            problems.append(
                Problem(
                    display_path(path),
                    0,
                    0,
                    "",
                    f"文件名多了“{path.name[len(base) :]}”（记事本保存时常会加上），这个文件不会被读取。"
                    f"请把它改名为“{base}.yaml”（在资源管理器里先打开“查看→文件扩展名”才能看到完整的名字）",
                )
            )
    return paths, problems


# `x.yaml.txt`, `x.yml.txt`, `x.yaml .txt`: what Notepad saves when "Save as type" is left on text
_SAVED_AS_TEXT = re.compile(r"\.ya?ml\s*\.(?:txt|text)$", re.IGNORECASE)


def reference_problems(record: Record, loaded: Loaded, find, unreadable=frozenset()) -> list[Problem]:
    """Every id the record points at (x-ref) must name a record of that type, published if this
    one is. find(type name, id) returns the record with that id, or None. unreadable: the (type
    name, id) of files that are there but could not be read, which have their own message."""
    from .registry import BY_NAME

    problems = []
    for pattern, target in relations(record.type.name):
        target_type = BY_NAME[target]
        for path, target_id in walk(record.fields, pattern):
            other = find(target, target_id)
            message = None
            if other is None and (target, target_id) in unreadable:
                continue  # the file is there; its own problems say why it could not be read
            if other is None and invisible_note(target_id):
                continue  # the schema's id pattern has named the invisible character
            if other is None:
                message = (
                    f"找不到编号为“{target_id}”的{target_type.short}。请填 content/{target_type.folder}/ 下的文件名（不含 .yaml）"
                )
            elif other.get("draft") and not record.get("draft"):
                message = (
                    f"{target_type.short}“{target_id}”还是草稿，没有发布，链接会失效。请先发布该{target_type.short}，或删去这一项"
                )
            if message:
                line, column = loaded.where(path)
                problems.append(Problem(loaded.file, line, column, field_label(record.type.name, path), message))
    return problems


def _positions(record: Record) -> Loaded:
    """Where each value of a record is: read again from its file (only when a problem needs it)."""
    loaded, _ = load_yaml(record.path, root=record.path.parent.parent)
    loaded.data = record.fields
    return loaded


def check_references(records: dict[str, list[Record]], unreadable=frozenset()) -> list[Problem]:
    known = {name: {r.id: r for r in found} for name, found in records.items()}
    find = lambda t, i: known.get(t, {}).get(i)  # noqa: E731
    problems = []
    for found in records.values():
        for record in found:
            plain = Loaded(record.source, record.fields)
            if reference_problems(record, plain, find, unreadable):  # rare: look the lines up
                problems += reference_problems(record, _positions(record), find, unreadable)
    return problems


FUTURE_YEARS = 2  # a class is announced months ahead, a story once it has happened


def far_future_dates(records: dict[str, list[Record]], today: dt.date) -> list[Problem]:
    """Dates no campaign can have yet: more than FUTURE_YEARS after today (a story published in
    2046 is a typo of 2026). Checked on every run, as "today" moves (the cache keeps no such fact)."""
    limit = (
        today.replace(year=today.year + FUTURE_YEARS)
        if not (today.month == 2 and today.day == 29)
        else today + dt.timedelta(days=730)
    )
    problems = []
    for name, found in records.items():
        patterns = _formats(name, "date", "datetime")
        for record in found:
            for pattern, _ in patterns:
                for path, value in walk(record.fields, pattern):
                    day = value.date() if isinstance(value, dt.datetime) else value
                    if isinstance(day, dt.date) and day > limit:
                        line, column = _positions(record).where(path)
                        problems.append(
                            Problem(
                                record.source,
                                line,
                                column,
                                field_label(name, path),
                                f"{day.isoformat()} 比今天（{today.isoformat()}）晚了 {day.year - today.year} 年，"
                                f"本站的记录不会有这么远的日期（最多 {FUTURE_YEARS} 年后）。请核对年份",
                            )
                        )
    return problems


def old_id_problems(record_id: str, source: str, old_ids: Any, claimed: dict[str, str]) -> list[tuple[int, str]]:
    """The rule for a record's old ids (redirect_from), for `check` and for the import alike: an old
    id is not the record's own id, nor listed twice, nor an id or old id another file holds: one
    address cannot lead to two places. claimed: every id and old id taken so far -> the
    file holding it; the record's free old ids are added to it. Returns (index in the list, message)."""
    problems = []
    listed: set[str] = set()
    for index, old in enumerate(old_ids if isinstance(old_ids, list) else []):
        if old == record_id:
            problems.append((index, "旧编号和现在的编号相同，请删去这一项"))
        elif old in listed:
            problems.append((index, f"旧编号“{old}”写了两次，请删去一个"))
        elif claimed.get(old, source) != source:
            problems.append((index, f"旧编号“{old}”已被 {claimed[old]} 使用，同一个网址不能指向两处"))
        else:
            claimed[old] = source
            listed.add(old)
    return problems


def check_redirects(records: dict[str, list[Record]]) -> list[Problem]:
    problems = []
    for name, found in records.items():
        claimed: dict[str, str] = {r.id: r.source for r in found}
        for record in found:
            for index, message in old_id_problems(record.id, record.source, record.get("redirect_from"), claimed):
                path = ("redirect_from", index)
                line, column = _positions(record).where(path)
                problems.append(Problem(record.source, line, column, field_label(name, path), message))
    return problems


def _twice_in_taxonomy(loaded: Loaded) -> list[Problem]:
    """Two entries of a list with the same id or the same name: a value would mean either."""
    problems = []
    for list_name, entries in loaded.data.items():
        seen: dict[str, int] = {}
        for index, entry in enumerate(entries if isinstance(entries, list) else []):
            for key in ("id", "name"):
                text = str(entry.get(key, "")).strip().casefold() if isinstance(entry, dict) else ""
                if not text:
                    continue
                if (key, text) in seen:
                    before = seen[(key, text)]
                    first_line = loaded.where((list_name, before, key))[0]
                    line, column = loaded.where((list_name, index, key))
                    problems.append(
                        Problem(
                            loaded.file,
                            line,
                            column,
                            field_label("taxonomy", (list_name, index, key)),
                            f"{list_name} 的第 {before + 1} 项（第 {first_line} 行）和第 {index + 1} 项（第 {line} 行）"
                            f"的{'编号' if key == 'id' else '名称'}都是“{entry[key]}”：写这个值时不知道指哪一项。请改掉或删去其中一项",
                        )
                    )
                else:
                    seen[(key, text)] = index
    return problems


def _bounds_crossed(loaded: Loaded) -> list[Problem]:
    """targets.yaml: an aim whose `at_most` is below its `at_least` can never be met."""
    problems = []
    for name, aim in (loaded.data.get("aims") or {}).items():
        if isinstance(aim, dict) and isinstance(aim.get("at_most"), int) and isinstance(aim.get("at_least"), int):
            if aim["at_most"] < aim["at_least"]:
                line, column = loaded.where(("aims", name, "at_most"))
                problems.append(
                    Problem(
                        loaded.file,
                        line,
                        column,
                        field_label("targets", ("aims", name, "at_most")),
                        f"至多 {aim['at_most']} 比至少 {aim['at_least']} 还小，这个目标永远达不到。请核对这两个数",
                    )
                )
    return problems


def load_settings(content_dir: Path) -> tuple[Taxonomy | None, dict, list[Problem]]:
    """taxonomy.yaml and targets.yaml: the controlled lists, and the policy's targets and aims."""
    problems: list[Problem] = []
    taxonomy, targets = None, {}
    for name in ("taxonomy", "targets"):
        path = content_dir / f"{name}.yaml"
        if not path.exists():
            problems.append(Problem(display_path(path), 0, 0, "", f"缺少文件 {name}.yaml"))
            continue
        loaded, found = load_yaml(path, root=content_dir)
        if not found:
            found = validate_against_schema(name, loaded) + _parse_dates(name, loaded)
        if not found:
            found = _twice_in_taxonomy(loaded) if name == "taxonomy" else _bounds_crossed(loaded)
        if not found and name == "taxonomy":
            taxonomy = Taxonomy.from_data(loaded.data)
        elif not found:
            found = resolve_taxonomy(name, loaded, taxonomy) if taxonomy else []
            targets = loaded.data
        problems += found
    return taxonomy, targets, problems


def check_content(content_dir: Path, today: dt.date | None = None, site: bool = True) -> CheckResult:
    """Load and validate everything under content_dir. A Site is returned only when all is well
    (and asked for: `check` alone needs none, and sorting 12,500 records costs)."""
    content_dir = Path(content_dir)
    today = today or dt.datetime.now(SHANGHAI).date()
    taxonomy, targets, problems = load_settings(content_dir)

    jobs: list[tuple[RecordType, Path]] = []
    for record_type in TYPES:
        paths, found = record_files(content_dir / record_type.folder)
        problems += found
        jobs += [(record_type, path) for path in paths]
    records: dict[str, list[Record]] = {t.name: [] for t in TYPES}
    unreadable = set()
    for (record_type, path), (record, found) in zip(jobs, check_files(jobs, taxonomy, content_dir)):
        problems += found
        if record is not None:  # kept even with problems: a story may still point at it
            records[record.type.name].append(record)
        else:
            unreadable.add((record_type.name, path.stem))
    problems += check_references(records, unreadable)
    problems += check_redirects(records)
    problems += far_future_dates(records, today)
    problems += identical_records(records)

    counts = {name: sum(1 for r in found if not r.get("draft")) for name, found in records.items()}
    drafts = sum(1 for found in records.values() for r in found if r.get("draft"))
    if problems or taxonomy is None or not site:
        return CheckResult(None, sorted(set(problems)), counts, drafts)
    published = Site(taxonomy, targets, today)
    for found in records.values():
        for record in found:
            if not record.get("draft"):
                published.add(record)
    published.sort()
    return CheckResult(published, [], counts, drafts)
