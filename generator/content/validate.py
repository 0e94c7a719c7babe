"""Load and check all content; return every problem at once, or a Site ready to render.

What is checked where each field is comes from the schemas' annotations (see registry.py):
dates, taxonomy values, images, Markdown bodies, ids of other records."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..cores import map_on_cores
from . import media
from .bodies import inspect_body
from .check_cache import CheckCache, file_key
from .fastpath import fast_load
from .fieldpaths import set_at, walk
from .loader import Loaded, display_path, load_yaml
from .model import Record, Site, relations
from .privacy import scan_record
from .problems import Problem
from .registry import TYPES, RecordType
from .rules import RULES
from .schemas import annotated, field_label, validate_against_schema
from .taxonomy import Taxonomy
from .values import SHANGHAI, is_date_only, parse_date, parse_datetime

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{2,63}$")


@dataclass
class CheckResult:
    site: Site | None
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # published records per type
    drafts: int = 0


def _formats(schema: str, *wanted: str) -> list[tuple[tuple, str]]:
    return [(path, value) for path, value in annotated(schema, "x-format") if value in wanted]


def _parse_dates(schema: str, loaded: Loaded) -> list[Problem]:
    """Replace date strings by date/datetime objects; report malformed or impossible ones."""
    problems = []
    for pattern, wanted in _formats(schema, "date", "datetime"):
        for path, node in list(walk(loaded.data, pattern)):
            if not isinstance(node, str):
                continue
            text = node.strip()
            hint = schema_hint(schema, path)
            line, column = loaded.where(path)
            try:
                value: Any = parse_datetime(text) if wanted == "datetime" else parse_date(text)
            except ValueError:
                what = "这个时间，请核对日期和钟点" if wanted == "datetime" and ":" in text else "这一天，请核对日期"
                problems.append(Problem(loaded.file, line, column, field_label(schema, path), f"日历上没有“{text}”{what}"))
                continue
            if value is None:
                if wanted == "datetime" and is_date_only(text):
                    hint = f"请写上几点开始或结束，如“{text} 09:00”"
                problems.append(Problem(loaded.file, line, column, field_label(schema, path), f"“{text}”不是有效的时间。{hint}"))
                continue
            set_at(loaded.data, path, value)
    return problems


def schema_hint(schema: str, path: tuple) -> str:
    from .schemas import schema_at

    return schema_at(schema, path).get("x-hint", "")


def resolve_taxonomy(schema: str, loaded: Loaded, taxonomy: Taxonomy) -> list[Problem]:
    """Replace each value drawn from a controlled list by its entry; report unknown ones."""
    problems = []
    data = loaded.data
    for pattern, list_name in annotated(schema, "x-taxonomy"):
        if "*" not in pattern and _is_list_field(schema, pattern):
            for path, value in list(walk(data, pattern[:-1])):
                if isinstance(value, dict) and isinstance(value.get(pattern[-1]), str):
                    value[pattern[-1]] = [value[pattern[-1]]]  # `audience: 一个值`: a list of one
        for path, value in list(walk(data, pattern)):
            entry = taxonomy.get(list_name, value)
            if entry is None:
                line, column = loaded.where(path)
                problems.append(
                    Problem(loaded.file, line, column, field_label(schema, path), taxonomy.unknown_message(list_name, value))
                )
            else:
                set_at(data, path, entry)
    return problems


@lru_cache(maxsize=None)
def _is_list_field(schema: str, pattern: tuple) -> bool:
    from .schemas import schema_at

    node = schema_at(schema, pattern)
    return node.get("type") == "array" or any(o.get("type") == "array" for o in node.get("anyOf", []))


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
    problems = problems + _parse_dates(schema, loaded)
    if taxonomy is not None:
        problems += resolve_taxonomy(schema, loaded, taxonomy)
    if not problems:
        problems += _resolve_images(record_type, loaded, content_dir)
    record = Record(record_type, path.stem, loaded.file, loaded.data, path=path)
    if not problems:
        problems += _check_bodies(record, loaded, content_dir)
        problems += _rules(record, loaded)
    if not record.get("draft"):
        problems += scan_record(schema, loaded)
    return record, problems


def load_record(
    record_type: RecordType, path: Path, taxonomy: Taxonomy | None, content_dir: Path, raw: bytes | None = None
) -> tuple[Record | None, Loaded | None, list[Problem]]:
    """The careful path: every problem of one file with its line, column and Chinese message."""
    problems = _bad_file_name(path)
    if problems:
        return None, None, problems
    loaded, problems = load_yaml(path, raw)
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
    for position, (_, path) in enumerate(jobs):
        try:
            raw: bytes | None = path.read_bytes()
        except OSError:
            raw = None
        key = file_key(path, raw) if cache is not None and raw is not None else None
        record = cache.get(key) if key else None
        if record is None:
            missing.append((position, key, raw))
        else:
            record.source, record.path = display_path(path), path  # as shown from here
            results[position] = (record, [])
    # the very bytes that were hashed are checked (an editor may save while a check runs)
    checked = map_on_cores(lambda job: check_file(*jobs[job[0]], taxonomy, content_dir, job[2]), missing, least=PARALLEL_FROM)
    for (position, key, _), (record, problems) in zip(missing, checked):
        results[position] = (record, problems)
        if key and record is not None and not problems:
            cache.put(key, record)
    if cache is not None:
        cache.save()
    return results  # type: ignore[return-value]


def record_files(folder: Path) -> tuple[list[Path], list[Problem]]:
    if not folder.is_dir():
        return [], []
    files, problems = [], []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.is_dir():
            continue
        if path.suffix == ".yaml":
            files.append(path)
        elif path.suffix.lower() in (".yml", ".yaml"):
            problems.append(
                Problem(display_path(path), 0, 0, "", f"扩展名请统一改成小写的 .yaml（现在是 {path.suffix}），否则不会被读取")
            )
    return files, problems


def reference_problems(record: Record, loaded: Loaded, find) -> list[Problem]:
    """Every id the record points at (x-ref) must name a record of that type, published if this
    one is. find(type name, id) returns the record with that id, or None."""
    from .registry import BY_NAME

    problems = []
    for pattern, target in relations(record.type.name):
        target_type = BY_NAME[target]
        for path, target_id in walk(record.fields, pattern):
            other = find(target, target_id)
            message = None
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
    loaded, _ = load_yaml(record.path)
    loaded.data = record.fields
    return loaded


def check_references(records: dict[str, list[Record]]) -> list[Problem]:
    known = {name: {r.id: r for r in found} for name, found in records.items()}
    find = lambda t, i: known.get(t, {}).get(i)  # noqa: E731
    problems = []
    for found in records.values():
        for record in found:
            plain = Loaded(record.source, record.fields)
            if reference_problems(record, plain, find):  # rare: look the lines up
                problems += reference_problems(record, _positions(record), find)
    return problems


def check_redirects(records: dict[str, list[Record]]) -> list[Problem]:
    problems = []
    for name, found in records.items():
        claimed: dict[str, str] = {r.id: r.source for r in found}
        for record in found:
            old_ids = record.get("redirect_from")
            for index, old in enumerate(old_ids if isinstance(old_ids, list) else []):
                path = ("redirect_from", index)
                message = None
                if old == record.id:
                    message = "旧编号和现在的编号相同，请删去这一项"
                elif old in claimed:
                    message = f"旧编号“{old}”已被 {claimed[old]} 使用，同一个网址不能指向两处"
                else:
                    claimed[old] = record.source
                if message:
                    line, column = _positions(record).where(path)
                    problems.append(Problem(record.source, line, column, field_label(name, path), message))
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
        loaded, found = load_yaml(path)
        if not found:
            found = validate_against_schema(name, loaded) + _parse_dates(name, loaded)
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
        files, found = record_files(content_dir / record_type.folder)
        problems += found
        jobs += [(record_type, path) for path in files]
    records: dict[str, list[Record]] = {t.name: [] for t in TYPES}
    for record, found in check_files(jobs, taxonomy, content_dir):
        problems += found
        if record is not None:  # kept even with problems: a story may still point at it
            records[record.type.name].append(record)
    problems += check_references(records)
    problems += check_redirects(records)

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
