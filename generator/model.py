"""The validated site: records with taxonomy values resolved, plus the indexes every page needs."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from .taxonomy import Entry, Taxonomy

# Record type -> the docs/ folder (and URL section) its pages live in.
SECTIONS = {"enterprise": "enterprises", "case": "cases", "training": "trainings"}
KIND_TITLES = {"enterprise": "示范企业", "case": "致富典型", "training": "培训班"}


@dataclass
class Record:
    kind: str
    id: str
    source: str  # the YAML file, as shown to editors
    fields: dict[str, Any]
    # Images inside Markdown bodies (`![说明](media/a.jpg)`), by src as written: checked and published.
    body_images: dict[str, Any] = field(default_factory=dict)

    def __getattr__(self, name: str) -> Any:
        # Templates read fields as attributes: `record.name`; a missing field is Undefined there.
        try:
            return self.__dict__["fields"][name]
        except KeyError:
            raise AttributeError(name) from None

    def get(self, name: str, default: Any = None) -> Any:
        return self.fields.get(name, default)

    @property
    def section(self) -> str:
        return SECTIONS[self.kind]

    @property
    def url(self) -> str:
        """Site-relative URL with directory URLs: enterprises/<id>/."""
        return f"{self.section}/{self.id}/"

    @property
    def doc_path(self) -> str:
        return f"{self.section}/{self.id}.md"

    @property
    def display_name(self) -> str:
        return self.fields.get("name") or self.fields.get("title") or self.id


@dataclass
class Site:
    taxonomy: Taxonomy
    targets: dict
    today: dt.date
    enterprises: list[Record] = field(default_factory=list)
    cases: list[Record] = field(default_factory=list)
    trainings: list[Record] = field(default_factory=list)

    def records(self) -> list[Record]:
        return [*self.enterprises, *self.cases, *self.trainings]

    def images(self) -> list:
        """Every image a published record shows (logos, photos, portraits)."""
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

        for record in self.records():
            visit(record.fields)
            found.extend(record.body_images.values())
        return found

    def enterprise(self, record_id: str) -> Record | None:
        return next((e for e in self.enterprises if e.id == record_id), None)

    def stories_of(self, enterprise: Record) -> list[Record]:
        return [c for c in self.cases if c.get("enterprise") == enterprise.id]

    def in_entry(self, entry: Entry) -> dict[str, list[Record]]:
        """Records that belong to a district, industry or program, by record type."""
        def matches(record: Record) -> bool:
            if entry.kind == "districts":
                venue = record.get("venue") or {}
                return record.get("district") == entry or venue.get("district") == entry
            if entry.kind == "industries":
                return record.get("industry") == entry
            if entry.kind == "programs":
                return entry in (record.get("programs") or [])
            return False

        return {
            "enterprise": [r for r in self.enterprises if matches(r)],
            "case": [r for r in self.cases if matches(r)],
            "training": [r for r in self.trainings if matches(r)],
        }
