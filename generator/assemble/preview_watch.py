"""`mkdocs serve` at campaign scale: an edited record's pages are served updated within a second.

MkDocs' own cycle takes seconds with 13,000 generated pages: it polls docs/ and content/ for
changes every half second (27,000 files, a few tenths of a second a poll), then reloads its
configuration and walks every file of docs/ before it rebuilds anything (bench/README.md). So:

- docs/'s generated folders are not polled: only the hand-written pages are (the generator writes
  the generated ones itself, and MkDocs' rebuild after an edit picks them up);
- an edit to a record, seen at once through the operating system's file events, re-renders the
  pages it touches (preview_pages.Preview) and writes them into the served site from the shells of the
  last build (the plugin's page_shells.Shells), exactly as a build writes them. MkDocs' own
  rebuild follows as before: it reloads the open browser tabs and brings the rest of the site up
  to date.
"""

from __future__ import annotations

import logging
import queue
import threading
from pathlib import Path
from typing import Callable

from ..content.problems import ContentError
from .page_shells import Shells
from .preview_pages import Preview

log = logging.getLogger("mkdocs.plugins.campaign")
QUIET = 0.05  # seconds without another file event before an edit is taken (an editor's save is several events)


def watch_hand_written(server, docs_dir: Path, generated: tuple[str, ...]) -> None:
    """Poll only docs/'s hand-written pages and folders, not the generator's folders."""
    server.unwatch(str(docs_dir))
    server.watch(str(docs_dir), recursive=False)
    for child in sorted(Path(docs_dir).iterdir()):
        if child.is_dir() and child.name not in generated and not child.name.startswith("."):
            server.watch(str(child))


class RecordEdits:
    """Watches content/ through the operating system's file events (not polling) and writes the
    pages of each edited record into the served site straight away, from the shells of the last build."""

    def __init__(self, preview: Preview, shells: Shells, site_dir: str, today: Callable):
        self.preview, self.shells, self.site_dir, self.today = preview, shells, site_dir, today
        self.events: queue.Queue = queue.Queue()
        self.observer = None

    def start(self) -> None:
        from watchdog.events import FileSystemEventHandler
        from watchdog.observers import Observer

        events = self.events

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event):
                path = getattr(event, "dest_path", "") or event.src_path
                if not event.is_directory and str(path).endswith(".yaml") and event.event_type != "opened":
                    events.put(path)

        self.observer = Observer()
        self.observer.daemon = True
        self.observer.schedule(Handler(), str(self.preview.project.content_dir), recursive=True)
        self.observer.start()
        threading.Thread(target=self._work, daemon=True, name="record-edits").start()

    def stop(self) -> None:
        if self.observer is not None:
            self.observer.stop()

    def _work(self) -> None:
        while True:
            self.events.get()
            try:
                while True:  # take the whole save, then the newest state of every file
                    self.events.get(timeout=QUIET)
            except queue.Empty:
                pass
            try:
                self.apply()
            except Exception as err:  # keep watching: MkDocs' own rebuild still brings the edit
                log.warning("预览：本次修改没能立即写入（%s），稍后随整站刷新显示", err)

    def apply(self) -> list[str]:
        """Re-render what changed and write its pages into the served site; the pages written."""
        try:
            report = self.preview.update(self.today())
        except ContentError:
            return []  # MkDocs' own rebuild reports the problems in its log
        except Exception:  # the preview must keep running; MkDocs' rebuild shows the error
            log.debug("record edit not applied", exc_info=True)
            return []
        written = self.shells.rewrite(str(self.preview.project.docs_dir), self.site_dir, report.pages)
        if written:
            log.info("预览：已更新 %d 个页面", len(written))
        return written
