"""An RSS 2.0 feed of new success stories and training classes, for subscribers and newsrooms.
(News posts have their own feed from the blog; records are not blog posts, so they get this one.)"""

from __future__ import annotations

import datetime as dt
from email.utils import format_datetime
from xml.etree import ElementTree as ET

from ..content.model import Site
from ..content.siteconfig import SiteConfig
from ..content.values import SHANGHAI

FEED_PATH = "data/updates.xml"
LIMIT = 50


def _when(record) -> dt.datetime:
    if record.type.name == "case":
        day = record.published
        return dt.datetime(day.year, day.month, day.day, 8, tzinfo=SHANGHAI)
    return record.start


def records_feed(site: Site, config: SiteConfig) -> dict[str, str]:
    items = sorted([*site.of("case"), *site.of("training")], key=lambda r: (_when(r), r.id), reverse=True)[:LIMIT]
    rss = ET.Element("rss", version="2.0")
    channel = ET.SubElement(rss, "channel")
    ET.SubElement(channel, "title").text = f"{config.site_name}·致富典型和培训班"
    ET.SubElement(channel, "link").text = config.site_url
    ET.SubElement(channel, "description").text = "新发布的致富典型和新开的电子商务培训班"
    ET.SubElement(channel, "language").text = "zh-CN"
    for record in items:
        item = ET.SubElement(channel, "item")
        prefix = f"【{record.type.short}】"
        ET.SubElement(item, "title").text = prefix + record.title
        ET.SubElement(item, "link").text = config.absolute(record.page_url)
        ET.SubElement(item, "guid", isPermaLink="true").text = config.absolute(record.page_url)
        ET.SubElement(item, "description").text = record.get("summary") or record.title
        ET.SubElement(item, "pubDate").text = format_datetime(_when(record))
        ET.SubElement(item, "category").text = record.type.title
    return {FEED_PATH: '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(rss, encoding="unicode") + "\n"}
