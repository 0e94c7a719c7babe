"""Open data: CSV (UTF-8 with BOM, so Excel shows the Chinese right) and JSON of every
published record, with stable ids and page URLs. Only what the pages show."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

from .calendars import ics_path
from .media import Image
from .model import SECTIONS, Record, Site
from .schema import load_schema
from .siteconfig import SiteConfig
from .status import training_status
from .taxonomy import Entry

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


def record_data(record: Record, site: Site, config: SiteConfig) -> dict:
    data = {"id": record.id, "url": config.absolute(record.url)}
    data.update(plain(record.fields, config))
    if record.kind == "training":
        data["status"] = training_status(record, site.today).label
        data["calendar"] = config.absolute(ics_path(record))
    return data


def _join(values: Any, key: str | None = None) -> str:
    return "；".join(str(v.get(key, "") if key else v) for v in values or [])


def _figures(values: list[dict]) -> str:
    return "；".join(f"{f['year']}:{f.get('online_sales', '')}" for f in values or [])


# (CSV column title, function of the JSON record) per record type.
COLUMNS = {
    "enterprise": [
        ("编号", lambda r: r["id"]), ("网址", lambda r: r["url"]), ("企业名称", lambda r: r["name"]),
        ("所在区县", lambda r: r["district"]), ("所属行业", lambda r: r["industry"]),
        ("一句话简介", lambda r: r["summary"]), ("经营模式", lambda r: _join(r.get("modes"))),
        ("参与工程", lambda r: _join(r.get("programs"))),
        ("荣誉认定", lambda r: "；".join(f"{x.get('year', '')}{x['level']}{x['title']}" for x in r.get("recognitions", []))),
        ("网店", lambda r: "；".join(f"{s['platform']}:{s['name']}" for s in r.get("shops", []))),
        ("企业网站", lambda r: r.get("website", "")), ("办公电话", lambda r: r.get("contact", {}).get("phone", "")),
        ("地址", lambda r: r.get("contact", {}).get("address", "")),
        ("网上销售额（年份:万元）", lambda r: _figures(r.get("figures"))), ("标签", lambda r: _join(r.get("tags"))),
        ("示例数据", lambda r: "是" if r.get("example") else "否"),
    ],
    "case": [
        ("编号", lambda r: r["id"]), ("网址", lambda r: r["url"]), ("标题", lambda r: r["title"]),
        ("主人公", lambda r: r["person"]["name"]), ("所在区县", lambda r: r["district"]),
        ("所属行业", lambda r: r.get("industry", "")), ("经营平台", lambda r: _join(r.get("platforms"))),
        ("店铺", lambda r: r.get("shop", {}).get("name", "")), ("开店年份", lambda r: r.get("started", "")),
        ("一句话简介", lambda r: r["summary"]),
        ("年销售额（万元）", lambda r: r.get("figures", {}).get("annual_sales", "")),
        ("月订单数", lambda r: r.get("figures", {}).get("monthly_orders", "")),
        ("带动就业（人）", lambda r: r.get("figures", {}).get("jobs_created", "")),
        ("所属企业编号", lambda r: r.get("enterprise", "")), ("发布日期", lambda r: r["published"]),
        ("示例数据", lambda r: "是" if r.get("example") else "否"),
    ],
    "training": [
        ("编号", lambda r: r["id"]), ("网址", lambda r: r["url"]), ("班名", lambda r: r["title"]),
        ("状态", lambda r: r["status"]), ("开始时间", lambda r: r["start"]), ("结束时间", lambda r: r["end"]),
        ("培训对象", lambda r: _join(r.get("audience"))), ("地点", lambda r: r.get("venue", {}).get("name", "")),
        ("地址", lambda r: r.get("venue", {}).get("address", "")),
        ("所在区县", lambda r: r.get("venue", {}).get("district", "")), ("主办单位", lambda r: r["organizer"]),
        ("名额（人）", lambda r: r.get("capacity", "")), ("费用（元）", lambda r: r.get("fee", "")),
        ("报名截止", lambda r: r.get("registration", {}).get("deadline", "")),
        ("报名电话", lambda r: r.get("registration", {}).get("phone", "")),
        ("一句话简介", lambda r: r.get("summary", "")), ("日历文件", lambda r: r["calendar"]),
        ("示例数据", lambda r: "是" if r.get("example") else "否"),
    ],
}


def _csv(rows: list[dict], columns) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # CRLF: what Excel writes and expects
    writer.writerow([title for title, _ in columns])
    for row in rows:
        writer.writerow([get(row) for _, get in columns])
    return "\ufeff" + out.getvalue()


def open_data_files(site: Site, config: SiteConfig) -> dict[str, str]:
    records = {kind: [record_data(r, site, config) for r in getattr(site, SECTIONS[kind])] for kind in COLUMNS}
    files = {f"data/{SECTIONS[kind]}.csv": _csv(rows, COLUMNS[kind]) for kind, rows in records.items()}
    bundle = {"publisher": "枣庄市商务局", "licence": LICENCE, "as_of": site.today.isoformat(),
              **{SECTIONS[kind]: rows for kind, rows in records.items()}}
    files["data/records.json"] = json.dumps(bundle, ensure_ascii=False, indent=1) + "\n"
    return files


def data_dictionary() -> list[dict]:
    """Fields of each record type, from the JSON Schemas, for the data page."""
    from .schema import schema_at

    tables = []
    for kind in COLUMNS:
        schema = load_schema(kind)
        rows = []
        for name in schema["properties"]:
            if name in UNPUBLISHED:
                continue
            node = schema_at(kind, (name,))
            kind_name = node.get("type") or ("文字或列表" if "anyOf" in node else "")
            rows.append({"field": name, "title": node.get("title", ""), "description": node.get("description", ""),
                         "type": {"string": "文字", "integer": "整数", "number": "数字", "boolean": "是/否",
                                  "array": "列表", "object": "子字段"}.get(kind_name, kind_name),
                         "required": name in schema.get("required", [])})
        tables.append({"kind": kind, "title": schema["title"], "section": SECTIONS[kind], "rows": rows})
    return tables
