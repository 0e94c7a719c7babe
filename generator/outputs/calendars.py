"""iCalendar files: one per class ("加入日历") and one subscribable feed of all classes."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from ..content.model import Record, Site
from ..content.siteconfig import SiteConfig

FEED_PATH = "trainings/calendar.ics"


def ics_path(training: Record) -> str:
    return f"trainings/{training.id}.ics"


def _event(training: Record, config: SiteConfig, stamp: dt.datetime) -> Event:
    event = Event()
    # Stable across builds and renames of the title: phones update the same entry.
    event.add("uid", f"training-{training.id}@{config.host}")
    event.add("dtstamp", stamp)
    event.add("dtstart", training.start)
    event.add("dtend", training.end)
    event.add("summary", ("【已取消】" if training.get("cancelled") else "") + training.title)
    venue = training.get("venue") or {}
    location = "，".join(str(venue[key]) for key in ("name", "address") if venue.get(key))
    if location:
        event.add("location", location)
    url = config.absolute(training.page_url)
    event.add("url", url)
    lines = [training.get("summary") or training.title]
    registration = training.get("registration") or {}
    if registration.get("deadline"):
        lines.append(f"报名截止：{registration['deadline'].isoformat()}")
    if registration.get("phone"):
        lines.append(f"报名电话：{registration['phone']}")
    lines.append(f"详情：{url}")
    event.add("description", "\n".join(lines))
    event.add("organizer", f"mailto:noreply@{config.host}", parameters={"CN": training.organizer})
    event.add("status", "CANCELLED" if training.get("cancelled") else "CONFIRMED")
    return event


def _calendar(name: str, trainings: list[Record], config: SiteConfig, today: dt.date) -> str:
    calendar = Calendar()
    calendar.add("prodid", f"-//{config.host}//{config.site_name}//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Asia/Shanghai")
    # DTSTAMP follows the build date, not the clock: the same build gives the same bytes.
    stamp = dt.datetime(today.year, today.month, today.day, tzinfo=dt.timezone.utc)
    calendar.add_component(_shanghai_timezone())
    for training in sorted(trainings, key=lambda t: (t.start, t.id)):
        calendar.add_component(_event(training, config, stamp))
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
    trainings = site.of("training")
    files = {ics_path(t): _calendar(t.title, [t], config, site.today) for t in trainings}
    files[FEED_PATH] = _calendar(f"{config.site_name}·培训班", trainings, config, site.today)
    return files
