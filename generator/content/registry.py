"""The record types, each named once.

A record type is its entry here (folder, URL section, Chinese names, templates, order, filters,
CSV columns) plus its JSON Schema (generator/schemas/<name>.json), whose annotations carry the
per-field facts: `x-taxonomy` (the controlled list a value is drawn from), `x-ref` (the record
type an id points at: the forward link, the back-link on the other record's page and the check
of dangling ids), `x-format` (date, datetime, markdown, image, image-path) and `x-privacy`
(a public business line, exempt from the private-number scan). Validation, back-links, preview
dependencies, generated folders, scaffolds, open data and spreadsheet columns all derive from
these two. A new record type is an entry here, a schema, and its page and listing templates.
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
    from .status import training_status

    upcoming = [r for r in records if training_status(r, today).upcoming]
    past = [r for r in records if not training_status(r, today).upcoming]
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

    def __reduce__(self):
        # Pickled by name (records travel between the processes of a parallel check): the entry
        # holds functions, and there is one entry per name anyway.
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
    ),
)

BY_NAME: dict[str, RecordType] = {t.name: t for t in TYPES}
BY_FOLDER: dict[str, RecordType] = {t.folder: t for t in TYPES}
NAMES: tuple[str, ...] = tuple(BY_NAME)


def record_type(name: str) -> RecordType:
    return BY_NAME[name]
