"""The validated site: records by type with taxonomy values resolved, and the indexes every page
needs (by id, the back-links of each relation, the records of each district, industry and
program), built once so that no page scans every record."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .fieldpaths import walk
from .registry import TYPES, RecordType
from .schemas import annotated
from .taxonomy import Entry, Taxonomy, page_lists


@dataclass(eq=False)  # a record is itself: compared by identity (lists of thousands are searched)
class Record:
    type: RecordType
    id: str
    source: str  # the YAML file, as shown to editors
    fields: dict[str, Any]
    # Images inside Markdown bodies (`![说明](media/a.jpg)`), by src as written: checked and published.
    body_images: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None  # the YAML file (to find a value's line again when a later check needs it)

    def __getattr__(self, name: str) -> Any:
        # Templates read fields as attributes: `record.name`; a missing field is Undefined there.
        try:
            return self.__dict__["fields"][name]
        except KeyError:
            raise AttributeError(name) from None

    def get(self, name: str, default: Any = None) -> Any:
        return self.fields.get(name, default)

    @property
    def page_url(self) -> str:
        """Site-relative URL of the record's page, a directory URL: <folder>/<id>/. (Not `url`:
        that is a field of some records, an industry platform's own address.)"""
        return f"{self.type.folder}/{self.id}/"

    @property
    def doc_path(self) -> str:
        return f"{self.type.folder}/{self.id}.md"

    @property
    def display_name(self) -> str:
        return str(self.fields.get(self.type.title_field) or self.id)


def relations(type_name: str) -> tuple[tuple[tuple, str], ...]:
    """(field path, target type) of every id field of a type (the schema's x-ref)."""
    return annotated(type_name, "x-ref")


def entry_fields(type_name: str) -> tuple[tuple[tuple, str], ...]:
    """(field path, list) of the fields that put a record on a district, industry or program page."""
    return tuple((path, name) for path, name in annotated(type_name, "x-taxonomy") if name in page_lists())


@dataclass
class Site:
    taxonomy: Taxonomy
    targets: dict
    today: dt.date
    records: dict[str, list[Record]] = field(default_factory=lambda: {t.name: [] for t in TYPES})

    def __post_init__(self) -> None:
        self.index()

    def of(self, type_name: str) -> list[Record]:
        return self.records[type_name]

    def all(self) -> list[Record]:
        return [record for t in TYPES for record in self.records[t.name]]

    def add(self, record: Record) -> None:
        self.records[record.type.name].append(record)

    def remove(self, type_name: str, record_id: str) -> Record | None:
        old = self.get(type_name, record_id)
        if old is not None:
            self.records[type_name].remove(old)
        return old

    def sort(self, type_names: set[str] | None = None) -> None:
        """Each type (or just these) in its own order (registry), then the indexes."""
        for t in TYPES:
            if type_names is None or t.name in type_names:
                self.records[t.name] = t.order(self.records[t.name], self.today)
        self.index()

    def index(self) -> None:
        self._by_id = {name: {r.id: r for r in records} for name, records in self.records.items()}
        self._referrers: dict[tuple[str, str], dict[str, list[Record]]] = {}
        self._in_entry: dict[tuple[str, str], dict[str, list[Record]]] = {}
        for t in TYPES:
            links = relations(t.name)
            places = entry_fields(t.name)
            for record in self.records[t.name]:
                for path, target in links:
                    for _, target_id in walk(record.fields, path):
                        bucket = self._referrers.setdefault((target, target_id), {})
                        _append_once(bucket.setdefault(t.name, []), record)
                for path, list_name in places:
                    for _, entry in walk(record.fields, path):
                        if isinstance(entry, Entry):
                            bucket = self._in_entry.setdefault((list_name, entry.id), {})
                            _append_once(bucket.setdefault(t.name, []), record)

    def get(self, type_name: str, record_id: str) -> Record | None:
        return self._by_id.get(type_name, {}).get(record_id)

    def referrers(self, record: Record) -> dict[str, list[Record]]:
        """Records of each type that point at this one (a story at the firm it tells of, an
        estate at the firms in it: each schema's `x-ref`): the back-links on its page, in registry order."""
        found = self._referrers.get((record.type.name, record.id), {})
        return {t.name: found[t.name] for t in TYPES if t.name in found}

    def referenced(self, record: Record) -> list[Record]:
        """Published records this one points at (its forward links)."""
        targets = []
        for path, target in relations(record.type.name):
            for _, target_id in walk(record.fields, path):
                other = self.get(target, target_id)
                if other is not None:
                    targets.append(other)
        return targets

    def in_entry(self, entry: Entry) -> dict[str, list[Record]]:
        """Records of each type that belong to a district, industry or program page."""
        found = self._in_entry.get((entry.list_name, entry.id), {})
        return {t.name: found.get(t.name, []) for t in TYPES if any(ln == entry.list_name for _, ln in entry_fields(t.name))}

    def images(self) -> list:
        """Every image a published record shows (logos, photos, portraits, images in bodies)."""
        from .media import Image

        found = []

        def visit(value: Any) -> None:
            if isinstance(value, Image):
                found.append(value)
            elif isinstance(value, dict):
                for item in value.values():
                    visit(item)
            elif isinstance(value, list):
                for item in value:
                    visit(item)

        for record in self.all():
            visit(record.fields)
            found.extend(record.body_images.values())
        return found


def _append_once(records: list[Record], record: Record) -> None:
    if not records or records[-1] is not record:  # a record listing the same id twice links once
        records.append(record)
