"""The record types, each named once.

A record type is its `RecordType` here (folder, URL section, Chinese names, templates, order, filters,
CSV columns) plus its JSON Schema (generator/schemas/<name>.json), whose annotations carry the
per-field facts: `x-taxonomy` (the controlled list a value is drawn from), `x-ref` (the record
type an id points at: the forward link, the back-link on the other record's page and the check
of dangling ids), `x-format` (date, datetime, markdown, image, image-path) and `x-privacy`
(a public business line, exempt from the private-number scan). Validation, back-links, preview
dependencies, generated folders, scaffolds, open data and spreadsheet columns all derive from
these two. A new record type is a `RecordType` here, a schema, and its page and listing templates.
What the shared modules and templates do with a type (its rules, derived columns, the updates feed,
a calendar, its cards, the home page and the progress page) is asked of its `RecordType` here, never
decided by its name.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # pragma: no cover
    from .model import Record


@dataclass(frozen=True)
class Facet:
    """A directory filter: a URL parameter, its label, and where a record keeps its values."""

    name: str
    label: str
    path: tuple  # field path, "*" for every item of a list
    taxonomy: str | None = None  # the list the options come from; None for years (newest first)


@dataclass(frozen=True)
class Derived:
    """A published fact nobody types (open data: a JSON key and a CSV column, never imported)."""

    name: str  # the JSON key
    title: str  # the CSV heading and the data dictionary's name
    description: str  # the data dictionary's explanation


@dataclass(frozen=True)
class Feed:
    """How a type's new records appear in the updates feed (RSS: data/updates.xml)."""

    date: str  # the date or time field that places a record in the feed (a date counts from 08:00)
    news: str  # what the feed's description calls them: 新发布的致富典型
    label: str  # what the data page calls them: 新故事


@dataclass(frozen=True)
class HomeSection:
    """A section of the home page's cards; types that share a heading share the section."""

    heading: str
    position: int  # sections in this order, before the taxonomy's links
    show: int  # cards of each type
    more: str  # the link to the type's directory under the cards: 全部培训班 →
    empty: str  # said when there is no card
    pick: str = "first"  # "first" in the type's order, "featured" (else the first), "upcoming" (dated types)
    action: str = ""  # a button in the hero that leads to the type's directory


Order = Callable[[list["Record"], dt.date], list["Record"]]


def _featured_then(*paths: str) -> Order:
    """Featured first, then by the given fields (taxonomy values in their list's order), then id."""

    def key(record: "Record") -> tuple:
        values = []
        for path in paths:
            value = record.get(path)
            values.append(getattr(value, "position", value) if value is not None else 10**6)
        return (not record.get("featured", False), *values, record.id)

    return lambda records, today: sorted(records, key=key)


def _newest_first(date_field: str) -> Order:
    return lambda records, today: sorted(records, key=lambda r: (r.get(date_field), r.id), reverse=True)


def _classes(records: list["Record"], today: dt.date) -> list["Record"]:
    """Classes still to come (or running) first, soonest first; then past ones, latest first."""
    from .status import event_status

    upcoming = [r for r in records if event_status(r, today).upcoming]
    past = [r for r in records if not event_status(r, today).upcoming]
    return sorted(upcoming, key=lambda r: (r.start, r.id)) + sorted(past, key=lambda r: (r.start, r.id), reverse=True)


@dataclass(frozen=True)
class RecordType:
    name: str  # as editors type it: `new enterprise`, `import --type enterprise` (the contract)
    folder: str  # content/<folder>/, the generated docs/<folder>/ and the URL section
    title: str  # its Chinese name, as a heading: 示范企业
    short: str  # the type in a sentence, a search filter or a result: 企业
    counter: str  # measure word: 共 12 家
    title_field: str  # the field that names a record: name or title
    order: Order
    facets: tuple[Facet, ...] = ()
    csv: tuple[str, ...] = ()  # dotted fields published as open-data CSV columns, in this order
    card: tuple[str, ...] = ()  # dotted fields on a record's card in lists
    search: tuple[str, ...] = ()  # dotted fields ("*" for list items) the site search finds a record by
    page_template: str = ""
    listing_template: str = ""
    lead: str = ""  # one sentence under the directory's heading
    rules: tuple[str, ...] = ()  # checks across its fields that a schema cannot express (content/rules.py, by name)
    derived: tuple[Derived, ...] = ()  # open-data columns computed at build time
    feed: Feed | None = None  # in the updates feed, and by which date
    # Dated events (`start`, `end`, `cancelled`, `registration`): a status from the build date, an
    # .ics per record and a subscribable calendar of them all, named this on the data page.
    calendar: str = ""
    card_meta: str = "fields"  # the line under a card's title (_macros.md.j2): its `card` fields, or "schedule"
    home: HomeSection | None = None  # cards on the home page (its count is a key figure either way)
    # What the progress page counts of its records: keys of content/targets.yaml `aims` (the policy's
    # figures stay there) and "levels" (their recognitions, by level and year).
    progress: tuple[str, ...] = ()

    def __reduce__(self):
        # Pickled by name (records travel between the processes of a parallel check): a record type
        # holds functions, and there is one per name anyway.
        return record_type, (self.name,)

    @property
    def page(self) -> str:
        return self.page_template or f"{self.name}.md.j2"

    @property
    def listing(self) -> str:
        return self.listing_template or "listing.md.j2"


_DISTRICT = Facet("district", "区县", ("district",), "districts")
_INDUSTRY = Facet("industry", "行业", ("industry",), "industries")

TYPES: tuple[RecordType, ...] = (
    RecordType(
        "enterprise",
        "enterprises",
        "示范企业",
        "企业",
        "家",
        "name",
        _featured_then(),
        facets=(
            _DISTRICT,
            _INDUSTRY,
            Facet("mode", "经营模式", ("modes", "*"), "modes"),
            Facet("level", "认定级别", ("recognitions", "*", "level"), "levels"),
            Facet("year", "认定年份", ("recognitions", "*", "year")),
        ),
        csv=(
            "name",
            "district",
            "industry",
            "summary",
            "modes",
            "programs",
            "recognitions",
            "shops",
            "website",
            "contact.phone",
            "contact.address",
            "figures",
            "tags",
            "example",
        ),
        card=("district", "industry"),
        search=("name", "summary", "district", "industry", "modes", "programs", "shops.*.platform", "shops.*.name", "tags"),
        lead="全市在电子商务方面做出成绩的示范企业和龙头企业。",
        progress=("cross_border", "levels"),
    ),
    RecordType(
        "case",
        "cases",
        "致富典型",
        "致富典型",
        "篇",
        "title",
        _newest_first("published"),
        listing_template="cases.md.j2",
        facets=(
            _DISTRICT,
            _INDUSTRY,
            Facet("platform", "平台", ("platforms", "*"), "platforms"),
            Facet("year", "发布年份", ("published",)),
        ),
        csv=(
            "title",
            "person.name",
            "district",
            "industry",
            "platforms",
            "shop.name",
            "shop.url",
            "started",
            "summary",
            "figures.annual_sales",
            "figures.monthly_orders",
            "figures.jobs_created",
            "quote",
            "enterprise",
            "published",
            "tags",
            "example",
        ),
        card=("district", "industry", "published"),
        search=("title", "person.name", "summary", "district", "industry", "platforms", "shop.name", "quote", "tags"),
        lead="身边人开网店、开微店的故事，最新的排在前面。",
        rules=("consent_to_publish",),
        feed=Feed("published", "新发布的致富典型", "新故事"),
        home=HomeSection("致富典型", 2, 4, "更多故事 →", "暂无故事。", pick="featured"),
    ),
    RecordType(
        "training",
        "trainings",
        "培训班",
        "培训班",
        "期",
        "title",
        _classes,
        facets=(
            Facet("district", "区县", ("venue", "district"), "districts"),
            Facet("audience", "培训对象", ("audience", "*"), "audiences"),
            Facet("year", "年份", ("start",)),
        ),
        csv=(
            "title",
            "audience",
            "start",
            "end",
            "venue.name",
            "venue.address",
            "venue.district",
            "organizer",
            "partners",
            "capacity",
            "fee",
            "registration.deadline",
            "registration.phone",
            "registration.url",
            "summary",
            "cancelled",
            "example",
        ),
        search=("title", "summary", "audience", "venue.name", "venue.district", "organizer", "partners", "tags"),
        listing_template="trainings.md.j2",
        rules=("end_after_start",),
        derived=(
            Derived("status", "状态", "按数据日期计算：报名中、即将开始、报名已截止、进行中、已结束、已取消"),
            Derived("calendar", "日历文件", "本期培训的 .ics 文件网址"),
        ),
        feed=Feed("start", "新开的电子商务培训班", "新培训"),
        calendar="培训日历",
        card_meta="schedule",
        progress=("classes_per_year",),
        home=HomeSection("近期培训", 1, 4, "全部培训班 →", "近期暂无开班计划。", pick="upcoming", action="报名免费培训"),
    ),
    RecordType(
        "park",
        "parks",
        "电子商务产业园",
        "产业园",
        "个",
        "name",
        _featured_then("district"),
        facets=(
            _DISTRICT,
            Facet("industry", "行业", ("industries", "*"), "industries"),
            Facet("level", "认定级别", ("recognitions", "*", "level"), "levels"),
            Facet("year", "建成年份", ("opened",)),
        ),
        csv=(
            "name",
            "district",
            "summary",
            "address",
            "opened",
            "operator",
            "area",
            "enterprises",
            "industries",
            "services",
            "recognitions",
            "programs",
            "figures",
            "website",
            "contact.phone",
            "contact.address",
            "tags",
            "example",
        ),
        card=("district", "opened"),
        search=("name", "summary", "district", "address", "operator", "industries", "services", "programs", "tags"),
        lead="7N 电子商务产业园工程：各区（市）建设的电子商务产业园，入驻企业、服务和历年成绩。",
        home=HomeSection("电商产业园和行业平台", 3, 3, "全部电子商务产业园 →", "暂无收录的产业园和行业平台。"),
        progress=("parks_per_district",),
    ),
    RecordType(
        "industry-platform",
        "industry-platforms",
        "行业电商平台",
        "行业平台",
        "个",
        "name",
        _featured_then("industry"),
        facets=(_INDUSTRY, _DISTRICT, Facet("year", "上线年份", ("launched",))),
        csv=("name", "industry", "summary", "district", "url", "operator", "launched", "figures", "programs", "tags", "example"),
        card=("industry", "district", "launched"),
        search=("name", "summary", "industry", "district", "programs", "tags"),
        lead="1515x2 工程：十五个重点行业各自的行业电子商务平台。",
        home=HomeSection("电商产业园和行业平台", 3, 3, "全部行业电商平台 →", "暂无收录的产业园和行业平台。"),
        progress=("platforms",),
    ),
)

BY_NAME: dict[str, RecordType] = {t.name: t for t in TYPES}
BY_FOLDER: dict[str, RecordType] = {t.folder: t for t in TYPES}
NAMES: tuple[str, ...] = tuple(BY_NAME)


def record_type(name: str) -> RecordType:
    return BY_NAME[name]


def with_calendar() -> tuple[RecordType, ...]:
    return tuple(t for t in TYPES if t.calendar)


def in_feed() -> tuple[RecordType, ...]:
    return tuple(t for t in TYPES if t.feed)


def counted_for(what: str) -> tuple[RecordType, ...]:
    """The types the progress page counts for `what` (an aim of content/targets.yaml, or levels)."""
    return tuple(t for t in TYPES if what in t.progress)


def home_sections() -> list[tuple[HomeSection, tuple[RecordType, ...]]]:
    """The home page's card sections in order, each with the types that share its heading."""
    sections: dict[str, list[RecordType]] = {}
    for t in sorted((t for t in TYPES if t.home), key=lambda t: t.home.position):
        sections.setdefault(t.home.heading, []).append(t)
    return [(types[0].home, tuple(types)) for types in sections.values()]
