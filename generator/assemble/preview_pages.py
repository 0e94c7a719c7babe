"""Fast preview for `mkdocs serve`: keep the Site between rebuilds and, when only records
changed, reload just those files and re-render just the pages that show them.

Anything else (a new or deleted file, taxonomy.yaml, targets.yaml, another day) falls back
to the full generate(). Data files, charts and feeds refresh on the next full build: the
preview is for reading pages, `build` is for publishing.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
import threading
from pathlib import Path

from ..content.fieldpaths import walk
from ..content.model import Record, Site, entry_fields
from ..content.problems import ContentError, Problem
from ..content.registry import BY_FOLDER
from ..content.siteconfig import SiteConfig
from ..content.taxonomy import Entry, page_lists
from ..content.validate import load_record, reference_problems
from ..pages.facets import values as facet_values
from ..pages.paging import PREVIEW_SIZE, entry_list_base, page_doc, pages_holding
from ..pages.render import Renderer, make_environment
from .pipeline import Project, generate
from .writer import WriteReport, write_pages


def listing_places(record: Record | None, site: Site) -> dict[str, tuple[int, int]]:
    """Where the record stands in every numbered list that shows it: list base URL -> (position, length)."""
    if record is None:
        return {}
    places = {}
    own = site.of(record.type.name)
    if record in own:
        places[f"{record.type.folder}/"] = (own.index(record), len(own))
    for path, _ in entry_fields(record.type.name):
        for _, entry in walk(record.fields, path):
            if isinstance(entry, Entry):
                found = site.in_entry(entry).get(record.type.name, [])
                if record in found and len(found) > PREVIEW_SIZE:
                    places[entry_list_base(entry.list_name, entry.id, record.type.folder)] = (found.index(record), len(found))
    return places


def touched_pages(record: Record | None, site: Site) -> set[str]:
    """Pages whose text depends on this record: its own, the numbered pages of its directory and of
    its district's, industry's and programs' lists that show it, the home page, those district,
    industry and program pages, and the pages of the records it links to or is linked from."""
    if record is None:
        return set()
    pages = {record.doc_path, "index.md", *(f"{name}/index.md" for name in page_lists())}
    for base, (position, total) in listing_places(record, site).items():
        pages |= {page_doc(base, number) for number in pages_holding([position], total)}
    for path, _ in entry_fields(record.type.name):
        for _, entry in walk(record.fields, path):
            if isinstance(entry, Entry):
                pages.add(f"{entry.list_name}/{entry.id}.md")
    pages |= {other.doc_path for other in site.referenced(record)}
    pages |= {other.doc_path for others in site.referrers(record).values() for other in others}
    return pages


def moved_pages(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]]) -> set[str]:
    """When an edit moves a record within a list, the records between shift: their pages change too."""
    pages = set()
    for base in set(before) | set(after):
        positions = [place[0] for place in (before.get(base), after.get(base)) if place]
        total = max(place[1] for place in (before.get(base), after.get(base)) if place)
        pages |= {page_doc(base, number) for number in pages_holding(positions, total)}
    return pages


def _facets(record: Record | None) -> list | None:
    return None if record is None else [facet_values(record, facet) for facet in record.type.facets]


class Preview:
    def __init__(self, project: Project):
        self.project = project
        self.site: Site | None = None
        self.stamps: dict[str, int] = {}
        self.today: dt.date | None = None
        self.env = make_environment()  # compiled templates, kept between edits
        self.filters: dict = {}  # each directory's filter options, until an edit changes them
        self.lock = threading.Lock()  # mkdocs serve's rebuild and preview_watch.RecordEdits both update

    def _scan(self) -> dict[str, int]:
        """Every YAML file of content/ (two levels: the settings and the records' folders) with its
        modification time; os.scandir, as pathlib's rglob takes a quarter of a second at 12,500 files."""
        found: dict[str, int] = {}
        folders = [str(self.project.content_dir)]
        while folders:
            with os.scandir(folders.pop()) as entries:
                for entry in entries:
                    if entry.is_dir(follow_symlinks=False) and not entry.name.startswith("."):
                        folders.append(entry.path)
                    elif entry.name.endswith((".yaml", ".yml")):
                        found[entry.path] = entry.stat().st_mtime_ns
        return found

    def update(self, today: dt.date) -> WriteReport:
        with self.lock:
            return self._update(today)

    def _update(self, today: dt.date) -> WriteReport:
        stamps = self._scan()
        changed = [Path(path) for path, stamp in stamps.items() if self.stamps.get(path) != stamp]
        records_only = all(
            path.parent.parent == self.project.content_dir and path.parent.name in BY_FOLDER and path.suffix == ".yaml"
            for path in changed
        )
        if self.site is None or today != self.today or set(stamps) != set(self.stamps) or not records_only:
            result, report = generate(self.project, today)
            self.site, self.stamps, self.today, self.filters = result.site, stamps, today, {}
            # The Site lives as long as the preview: keep the garbage collector from walking its
            # millions of objects again and again (a full collection took a fifth of a second).
            gc.collect()
            gc.freeze()
            self._warm_up()
            return report
        if not changed:
            return WriteReport()
        report = self._update_records(changed)
        self.stamps = stamps  # only after success: a fixed file is picked up on the next save
        return report

    def _warm_up(self) -> None:
        """What the first edit would wait for: every template compiled, every directory's filters."""
        renderer = Renderer(self.site, SiteConfig.read(self.project.config_file), env=self.env, filters=self.filters)
        for name in self.env.list_templates(extensions=["j2"]):
            self.env.get_template(name)
        for record_type in BY_FOLDER.values():
            renderer.directory_filters(record_type.name)

    def _update_records(self, changed: list[Path]) -> WriteReport:
        site = self.site
        # Every changed file is checked before the Site changes at all: a batch saved at once (a
        # search-and-replace, an import) with one mistake in it leaves the preview as it was, and
        # the next save brings the whole batch in (its pages worked out from the old state).
        loaded_records: dict[Path, Record] = {}
        positions = {}
        problems: list[Problem] = []
        for path in changed:
            record, loaded, found = load_record(BY_FOLDER[path.parent.name], path, site.taxonomy, self.project.content_dir)
            problems += found
            if record is not None and not found:
                loaded_records[path], positions[path] = record, loaded
        batch = {(r.type.name, r.id): r for r in loaded_records.values()}
        for path, record in loaded_records.items():  # ids of other records, those of the batch included
            problems += reference_problems(record, positions[path], lambda t, i: batch.get((t, i)) or site.get(t, i))
        if problems:
            raise ContentError(problems)
        affected: set[str] = set()
        places: dict[Path, dict[str, tuple[int, int]]] = {}
        for path, record in loaded_records.items():
            record_type = record.type
            old = site.get(record_type.name, path.stem)
            if _facets(old) != _facets(record) or bool(record.get("draft")) != (old is None):
                self.filters.pop(record_type.name, None)
            affected |= touched_pages(old, site)
            places[path] = listing_places(old, site)
            site.remove(record_type.name, path.stem)
            if not record.get("draft"):
                site.add(record)
        site.sort({BY_FOLDER[path.parent.name].name for path in changed})
        for path in changed:
            record = site.get(BY_FOLDER[path.parent.name].name, path.stem)
            affected |= touched_pages(record, site)
            affected |= moved_pages(places.get(path, {}), listing_places(record, site))
        renderer = Renderer(site, SiteConfig.read(self.project.config_file), env=self.env, filters=self.filters)
        pages = renderer.pages(only=affected)
        return write_pages(self.project.docs_dir, pages, remove_stale=False)
