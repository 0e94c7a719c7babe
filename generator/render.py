"""Site -> Markdown pages (docs-relative path -> text), through the Jinja templates."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Callable

from jinja2 import Environment, FileSystemLoader, pass_context
from markupsafe import Markup, escape

from .bodies import render_body
from .calendars import FEED_PATH as CALENDAR_FEED, calendar_files, ics_path
from .charts import chart_files
from .facets import data_attributes, options as facet_options
from .feeds import FEED_PATH as UPDATES_FEED, records_feed
from .model import KIND_TITLES, SECTIONS, Record, Site
from .opendata import LICENCE, data_dictionary, open_data_files
from .progress import compute
from .qrcodes import qr_svg
from .siteconfig import SiteConfig
from .status import training_status
from .urls import doc_link, relative, url_of

TEMPLATE_DIR = Path(__file__).parent / "templates"
WEEKDAYS = "一二三四五六日"
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
    env.filters.update(fm=front_matter_value, cn_date=cn_date, cn_datetime=cn_datetime, number=number)
    env.globals.update(href=href, md_link=md_link, body=body, KIND_TITLES=KIND_TITLES, SECTIONS=SECTIONS)
    return env


class Renderer:
    def __init__(self, site: Site, config: SiteConfig):
        self.site = site
        self.config = config
        self.env = make_environment()
        self.progress = compute(site)
        self.env.globals.update(
            site=site,
            config=config,
            progress=self.progress,
            qr=lambda record: qr_svg(config.absolute(record.url), record.display_name),
            ics_path=ics_path,
            calendar_feed=CALENDAR_FEED,
            updates_feed=UPDATES_FEED,
            facet_attributes=data_attributes,
            facet_options=lambda kind, records: facet_options(site, kind, records),
            status=lambda t: training_status(t, site.today),
            upcoming_ids=lambda ts: {t.id for t in ts if training_status(t, site.today).upcoming},
        )

    def page(self, template: str, page_path: str, source: str, **context) -> str:
        return self.env.get_template(template).render(page_path=page_path, source=source, **context)

    def record(self, record: Record) -> str:
        return self.page(f"{record.kind}.md.j2", record.doc_path, record.source, record=record)

    def page_makers(self) -> dict[str, Callable[[], str]]:
        """Every Markdown page the site has, each with the function that renders it."""
        site = self.site
        origin = "content/ 下的全部记录"
        makers: dict[str, Callable[[], str]] = {
            "index.md": lambda: self.page("home.md.j2", "index.md", origin),
            "data/index.md": lambda: self.page("data.md.j2", "data/index.md", origin,
                                               dictionary=data_dictionary(), licence=LICENCE),
            "progress/index.md": lambda: self.page("progress.md.j2", "progress/index.md",
                                                   "content/ 下的全部记录和 content/targets.yaml"),
        }
        for section in ("enterprises", "cases", "trainings"):
            path = f"{section}/index.md"
            makers[path] = lambda path=path, section=section: self.page(f"{section}.md.j2", path, origin)
        for record in site.records():
            makers[record.doc_path] = lambda record=record: self.record(record)
        for kind in ("districts", "industries", "programs"):
            entries = site.taxonomy.entries(kind)
            index = f"{kind}/index.md"
            makers[index] = lambda index=index, kind=kind, entries=entries: self.page(
                "entries.md.j2", index, "content/taxonomy.yaml", kind=kind, entries=entries)
            for entry in entries:
                path = f"{kind}/{entry.id}.md"
                makers[path] = lambda path=path, entry=entry: self.page(
                    "entry.md.j2", path, "content/taxonomy.yaml", entry=entry, records=site.in_entry(entry))
        return makers

    def pages(self, only: set[str] | None = None) -> dict[str, str]:
        """Rendered pages; with only, just those (the preview re-renders what an edit touches)."""
        makers = self.page_makers()
        wanted = makers if only is None else [path for path in makers if path in only]
        pages = {path: makers[path]() for path in wanted}
        if only is None:
            site = self.site
            pages.update(calendar_files(site, self.config))
            pages.update(open_data_files(site, self.config))
            pages.update(chart_files(self.progress))
            pages.update(records_feed(site, self.config))
        return pages


def render_pages(site: Site, config: SiteConfig | None = None) -> dict[str, str]:
    """Every generated file (docs-relative path -> text): pages, calendars, data, charts, feed."""
    return Renderer(site, config or SiteConfig()).pages()
