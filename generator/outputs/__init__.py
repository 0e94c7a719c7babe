"""The files of the site that are not pages: calendars, open data, charts, the updates feed."""

from __future__ import annotations

from ..content.model import Site
from ..content.siteconfig import SiteConfig
from .calendars import calendar_files
from .charts import chart_files
from .feeds import records_feed
from .opendata import open_data_files
from .progress import Progress, compute


def output_files(site: Site, config: SiteConfig, progress: Progress | None = None) -> dict[str, str]:
    """docs-relative path -> text of every generated file that is not a Markdown page."""
    files: dict[str, str] = {}
    files.update(calendar_files(site, config))
    files.update(open_data_files(site, config))
    files.update(chart_files(progress or compute(site)))
    files.update(records_feed(site, config))
    return files
