"""The records already in content/ that an import meets: the one a row updates (its data as the
file has it, and as the check reads it), the ones rows point at, the names and old ids of a type
(so that a row without an id finds its record, and a new id takes no record's old URL), and the
published records that point at a record a row turns into a draft. Each file is read once, and
only when needed."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

from ..content import files
from ..content.fastpath import fast_load
from ..content.fieldpaths import walk
from ..content.loader import MAX_BYTES, display_path, load_yaml
from ..content.model import Record, relations
from ..content.problems import Problem
from ..content.registry import BY_NAME, TYPES, RecordType
from ..content.schemas import validate_against_schema
from ..content.taxonomy import Taxonomy
from ..content.validate import check_loaded, record_files
from .ids import identity


@dataclass
class Known:
    """A type's records by what tells them apart without an id, and the old ids they keep."""

    ids: set[str] = field(default_factory=set)
    by_identity: dict[tuple, str] = field(default_factory=dict)
    claimed: dict[str, str] = field(default_factory=dict)  # old id (redirect_from) -> the file keeping it


@dataclass
class Current:
    """A record a row updates: its data as the file has it, and as the check reads it."""

    raw: dict | None
    record: Record | None
    problems: list[Problem]


class Existing:
    def __init__(self, content_dir: Path, taxonomy: Taxonomy):
        self.content_dir = Path(content_dir)
        self.taxonomy = taxonomy
        self._ids: dict[str, set[str]] = {}
        self._plain: dict[tuple[str, str], Record | None] = {}
        self._known: dict[tuple[str, bool], Known] = {}

    def path(self, type_name: str, record_id: str) -> Path:
        return self.content_dir / BY_NAME[type_name].folder / f"{record_id}.yaml"

    def ids(self, type_name: str) -> set[str]:
        if type_name not in self._ids:
            paths, _ = record_files(self.content_dir / BY_NAME[type_name].folder)
            self._ids[type_name] = {path.stem for path in paths}
        return self._ids[type_name]

    def _data(self, record_type: RecordType, path: Path) -> dict | None:
        loaded = fast_load(path, record_type.name)
        if loaded is None:
            loaded, problems = load_yaml(path, root=self.content_dir)
            if problems:
                return None
        return loaded.data

    def record(self, type_name: str, record_id: str) -> Record | None:
        """The record with this id as its file has it (for its draft flag and its links), or None."""
        key = (type_name, record_id)
        if key not in self._plain:
            record_type = BY_NAME[type_name]
            data = self._data(record_type, self.path(type_name, record_id)) if record_id in self.ids(type_name) else None
            path = self.path(type_name, record_id)
            self._plain[key] = Record(record_type, record_id, display_path(path), data, path=path) if data is not None else None
        return self._plain[key]

    def current(self, record_type: RecordType, record_id: str) -> Current:
        """The record a row updates, read as `check` reads it (fast path when the file is right)."""
        path = self.path(record_type.name, record_id)
        loaded = fast_load(path, record_type.name)
        problems: list[Problem] = []
        if loaded is None:
            loaded, problems = load_yaml(path, root=self.content_dir)
            if problems:
                return Current(None, None, problems)
            problems = validate_against_schema(record_type.name, loaded)
        raw = copy.deepcopy(loaded.data)
        record, problems = check_loaded(record_type, path, loaded, self.taxonomy, self.content_dir, problems)
        return Current(raw, record, problems)

    def known(self, record_type: RecordType, names: bool) -> Known:
        """Every record of the type: ids, old ids, and (when names) the name (and date) of each."""
        for key in ((record_type.name, True), (record_type.name, names)):
            if key in self._known:
                return self._known[key]
        known = Known(set(self.ids(record_type.name)))
        for record_id in sorted(known.ids):
            path = self.path(record_type.name, record_id)
            if not names:  # only the old ids: read the few files that keep any
                try:
                    if b"redirect_from" not in files.read_bytes(path, MAX_BYTES, self.content_dir):
                        continue
                except files.Refused:
                    continue
            record = self.record(record_type.name, record_id)
            if record is None:
                continue
            key = identity(record_type.name, record_type.title_field, record.fields)
            if key:
                known.by_identity.setdefault(key, record_id)
            old_ids = record.get("redirect_from")
            for old in old_ids if isinstance(old_ids, list) else []:
                known.claimed.setdefault(str(old), record.source)
        self._known[(record_type.name, names)] = known
        return known

    def published_referrers(self, type_name: str, record_id: str) -> list[str]:
        """The files of published records that point at this one (x-ref)."""
        found = []
        for other in TYPES:
            for pattern, target in relations(other.name):
                if target != type_name:
                    continue
                for other_id in sorted(self.ids(other.name)):
                    record = self.record(other.name, other_id)
                    if record is None or record.get("draft"):
                        continue
                    if any(value == record_id for _, value in walk(record.fields, pattern)):
                        found.append(record.source)
        return sorted(set(found))
