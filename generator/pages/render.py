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
from ..content.registry import BY_NAME, TYPES
from ..content.siteconfig import SiteConfig
from ..content.status import training_status
from ..content.taxonomy import list_titles, page_lists
from ..outputs.calendars import FEED_PATH as CALENDAR_FEED, ics_path
from ..outputs.feeds import FEED_PATH as UPDATES_FEED
from ..outputs.opendata import LICENCE, data_dictionary
from ..outputs.progress import Progress, compute
from .facets import data_attributes, options as facet_options
from .qrcodes import qr_svg
from .urls import doc_link, relative, url_of

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "templates"
WEEKDAYS = "一二三四五六日"
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
    env.filters.update(fm=front_matter_value, cn_date=cn_date, cn_datetime=cn_datetime, number=number,
                       cn_value=cn_value)
    env.globals.update(href=href, md_link=md_link, body=body, TYPES=TYPES, types=BY_NAME,
                       list_titles=list_titles(), page_lists=page_lists())
    return env


class Renderer:
    def __init__(self, site: Site, config: SiteConfig, progress: Progress | None = None):
        self.site = site
        self.config = config
        self.env = make_environment()
        self.progress = progress or compute(site)
        self.env.globals.update(
            site=site,
            config=config,
            progress=self.progress,
            qr=lambda record: qr_svg(config.absolute(record.page_url), record.display_name),
            ics_path=ics_path,
            calendar_feed=CALENDAR_FEED,
            updates_feed=UPDATES_FEED,
            facet_attributes=data_attributes,
            facet_options=lambda facets, records: facet_options(site, facets, records),
            status=lambda t: training_status(t, site.today),
            upcoming=lambda ts: [t for t in ts if training_status(t, site.today).upcoming],
        )

    def page(self, template: str, page_path: str, source: str, **context) -> str:
        return self.env.get_template(template).render(page_path=page_path, source=source, **context)

    def record(self, record: Record) -> str:
        return self.page(record.type.page, record.doc_path, record.source, record=record)

    def page_makers(self) -> dict[str, Callable[[], str]]:
        """Every Markdown page the site has, each with the function that renders it."""
        site = self.site
        makers: dict[str, Callable[[], str]] = {
            "index.md": lambda: self.page("home.md.j2", "index.md", ORIGIN),
            "data/index.md": lambda: self.page("data.md.j2", "data/index.md", ORIGIN,
                                               dictionary=data_dictionary(), licence=LICENCE),
            "progress/index.md": lambda: self.page("progress.md.j2", "progress/index.md",
                                                   "content/ 下的全部记录和 content/targets.yaml"),
        }
        for record_type in TYPES:
            path = f"{record_type.folder}/index.md"
            makers[path] = lambda path=path, t=record_type: self.page(
                t.listing, path, ORIGIN, record_type=t, records=site.of(t.name))
        for record in site.all():
            makers[record.doc_path] = lambda record=record: self.record(record)
        for list_name, heading in page_lists().items():
            entries = site.taxonomy.entries(list_name)
            index = f"{list_name}/index.md"
            makers[index] = lambda index=index, list_name=list_name, heading=heading, entries=entries: self.page(
                "entries.md.j2", index, "content/taxonomy.yaml", list_name=list_name, heading=heading, entries=entries)
            for entry in entries:
                path = f"{list_name}/{entry.id}.md"
                makers[path] = lambda path=path, entry=entry: self.page(
                    "entry.md.j2", path, "content/taxonomy.yaml", entry=entry, records=site.in_entry(entry))
        return makers

    def pages(self, only: set[str] | None = None) -> dict[str, str]:
        """Rendered pages; with only, just those (the preview re-renders what an edit touches)."""
        makers = self.page_makers()
        wanted = makers if only is None else [path for path in makers if path in only]
        return {path: makers[path]() for path in wanted}


def render_pages(site: Site, config: SiteConfig | None = None) -> dict[str, str]:
    """Every Markdown page of the site (docs-relative path -> text)."""
    return Renderer(site, config or SiteConfig()).pages()
