"""Site -> Markdown pages (docs-relative path -> text), through the Jinja templates.

Which pages exist follows from the registry (a page per record, a directory per type) and the
taxonomy (a page per district, industry and program); the files that are not pages (calendars,
open data, charts, feeds) are made by generator.outputs."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Callable

from jinja2 import Environment, FileSystemLoader, pass_context
from markupsafe import Markup, escape

from ..content.bodies import render_body
from ..content.model import Record, Site
from ..content.registry import BY_NAME, TYPES, RecordType, counted_for, home_sections
from ..content.siteconfig import SiteConfig
from ..content.status import event_status
from ..content.taxonomy import list_titles, page_lists
from ..outputs.calendars import feed_path as calendar_feed
from ..outputs.calendars import ics_path
from ..outputs.charts import chart_files, chart_sizes
from ..outputs.feeds import FEED_PATH as UPDATES_FEED
from ..outputs.feeds import cn_and
from ..outputs.opendata import LICENCE, data_dictionary
from ..outputs.progress import Progress, compute
from ..parallel import parallel_map
from .facets import options as facet_options
from .facets import values as facet_values
from .page_assets import with_page_assets
from .paging import FILTER_DATA, PAGE_SIZE, PREVIEW_SIZE, entry_list_base, paginate
from .qrcodes import qr_svg
from .tables import label_cells
from .urls import doc_link, relative, url_of

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"
WEEKDAYS = "一二三四五六日"
CHUNK = 100  # cards per file that a directory's filters fetch
ORIGIN = "content/ 下的全部记录"


def front_matter_value(value: object) -> Markup:
    """A title or description for the front matter, HTML-escaped.

    MkDocs themes insert page.title and page.meta.description into HTML without escaping
    (h1, <title>, <meta content>), so the text must arrive escaped; the reader sees it as typed.
    JSON strings are valid YAML double-quoted scalars: no editor text can break out of them."""
    return Markup(json.dumps(str(escape(str(value))), ensure_ascii=False))


def cn_date(value: dt.date) -> str:
    return f"{value.year}年{value.month}月{value.day}日"


def cn_datetime(value: dt.datetime) -> str:
    return f"{cn_date(value)}（周{WEEKDAYS[value.weekday()]}）{value:%H:%M}"


def number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def cn_value(value: object) -> str:
    """A field value as a card or fact shows it: dates in Chinese, years as 2014 年."""
    if isinstance(value, dt.datetime):
        return cn_datetime(value)
    if isinstance(value, dt.date):
        return cn_date(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value} 年"
    return str(value)


@pass_context
def href(context, url: str) -> str:
    """Relative link from the page being rendered to a site-relative URL."""
    return relative(context["page_path"], url)


@pass_context
def body(context, record: Record, name: str) -> Markup:
    """A record's Markdown field as sanitised HTML, its images linked from the page being rendered."""
    return render_body(record.get(name), record.body_images, url_of(context["page_path"]))


@pass_context
def md_link(context, doc_path: str) -> str:
    """Relative .md link from the page being rendered, for links in Markdown (not HTML) parts."""
    return doc_link(context["page_path"], doc_path)


def make_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters.update(
        fm=front_matter_value, cn_date=cn_date, cn_datetime=cn_datetime, number=number, cn_value=cn_value, label_cells=label_cells
    )
    env.globals.update(
        href=href, md_link=md_link, body=body, TYPES=TYPES, types=BY_NAME, list_titles=list_titles(), page_lists=page_lists()
    )
    return env


class Renderer:
    def __init__(
        self,
        site: Site,
        config: SiteConfig,
        progress: Progress | None = None,
        env: Environment | None = None,
        filters: dict | None = None,
    ):
        """env: an environment to reuse (the preview keeps its compiled templates between edits);
        filters: a cache of directory_filters() to reuse (the preview drops a type's filters when
        an edit changes what its filters offer)."""
        self.site = site
        self.config = config
        self.env = env or make_environment()
        self._filters = {} if filters is None else filters
        self._cards: dict[tuple, Markup] = {}  # card_at_depth: (type, id, depth) -> its card
        self._card_macros: dict[int, object] = {}  # depth -> _macros.md.j2 for a page that deep
        self.progress = progress or compute(site)
        self.env.globals.update(
            site=site,
            config=config,
            progress=self.progress,
            qr=lambda record: qr_svg(config.absolute(record.page_url), record.display_name),
            ics_path=ics_path,
            calendar_feed=calendar_feed,
            home_sections=home_sections(),
            home_cards=self.home_cards,
            counted_for=counted_for,
            cn_and=cn_and,
            updates_feed=UPDATES_FEED,
            directory_filters=self.directory_filters,
            card_at_depth=self.card_at_depth,
            PAGE_SIZE=PAGE_SIZE,
            FILTER_DATA=FILTER_DATA,
            entry_list_base=entry_list_base,
            PREVIEW_SIZE=PREVIEW_SIZE,
            status=lambda t: event_status(t, site.today),
            upcoming=lambda ts: [t for t in ts if event_status(t, site.today).upcoming],
        )

    def home_cards(self, record_types: tuple[RecordType, ...]) -> list[Record]:
        """The cards of a home page section: of each type, as its `RecordType`'s `home` picks them."""
        cards = []
        for record_type in record_types:
            records = self.site.of(record_type.name)
            if record_type.home.pick == "upcoming":
                records = [r for r in records if event_status(r, self.site.today).upcoming]
            elif record_type.home.pick == "featured":
                records = [r for r in records if r.get("featured")] or records
            cards += records[: record_type.home.show]
        return cards

    def directory_filters(self, type_name: str):
        """The filters of a type's directory: every facet with the values its records have (the
        same on each numbered page, so worked out once)."""
        cache = self._filters
        if type_name not in cache:
            record_type = BY_NAME[type_name]
            cache[type_name] = facet_options(self.site, record_type.facets, self.site.of(type_name))
        return cache[type_name]

    @pass_context
    def card_at_depth(self, context, record: Record) -> Markup:
        """A record's card (the `card` macro) for the page being rendered. A record is listed on
        many pages (its directory, its district's, industry's and programs' lists, the filters'
        data), and its card differs only by how deep the page sits, so each depth renders it once:
        its links go up to the site root and down again (../../<folder>/…/)."""
        depth = url_of(context["page_path"]).count("/")
        key = (record.type.name, record.id, depth)
        cards = self._cards
        if key not in cards:
            modules = self._card_macros
            if depth not in modules:  # a page as deep as this one, below no real folder
                modules[depth] = self.env.get_template("_macros.md.j2").make_module({"page_path": "_/" * depth + "index.md"})
            cards[key] = Markup(str(modules[depth].card(record)).strip())
        return cards[key]

    def page(self, template: str, page_path: str, source: str, **context) -> str:
        text = self.env.get_template(template).render(page_path=page_path, source=source, **context)
        return with_page_assets(text, page_path)

    def record(self, record: Record) -> str:
        return self.page(record.type.page, record.doc_path, record.source, record=record)

    def page_makers(self) -> dict[str, Callable[[], str]]:
        """Every Markdown page the site has, each with the function that renders it."""
        site = self.site
        makers: dict[str, Callable[[], str]] = {
            "index.md": lambda: self.page("home.md.j2", "index.md", ORIGIN),
            "data/index.md": lambda: self.page(
                "data.md.j2", "data/index.md", ORIGIN, dictionary=data_dictionary(), licence=LICENCE
            ),
            "progress/index.md": lambda: self.page(
                "progress.md.j2",
                "progress/index.md",
                "content/ 下的全部记录和 content/targets.yaml",
                chart_sizes=chart_sizes(chart_files(self.progress)),
            ),
        }
        for record_type in TYPES:  # each type's directory, in numbered pages
            for page in paginate(site.of(record_type.name), f"{record_type.folder}/"):
                makers[page.doc] = lambda page=page, t=record_type: self.page(
                    t.listing, page.doc, ORIGIN, record_type=t, page=page
                )
        for record in site.all():
            makers[record.doc_path] = lambda record=record: self.record(record)
        for list_name, heading in page_lists().items():
            entries = site.taxonomy.entries(list_name)
            index = f"{list_name}/index.md"
            makers[index] = lambda index=index, list_name=list_name, heading=heading, entries=entries: self.page(
                "entries.md.j2", index, "content/taxonomy.yaml", list_name=list_name, heading=heading, entries=entries
            )
            for entry in entries:
                path = f"{list_name}/{entry.id}.md"
                found = site.in_entry(entry)
                makers[path] = lambda path=path, entry=entry, found=found: self.page(
                    "entry.md.j2", path, "content/taxonomy.yaml", entry=entry, records=found
                )
                for type_name, records in found.items():  # past the first few: every record, page by page
                    if len(records) <= PREVIEW_SIZE:
                        continue
                    t = BY_NAME[type_name]
                    for page in paginate(records, entry_list_base(list_name, entry.id, t.folder)):
                        makers[page.doc] = lambda page=page, entry=entry, t=t: self.page(
                            "entry_list.md.j2", page.doc, "content/taxonomy.yaml", entry=entry, record_type=t, page=page
                        )
        return makers

    def filter_files(self) -> dict[str, str]:
        """What a directory's filters load on first use (filters.js): data/filters/<folder>.json, each
        record's facet values as small numbers in directory order, and data/filters/<folder>/<n>.json,
        the cards of records n*CHUNK … as the directory shows them (links relative to the directory)."""
        files: dict[str, str] = {}
        for record_type in TYPES:
            records = self.site.of(record_type.name)
            options = self.directory_filters(record_type.name)
            codes = {facet.name: {value: i for i, (value, _, _) in enumerate(choices)} for facet, choices in options}
            rows = []
            for record in records:
                row = []
                for facet, _ in options:
                    found = [codes[facet.name][value] for value in facet_values(record, facet)]
                    row.append(found[0] if len(found) == 1 else found)
                rows.append(row)
            index = {"facets": [facet.name for facet, _ in options], "count": len(records), "chunk": CHUNK, "records": rows}
            files[f"{FILTER_DATA}/{record_type.folder}.json"] = json.dumps(index, separators=(",", ":")) + "\n"
            directory = {"page_path": f"{record_type.folder}/index.md"}
            for start in range(0, len(records), CHUNK):
                cards = [str(self.card_at_depth(directory, record)) for record in records[start : start + CHUNK]]
                files[f"{FILTER_DATA}/{record_type.folder}/{start // CHUNK}.json"] = (
                    json.dumps(cards, ensure_ascii=False, separators=(",", ":")) + "\n"
                )
        return files

    def pages(self, only: set[str] | None = None) -> dict[str, str]:
        """Rendered pages, on every core; with only, just those (the preview re-renders what an edit
        touches)."""
        makers = self.page_makers()
        wanted = list(makers) if only is None else [path for path in makers if path in only]
        return dict(zip(wanted, parallel_map(lambda path: makers[path](), wanted)))
