"""Driving the web editor (Sveltia CMS, generator/admin/) in Chromium with its test backend, whose
files live in the browser's origin-private file system (OPFS): put a content/ folder there before
signing in, read it back after editing. Shared by tests/test_admin_browser.py and bench/admin_bench.py."""

from __future__ import annotations

import base64
from pathlib import Path

TEST_REPO_DIR = "sveltia-cms-test"  # the folder the test backend reads in OPFS (Sveltia's backends/fs/test.js)

_WRITE_FILES = """async ([top, files]) => {
  const root = await navigator.storage.getDirectory();
  let base = await root.getDirectoryHandle(top, {create: true});
  for (const [path, data] of files) {
    const parts = path.split('/');
    let dir = base;
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, {create: true});
    const file = await dir.getFileHandle(parts[parts.length - 1], {create: true});
    const writable = await file.createWritable();
    const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
    await writable.write(bytes);
    await writable.close();
  }
  return files.length;
}"""

_READ_FILES = """async (top) => {
  const root = await navigator.storage.getDirectory();
  const out = {};
  async function walk(dir, prefix) {
    for await (const [name, handle] of dir.entries()) {
      const path = prefix + name;
      if (handle.kind === 'directory') { await walk(handle, path + '/'); continue; }
      const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      out[path] = btoa(binary);
    }
  }
  try { await walk(await root.getDirectoryHandle(top), ''); } catch (e) { if (e.name !== 'NotFoundError') throw e; }
  return out;
}"""

_CLEAR = """async (top) => {
  const root = await navigator.storage.getDirectory();
  try { await root.removeEntry(top, {recursive: true}); } catch (e) { if (e.name !== 'NotFoundError') throw e; }
}"""


def preload(page, project: Path, folders=("content",), batch_bytes: int = 4_000_000) -> int:
    """Copy project/<folder> trees into the test backend's OPFS folder (the page must be on the site's origin)."""
    page.evaluate(_CLEAR, TEST_REPO_DIR)
    batch: list[tuple[str, str]] = []
    size = written = 0
    for folder in folders:
        for path in sorted((Path(project) / folder).rglob("*")):
            if not path.is_file():
                continue
            data = base64.b64encode(path.read_bytes()).decode("ascii")
            batch.append((path.relative_to(project).as_posix(), data))
            size += len(data)
            if size >= batch_bytes:
                written += page.evaluate(_WRITE_FILES, [TEST_REPO_DIR, batch])
                batch, size = [], 0
    if batch:
        written += page.evaluate(_WRITE_FILES, [TEST_REPO_DIR, batch])
    return written


def read_back(page) -> dict[str, bytes]:
    """Every file in the test backend's OPFS folder, by its path in the repository."""
    return {path: base64.b64decode(data) for path, data in page.evaluate(_READ_FILES, TEST_REPO_DIR).items()}
