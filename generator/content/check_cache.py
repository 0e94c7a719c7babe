"""What `check` already knows: the records that passed every check of their own file, keyed by
the file's exact bytes, so that a second check of 12,500 records reads and hashes the files
instead of checking each again (an editor checks again and again).

A cache must never hide a problem, so an entry is used only when nothing a file's checks read
can have changed: the file's bytes and name (the key), and, for the whole cache, the schemas, the
taxonomy, the files under content/media/ (names, sizes, times: records' images are checked
against them), the code of the checks, the Python and the libraries that ran them. Anything else
differs and the whole cache is dropped. Files with problems are never kept (they are checked
every time), a file that changed while it was being checked is not kept either, and the checks
across records (ids of other records, old ids) always run.

The cache lives outside the project, in the user's cache folder (~/.cache/zaozhuang-ecommerce/, one
file per content folder): a cache file in the working tree could come with a pull request, and
loading it would run whatever it holds. Delete that folder to start afresh.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from importlib import metadata
from pathlib import Path

from . import files
from .loader import MAX_BYTES
from .model import Record

VERSION = 2
_CODE = Path(__file__).resolve().parent  # generator/content/: every per-file check lives here
_SCHEMAS = _CODE.parent / "schemas"
# Libraries whose answers the per-file checks rely on (a new version may answer differently).
_LIBRARIES = ("pyyaml", "yaml-rs", "jsonschema", "jsonschema-rs", "cmarkgfm", "nh3", "pillow")


def cache_folder() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "zaozhuang-ecommerce"


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def _settings(content_dir: Path) -> str:
    """One digest of everything besides a file's own bytes that its checks read."""
    digest = hashlib.blake2b(f"{VERSION}|{sys.version}".encode())
    digest.update("|".join(f"{name}={_version(name)}" for name in _LIBRARIES).encode())
    for folder, pattern in ((_CODE, "*.py"), (_SCHEMAS, "*.json")):
        for path in sorted(folder.glob(pattern)):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    try:
        digest.update(files.read_bytes(content_dir / "taxonomy.yaml", MAX_BYTES, content_dir))
    except files.Refused:
        digest.update(b"-")
    media = content_dir / "media"
    # media linked to a folder outside the project (/, say) is never walked: the check refuses its images
    for folder, _, names in sorted(os.walk(media)) if files.inside(media, content_dir) else ():
        for name in sorted(names):
            path = os.path.join(folder, name)
            try:
                stat = os.stat(path)
                seen = f"{stat.st_size}|{stat.st_mtime_ns}"
            except OSError:  # a broken link: the check reports it if a record uses it
                seen = "unreadable"
            digest.update(f"{os.path.relpath(path, media)}|{seen}".encode())
    return digest.hexdigest()


def file_key(path: Path, raw: bytes) -> str:
    return f"{path.parent.name}/{path.name}|{hashlib.blake2b(raw, digest_size=20).hexdigest()}"


class CheckCache:
    def __init__(self, content_dir: Path):
        where = hashlib.blake2b(str(Path(content_dir).resolve()).encode(), digest_size=8).hexdigest()
        self.path = cache_folder() / f"check-{where}.pickle"
        self.settings = _settings(Path(content_dir))
        self.entries: dict[str, Record] = {}
        self.used: set[str] = set()
        self.changed = False
        try:
            with open(self.path, "rb") as handle:
                if pickle.load(handle) == self.settings:  # a short header: the rest only when it fits
                    entries = pickle.load(handle)
                    if isinstance(entries, dict) and all(isinstance(r, Record) for r in entries.values()):
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
                pickle.dump(self.settings, handle, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump(kept, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.path)
        except OSError:  # no writable cache folder: check works, only slower next time
            pass
