"""What `check` already knows: the records that passed every check of their own file, kept in
.cache/check.pickle and keyed by the file's exact bytes, so that a second check of 12,500 records
reads and hashes the files instead of checking each again (an editor checks again and again).

A cache must never hide a problem, so an entry is used only when nothing a file's checks read
can have changed: the file's bytes and name (the key), and, for the whole cache, the schemas, the
taxonomy, the files under content/media/ (names, sizes, times: records' images are checked
against them), the code of the checks and the Python that ran them. Anything else differs and
the whole cache is dropped. Files with problems are never kept (they are checked every time), and
the checks across records (ids of other records, old ids) always run.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path

from .model import Record

FILE = Path(".cache") / "check.pickle"  # under the project root (content/'s parent)
VERSION = 1
_CODE = Path(__file__).resolve().parent  # generator/content/: every per-file check lives here
_SCHEMAS = _CODE.parent / "schemas"


def _settings(content_dir: Path) -> str:
    """One digest of everything besides a file's own bytes that its checks read."""
    digest = hashlib.blake2b(f"{VERSION}|{sys.version}".encode())
    for folder in (_CODE, _SCHEMAS):
        for path in sorted(folder.glob("*.py" if folder == _CODE else "*.json")):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for name in ("taxonomy.yaml",):
        path = content_dir / name
        digest.update(name.encode() + b"\0" + (path.read_bytes() if path.is_file() else b"-"))
    media = content_dir / "media"
    if media.is_dir():
        for folder, _, names in sorted(os.walk(media)):
            for name in sorted(names):
                stat = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def file_key(path: Path, raw: bytes) -> str:
    return f"{path.parent.name}/{path.name}|{hashlib.blake2b(raw, digest_size=20).hexdigest()}"


class CheckCache:
    def __init__(self, content_dir: Path):
        self.path = Path(content_dir).resolve().parent / FILE
        self.settings = _settings(Path(content_dir))
        self.entries: dict[str, Record] = {}
        self.used: set[str] = set()
        self.changed = False
        try:
            with open(self.path, "rb") as handle:
                settings, entries = pickle.load(handle)
            if settings == self.settings:
                self.entries = entries
        except Exception:  # no cache yet, or one from another version: start afresh
            self.entries = {}

    def get(self, key: str) -> Record | None:
        record = self.entries.get(key)
        if record is not None:
            self.used.add(key)
        return record

    def put(self, key: str, record: Record) -> None:
        self.entries[key] = record
        self.used.add(key)
        self.changed = True

    def save(self) -> None:
        """Keep the entries of this check's files only (a renamed or edited file leaves none behind)."""
        if not self.changed and len(self.used) == len(self.entries):
            return
        kept = {key: self.entries[key] for key in self.used}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
            with open(temporary, "wb") as handle:
                pickle.dump((self.settings, kept), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.path)
        except OSError:  # a read-only checkout: check works, only slower next time
            pass
