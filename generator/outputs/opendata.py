"""Open data: CSV (UTF-8 with BOM, so Excel shows the Chinese right) and JSON of every published
record of every type, with stable ids and page URLs, and the data dictionary from the schemas.
Only what the pages show. The CSV columns are each type's `csv` fields (registry.py), written as
generator.content.cells writes cells, so a downloaded list can be imported back unchanged."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from ..content.cells import ID_COLUMN, PAGE_COLUMN, cell_text, field_value, formula_safe, heading
from ..content.media import Image
from ..content.model import Record, Site
from ..content.registry import BY_NAME, TYPES, RecordType
from ..content.schemas import load_schema, schema_at
from ..content.siteconfig import SiteConfig
from ..content.status import event_status
from ..content.taxonomy import Entry
from .calendars import ics_path

# Bookkeeping fields that are not shown on pages and so are not published as data.
UNPUBLISHED = {"draft", "featured", "redirect_from", "consent"}
LICENCE = "知识共享署名 4.0 国际许可协议（CC BY 4.0）"


def plain(value: Any, config: SiteConfig) -> Any:
    """A record value as JSON data: taxonomy entries by name, dates as ISO text, images by URL."""
    if isinstance(value, Entry):
        return value.name
    if isinstance(value, Image):
        return {"src": config.absolute(value.src), "alt": value.alt}
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: plain(v, config) for k, v in value.items() if k not in UNPUBLISHED}
    if isinstance(value, list):
        return [plain(v, config) for v in value]
    return value


# The values of the derived columns (a type's `derived` in the registry), by name.
DERIVED_VALUES = {
    "status": lambda r, site, config: event_status(r, site.today).label,
    "calendar": lambda r, site, config: config.absolute(ics_path(r)),
}


def _derived(record_type: RecordType) -> list[tuple[str, str, Any]]:
    return [(d.name, d.title, DERIVED_VALUES[d.name]) for d in record_type.derived]


def record_data(record: Record, site: Site, config: SiteConfig) -> dict:
    # "page", not "url": an industry platform's own address is its field `url`.
    data = {"id": record.id, "page": config.absolute(record.page_url)}
    data.update(plain(record.fields, config))
    data.update({name: value(record, site, config) for name, _, value in _derived(record.type)})
    return data


def csv_text(records: list[Record], site: Site, config: SiteConfig, type_name: str) -> str:
    record_type = BY_NAME[type_name]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # CRLF: what Excel writes and expects
    extra = _derived(record_type)
    writer.writerow([ID_COLUMN, PAGE_COLUMN, *(heading(type_name, f) for f in record_type.csv), *(h for _, h, _ in extra)])
    for record in records:
        cells = [
            record.id,
            config.absolute(record.page_url),
            *(cell_text(type_name, f, field_value(record.fields, f)) for f in record_type.csv),
            *(value(record, site, config) for _, _, value in extra),
        ]
        writer.writerow([formula_safe(cell) if isinstance(cell, str) else cell for cell in cells])
    return "\ufeff" + out.getvalue()


def open_data_files(site: Site, config: SiteConfig) -> dict[str, str]:
    files = {f"data/{t.folder}.csv": csv_text(site.of(t.name), site, config, t.name) for t in TYPES}
    bundle = {
        "publisher": "枣庄市商务局",
        "licence": LICENCE,
        "as_of": site.today.isoformat(),
        **{t.folder: [record_data(r, site, config) for r in site.of(t.name)] for t in TYPES},
    }
    files["data/records.json"] = json.dumps(bundle, ensure_ascii=False, indent=1) + "\n"
    return files


_TYPE_WORDS = {"string": "文字", "integer": "整数", "number": "数字", "boolean": "是/否", "array": "列表", "object": "子字段"}


def data_dictionary() -> list[dict]:
    """Fields of each record type, from the JSON Schemas, for the data page."""
    tables = []
    for record_type in TYPES:
        schema = load_schema(record_type.name)
        rows = []
        for name in schema["properties"]:
            if name in UNPUBLISHED:
                continue
            node = schema_at(record_type.name, (name,))
            kind = node.get("type") or ("文字或列表" if "anyOf" in node else "")
            rows.append(
                {
                    "field": name,
                    "title": node.get("title", ""),
                    "description": node.get("description", ""),
                    "type": _TYPE_WORDS.get(kind, kind),
                    "required": name in schema.get("required", []),
                }
            )
        tables.append({"type": record_type, "title": schema["title"], "section": record_type.folder, "rows": rows})
    return tables
