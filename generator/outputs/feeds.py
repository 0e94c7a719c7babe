"""An RSS 2.0 feed of new records of the types with a `feed` in the registry (success stories and
classes), for subscribers and newsrooms, placed by the date each type names. (News posts have their
own feed from the blog; records are not blog posts, so they get this one.)"""

from __future__ import annotations

import datetime as dt
from email.utils import format_datetime
from xml.etree import ElementTree as ET

from ..content.model import Record, Site
from ..content.registry import in_feed
from ..content.siteconfig import SiteConfig
from ..content.values import SHANGHAI

FEED_PATH = "data/updates.xml"
LIMIT = 50


def _when(record: Record) -> dt.datetime:
    value = record.get(record.type.feed.date)
    if isinstance(value, dt.datetime):
        return value
    return dt.datetime(value.year, value.month, value.day, 8, tzinfo=SHANGHAI)  # a day's news: in the morning


def cn_and(words: list[str]) -> str:
    """甲、乙和丙"""
    return "和".join(filter(None, ["、".join(words[:-1]), *words[-1:]]))


def records_feed(site: Site, config: SiteConfig) -> dict[str, str]:
    types = in_feed()
    records = [r for t in types for r in site.of(t.name)]
    items = sorted(records, key=lambda r: (_when(r), r.id), reverse=True)[:LIMIT]
    rss = ET.Element("rss", version="2.0")
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = f"{config.site_name}·{cn_and([t.title for t in types])}"
    ET.SubElement(channel, "link").text = config.site_url
    ET.SubElement(channel, "description").text = cn_and([t.feed.news for t in types])
    ET.SubElement(channel, "language").text = "zh-CN"
    for record in items:
        item = ET.SubElement(channel, "item")
        prefix = f"【{record.type.short}】"
        ET.SubElement(item, "title").text = prefix + record.display_name
        ET.SubElement(item, "link").text = config.absolute(record.page_url)
        ET.SubElement(item, "guid", isPermaLink="true").text = config.absolute(record.page_url)
        ET.SubElement(item, "description").text = record.get("summary") or record.display_name
        ET.SubElement(item, "pubDate").text = format_datetime(_when(record))
        ET.SubElement(item, "category").text = record.type.title
    return {FEED_PATH: '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(rss, encoding="unicode") + "\n"}
