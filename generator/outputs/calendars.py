"""iCalendar files for the dated types (a `calendar` in the registry: classes): one per event
("加入日历") and one subscribable feed of all events of the type, both in the type's folder."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from ..content.model import Record, Site
from ..content.registry import RecordType, with_calendar
from ..content.siteconfig import SiteConfig


def feed_path(record_type: RecordType) -> str:
    return f"{record_type.folder}/calendar.ics"


def ics_path(record: Record) -> str:
    return f"{record.type.folder}/{record.id}.ics"


def _event(record: Record, config: SiteConfig, stamp: dt.datetime) -> Event:
    event = Event()
    # Stable across builds and renames of the title: phones update the same entry.
    event.add("uid", f"{record.type.name}-{record.id}@{config.host}")
    event.add("dtstamp", stamp)
    event.add("dtstart", record.start)
    event.add("dtend", record.end)
    event.add("summary", ("【已取消】" if record.get("cancelled") else "") + record.display_name)
    venue = record.get("venue") or {}
    location = "，".join(str(venue[key]) for key in ("name", "address") if venue.get(key))
    if location:
        event.add("location", location)
    url = config.absolute(record.page_url)
    event.add("url", url)
    lines = [record.get("summary") or record.display_name]
    registration = record.get("registration") or {}
    if registration.get("deadline"):
        lines.append(f"报名截止：{registration['deadline'].isoformat()}")
    if registration.get("phone"):
        lines.append(f"报名电话：{registration['phone']}")
    lines.append(f"详情：{url}")
    event.add("description", "\n".join(lines))
    if record.get("organizer"):
        event.add("organizer", f"mailto:noreply@{config.host}", parameters={"CN": record.organizer})
    event.add("status", "CANCELLED" if record.get("cancelled") else "CONFIRMED")
    return event


def _calendar(name: str, events: list[Record], config: SiteConfig, today: dt.date) -> str:
    calendar = Calendar()
    calendar.add("prodid", f"-//{config.host}//{config.site_name}//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Shanghai")
    # DTSTAMP follows the build date, not the clock: the same build gives the same bytes.
    stamp = dt.datetime(today.year, today.month, today.day, tzinfo=dt.timezone.utc)
    calendar.add_component(_shanghai_timezone())
    for event in sorted(events, key=lambda e: (e.start, e.id)):
        calendar.add_component(_event(event, config, stamp))
    return calendar.to_ical().decode("utf-8")


@lru_cache(maxsize=1)
def _shanghai_timezone():
    """The VTIMEZONE for Asia/Shanghai, built once (icalendar builds it from tzdata: slow per file)."""
    probe = Calendar()
    event = Event()
    event.add("dtstart", dt.datetime(2014, 1, 1, tzinfo=ZoneInfo("Asia/Shanghai")))
    probe.add_component(event)
    probe.add_missing_timezones()
    return next(c for c in probe.subcomponents if c.name == "VTIMEZONE")


def calendar_files(site: Site, config: SiteConfig) -> dict[str, str]:
    files = {}
    for record_type in with_calendar():
        events = site.of(record_type.name)
        files.update({ics_path(e): _calendar(e.display_name, [e], config, site.today) for e in events})
        files[feed_path(record_type)] = _calendar(f"{config.site_name}·{record_type.title}", events, config, site.today)
    return files
