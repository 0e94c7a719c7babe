"""Fast preview for `mkdocs serve`: keep the Site between rebuilds and, when only records
changed, reload just those files and re-render just the pages that show them.

Anything else (a new or deleted file, taxonomy.yaml, targets.yaml, another day) falls back
to the full generate(). Data files, charts and feeds refresh on the next full build: the
preview is for reading pages, `build` is for publishing.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from .model import SECTIONS, Record, Site
from .pipeline import Project, generate
from .problems import ContentError, Problem
from .render import Renderer
from .schema import field_label
from .siteconfig import SiteConfig
from .validate import load_record, sort_site
from .writer import WriteReport, write_pages

KIND_OF_SECTION = {section: kind for kind, section in SECTIONS.items()}
LISTS = {"enterprise": "enterprises", "case": "cases", "training": "trainings"}


def touched_pages(record: Record | None, site: Site) -> set[str]:
    """Pages whose text depends on this record."""
    if record is None:
        return set()
    pages = {record.doc_path, f"{record.section}/index.md", "index.md",
             "districts/index.md", "industries/index.md", "programs/index.md"}
    fields = record.fields
    venue = fields.get("venue") or {}
    for entry in [fields.get("district"), fields.get("industry"), venue.get("district"), *(fields.get("programs") or [])]:
        if entry is not None and hasattr(entry, "kind"):
            pages.add(f"{entry.kind}/{entry.id}.md")
    if record.kind == "case" and fields.get("enterprise"):
        pages.add(f"enterprises/{fields['enterprise']}.md")
    if record.kind == "enterprise":
        pages |= {story.doc_path for story in site.stories_of(record)}
    return pages


class Preview:
    def __init__(self, project: Project):
        self.project = project
        self.site: Site | None = None
        self.stamps: dict[Path, int] = {}
        self.today: dt.date | None = None

    def _scan(self) -> dict[Path, int]:
        return {path: path.stat().st_mtime_ns for path in self.project.content_dir.rglob("*.y*ml")}

    def update(self, today: dt.date) -> WriteReport:
        stamps = self._scan()
        changed = [path for path, stamp in stamps.items() if self.stamps.get(path) != stamp]
        records_only = all(path.parent.parent == self.project.content_dir and path.parent.name in KIND_OF_SECTION
                           and path.suffix == ".yaml" for path in changed)
        if self.site is None or today != self.today or set(stamps) != set(self.stamps) or not records_only:
            result, report = generate(self.project, today)
            self.site, self.stamps, self.today = result.site, stamps, today
            return report
        if not changed:
            return WriteReport()
        report = self._update_records(changed)
        self.stamps = stamps  # only after success: a fixed file is picked up on the next save
        return report

    def _update_records(self, changed: list[Path]) -> WriteReport:
        site = self.site
        affected: set[str] = set()
        problems: list[Problem] = []
        for path in changed:
            kind = KIND_OF_SECTION[path.parent.name]
            record, loaded, found = load_record(kind, path, site.taxonomy, self.project.content_dir)
            target = record.get("enterprise") if record is not None and kind == "case" else None
            if target and site.enterprise(target) is None:
                line, column = loaded.where(("enterprise",))
                found.append(Problem(loaded.file, line, column, field_label(kind, ("enterprise",)),
                                     f"找不到编号为“{target}”的企业"))
            problems += found
            if found:
                continue
            records = getattr(site, LISTS[kind])
            old = next((r for r in records if r.id == path.stem), None)
            affected |= touched_pages(old, site)
            if old is not None:
                records.remove(old)
            if not record.get("draft"):
                records.append(record)
                affected |= touched_pages(record, site)
        if problems:
            raise ContentError(problems)
        sort_site(site)
        renderer = Renderer(site, SiteConfig.read(self.project.config_file))
        return write_pages(self.project.docs_dir, renderer.pages(only=affected), remove_stale=False)
