"""Load and check all content; return every problem at once, or a Site ready to render."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator
from zoneinfo import ZoneInfo

from . import media
from .loader import Loaded, display_path, load_yaml
from .model import SECTIONS, Record, Site
from .bodies import inspect_body
from .privacy import scan_record
from .problems import Problem
from .schema import RECORD_TYPES, field_label, schema_at, validate_against_schema
from .status import training_status
from .taxonomy import Taxonomy

SHANGHAI = ZoneInfo("Asia/Shanghai")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{2,63}$")

# Which fields hold taxonomy values: (path with "*" for every list item, taxonomy list).
TAXONOMY_FIELDS = {
    "enterprise": [(("district",), "districts"), (("industry",), "industries"), (("modes", "*"), "modes"),
                   (("programs", "*"), "programs"), (("recognitions", "*", "level"), "levels"),
                   (("shops", "*", "platform"), "platforms")],
    "case": [(("district",), "districts"), (("industry",), "industries"), (("platforms", "*"), "platforms")],
    "training": [(("audience", "*"), "audiences"), (("venue", "district"), "districts")],
}

# Image fields: (path, whether the value is a bare path whose alt text comes from the name).
IMAGE_FIELDS = {
    "enterprise": [(("logo",), True), (("photos", "*"), False)],
    "case": [(("person", "photo"), False)],
    "training": [],
}

# Dates and times as editors, spreadsheets and web forms write them (ISO 8601 and the plain
# `2027-03-15 09:00`): a time with an offset or Z is converted to Beijing time, one without is
# Beijing time. Full-width digits and colons from an input method are read as ASCII ones.
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DATETIME = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,6})\d*)?)?"
                       r"\s*(Z|[+-]\d{2}(?::?\d{2})?)?$", re.IGNORECASE)
_MIDNIGHT = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})[ T]0{1,2}:00(?::00(?:\.0+)?)?$")
_DATE_TEXT = str.maketrans("０１２３４５６７８９：－", "0123456789:-")


def _offset(text: str | None) -> dt.tzinfo:
    if not text:
        return SHANGHAI
    if text.upper() == "Z":
        return dt.timezone.utc
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return dt.timezone(sign * dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0)))


def parse_datetime(text: str) -> dt.datetime | None:
    """`2027-04-02T01:00:00.000Z` -> 2027-04-02 09:00 Beijing time; None if not a time at all.
    Raises ValueError for a time that does not exist (2027-02-30 09:00)."""
    match = _DATETIME.match(text.translate(_DATE_TEXT).strip())
    if not match:
        return None
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    micro = int((fraction or "0").ljust(6, "0"))
    value = dt.datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0), micro,
                        tzinfo=_offset(zone))
    return value.astimezone(SHANGHAI).replace(microsecond=0)


def parse_date(text: str) -> dt.date | None:
    """`2027-03-15`, or a spreadsheet's `2027-03-15 00:00:00`; None if not a date."""
    text = text.translate(_DATE_TEXT).strip()
    midnight = _MIDNIGHT.match(text)
    match = _DATE.match(midnight.group(1) if midnight else text)
    return dt.date(*(int(n) for n in match.groups())) if match else None


@dataclass
class CheckResult:
    site: Site | None
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # published records per type
    drafts: int = 0


def _walk(data: Any, pattern: tuple, path: tuple = ()) -> Iterator[tuple[tuple, Any]]:
    """(path, value) for every value matching pattern; "*" matches each list item."""
    if not pattern:
        yield path, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        if isinstance(data, list):
            for index, item in enumerate(data):
                yield from _walk(item, rest, path + (index,))
        elif data is not None:  # `audience: 一个值` is allowed where a list is
            yield from _walk(data, rest, path)
    elif isinstance(data, dict) and head in data:
        yield from _walk(data[head], rest, path + (head,))


def _set(data: Any, path: tuple, value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def _parse_dates(kind: str, loaded: Loaded) -> list[Problem]:
    """Replace date strings by date/datetime objects; report malformed or impossible ones."""
    problems = []

    def visit(node: Any, path: tuple) -> None:
        if isinstance(node, dict):
            for key, value in list(node.items()):
                visit(value, path + (key,))
            return
        if isinstance(node, list):
            for index, value in enumerate(node):
                visit(value, path + (index,))
            return
        wanted = schema_at(kind, path).get("x-format")
        if wanted not in ("date", "datetime") or not isinstance(node, str):
            return
        text = node.strip()
        hint = schema_at(kind, path).get("x-hint", "")
        line, column = loaded.where(path)
        try:
            value: Any = parse_datetime(text) if wanted == "datetime" else parse_date(text)
        except ValueError:
            what = "这个时间，请核对日期和钟点" if wanted == "datetime" and ":" in text else "这一天，请核对日期"
            problems.append(Problem(loaded.file, line, column, field_label(kind, path), f"日历上没有“{text}”{what}"))
            return
        if value is None:
            if wanted == "datetime" and _DATE.match(text.translate(_DATE_TEXT)):
                hint = f"请写上几点开始或结束，如“{text} 09:00”"
            problems.append(Problem(loaded.file, line, column, field_label(kind, path), f"“{text}”不是有效的时间。{hint}"))
            return
        _set(loaded.data, path, value)

    visit(loaded.data, ())
    return problems


def _resolve_taxonomy(kind: str, loaded: Loaded, taxonomy: Taxonomy) -> list[Problem]:
    problems = []
    data = loaded.data
    if kind == "training" and isinstance(data.get("audience"), str):
        data["audience"] = [data["audience"]]
    for pattern, list_name in TAXONOMY_FIELDS[kind]:
        for path, value in list(_walk(data, pattern)):
            entry = taxonomy.get(list_name, value)
            if entry is None:
                line, column = loaded.where(path)
                problems.append(Problem(loaded.file, line, column, field_label(kind, path),
                                        taxonomy.unknown_message(list_name, value)))
            else:
                _set(data, path, entry)
    return problems


def _resolve_images(kind: str, loaded: Loaded, content_dir: Path) -> list[Problem]:
    problems = []
    for pattern, bare in IMAGE_FIELDS[kind]:
        for path, value in list(_walk(loaded.data, pattern)):
            if bare:
                src, alt, at = value, f"{loaded.data.get('name', '')}的标志", path
            else:
                src, alt, at = value.get("src", ""), value.get("alt", ""), path + ("src",)
            try:
                _set(loaded.data, path, media.resolve(content_dir, src, alt))
            except media.MediaError as err:
                line, column = loaded.where(at)
                problems.append(Problem(loaded.file, line, column, field_label(kind, at), str(err)))
    return problems


def _check_bodies(record: Record, loaded: Loaded, content_dir: Path) -> list[Problem]:
    """Markdown bodies: what the sanitiser would drop is an error; their images are resolved."""
    problems = []
    for name, value in record.fields.items():
        if not isinstance(value, str) or schema_at(record.kind, (name,)).get("x-format") != "markdown":
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
            line, column = loaded.where_in((name,), value, found.offset)
            problems.append(Problem(loaded.file, line, column, field_label(record.kind, (name,)), message))
    return problems


def _record_rules(record: Record, loaded: Loaded) -> list[Problem]:
    """Rules within one record that a schema cannot express."""
    problems = []

    def add(path: tuple, message: str) -> None:
        line, column = loaded.where(path)
        problems.append(Problem(loaded.file, line, column, field_label(record.kind, path), message))

    if record.kind == "training":
        start, end = record.get("start"), record.get("end")
        if isinstance(start, dt.datetime) and isinstance(end, dt.datetime) and end <= start:
            add(("end",), "结束时间必须晚于开始时间，请核对两个时间")
        deadline = (record.get("registration") or {}).get("deadline")
        if isinstance(deadline, dt.date) and isinstance(end, dt.datetime) and deadline > end.date():
            add(("registration", "deadline"), "报名截止日期晚于培训结束日期，请核对")
    if record.kind == "case" and not record.get("draft"):
        person = record.get("person") or {}
        if person.get("consent") is not True:
            add(("person", "consent"), "未取得本人同意，不能公开姓名和照片。取得书面同意后改为 true，或加上“draft: true”暂不发布")
    return problems


def load_record(kind: str, path: Path, taxonomy: Taxonomy | None, content_dir: Path) -> tuple[Record | None, Loaded | None, list[Problem]]:
    record_id = path.stem
    file = display_path(path)
    if not ID_PATTERN.match(record_id):
        return None, None, [Problem(file, 0, 0, "", (
            f"文件名“{path.name}”不能用作编号：只能用小写英文字母、数字和连字符（-），3 到 64 个字符，"
            "且以字母或数字开头，如 tengzhou-nongpin.yaml"))]
    loaded, problems = load_yaml(path)
    if problems:
        return None, None, problems
    problems = validate_against_schema(kind, loaded)
    problems += _parse_dates(kind, loaded)
    if taxonomy is not None:
        problems += _resolve_taxonomy(kind, loaded, taxonomy)
    if not problems:
        problems += _resolve_images(kind, loaded, content_dir)
    record = Record(kind, record_id, loaded.file, loaded.data)
    if not problems:
        problems += _check_bodies(record, loaded, content_dir)
        problems += _record_rules(record, loaded)
    if not record.get("draft"):
        problems += scan_record(kind, loaded)
    return record, loaded, problems


def _record_files(folder: Path) -> tuple[list[Path], list[Problem]]:
    if not folder.is_dir():
        return [], []
    files, problems = [], []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.is_dir():
            continue
        if path.suffix == ".yaml":
            files.append(path)
        elif path.suffix.lower() in (".yml", ".yaml"):
            problems.append(Problem(display_path(path), 0, 0, "", f"扩展名请统一改成小写的 .yaml（现在是 {path.suffix}），否则不会被读取"))
    return files, problems


def _cross_record_rules(records: dict[str, list[tuple[Record, Loaded]]]) -> list[Problem]:
    problems = []

    def add(loaded: Loaded, kind: str, path: tuple, message: str) -> None:
        line, column = loaded.where(path)
        problems.append(Problem(loaded.file, line, column, field_label(kind, path), message))

    enterprises = {r.id: r for r, _ in records["enterprise"]}
    for record, loaded in records["case"]:
        target = record.get("enterprise")
        if target is None:
            continue
        if target not in enterprises:
            add(loaded, "case", ("enterprise",), f"找不到编号为“{target}”的企业。请填 content/enterprises/ 下的文件名（不含 .yaml）")
        elif enterprises[target].get("draft") and not record.get("draft"):
            add(loaded, "case", ("enterprise",), f"企业“{target}”还是草稿，没有发布，链接会失效。请先发布该企业，或删去这一行")

    for kind, pairs in records.items():
        claimed: dict[str, str] = {r.id: f"{r.source}" for r, _ in pairs}
        for record, loaded in pairs:
            old_ids = record.get("redirect_from")
            for index, old in enumerate(old_ids if isinstance(old_ids, list) else []):
                path = ("redirect_from", index)
                if old == record.id:
                    add(loaded, kind, path, "旧编号和现在的编号相同，请删去这一项")
                elif old in claimed:
                    add(loaded, kind, path, f"旧编号“{old}”已被 {claimed[old]} 使用，同一个网址不能指向两处")
                else:
                    claimed[old] = record.source
    return problems


def sort_site(site: Site) -> None:
    site.enterprises.sort(key=lambda r: (not r.get("featured", False), r.id))
    site.cases.sort(key=lambda r: (r.published, r.id), reverse=True)
    upcoming = sorted((t for t in site.trainings if training_status(t, site.today).upcoming), key=lambda t: (t.start, t.id))
    rest = sorted((t for t in site.trainings if not training_status(t, site.today).upcoming), key=lambda t: (t.start, t.id), reverse=True)
    site.trainings = upcoming + rest


def check_content(content_dir: Path, today: dt.date | None = None) -> CheckResult:
    """Load and validate everything under content_dir. A Site is returned only when all is well."""
    content_dir = Path(content_dir)
    today = today or dt.datetime.now(SHANGHAI).date()
    problems: list[Problem] = []
    taxonomy = None
    targets: dict = {}
    for name in ("taxonomy", "targets"):
        path = content_dir / f"{name}.yaml"
        if not path.exists():
            problems.append(Problem(display_path(path), 0, 0, "", f"缺少文件 {name}.yaml"))
            continue
        loaded, found = load_yaml(path)
        if not found:
            found = validate_against_schema(name, loaded) + _parse_dates(name, loaded)
        problems += found
        if not found and name == "taxonomy":
            taxonomy = Taxonomy.from_data(loaded.data)
        elif not found:
            targets = loaded.data

    records: dict[str, list[tuple[Record, Loaded]]] = {kind: [] for kind in RECORD_TYPES}
    for kind in RECORD_TYPES:
        files, found = _record_files(content_dir / SECTIONS[kind])
        problems += found
        for path in files:
            record, loaded, found = load_record(kind, path, taxonomy, content_dir)
            problems += found
            if record is not None:  # kept even with problems: a story may still point at it
                records[kind].append((record, loaded))
    problems += _cross_record_rules(records)

    counts = {kind: sum(1 for r, _ in pairs if not r.get("draft")) for kind, pairs in records.items()}
    drafts = sum(1 for pairs in records.values() for r, _ in pairs if r.get("draft"))
    if problems or taxonomy is None:
        return CheckResult(None, sorted(set(problems)), counts, drafts)
    site = Site(taxonomy, targets, today)
    for kind, attr in (("enterprise", "enterprises"), ("case", "cases"), ("training", "trainings")):
        getattr(site, attr).extend(r for r, _ in records[kind] if not r.get("draft"))
    sort_site(site)
    return CheckResult(site, [], counts, drafts)
