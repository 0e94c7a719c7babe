"""The whole pipeline for one project: check -> render -> write docs/ -> MkDocs -> swap into site/."""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import signal
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..content.model import Site
from ..content.news import check_posts
from ..content.problems import ContentError, Problem
from ..content.registry import TYPES
from ..content.siteconfig import SiteConfig
from ..content.taxonomy import page_lists
from ..content.validate import CheckResult, check_content
from ..outputs import output_files
from ..outputs.images import publish_images
from ..outputs.manifest import manifest_files, page_urls
from ..outputs.progress import compute
from ..outputs.sitemap import sitemap_files
from ..pages.render import Renderer
from .output_guard import refuse_leaks
from .search_index import SearchIndex, SearchIndexFailed, start_index
from .serving import prepare_for_serving
from .site_folder import mark, refusal, remove_leftovers
from .writer import WriteReport, mark_ignored, write_pages


class BuildFailed(Exception):
    """MkDocs could not build the site; the message is for editors."""


@dataclass
class Project:
    root: Path
    content_dir: Path
    docs_dir: Path
    config_file: Path

    @classmethod
    def at(cls, root: Path | str = ".", content_dir: Path | str | None = None) -> "Project":
        root = Path(root)
        return cls(root, Path(content_dir) if content_dir else root / "content", root / "docs", root / "mkdocs.yml")


def generated_files(site: Site, config: SiteConfig | None = None) -> dict[str, str]:
    """Every file the generator writes for a site (docs-relative path -> text): its Markdown
    pages and the other files (calendars, open data, charts, feed)."""
    config = config or SiteConfig()
    progress = compute(site)
    renderer = Renderer(site, config, progress)
    files = renderer.pages()
    files.update(renderer.filter_files())
    files.update(output_files(site, config, progress))
    return files


def generate(project: Project, today: dt.date, checked: Callable[[Site], None] | None = None) -> tuple[CheckResult, WriteReport]:
    """Check the content and write its Markdown pages; raise ContentError on any problem.
    checked(site) is called as soon as the content has passed (the search index starts then)."""
    result = check_content(project.content_dir, today)
    config = SiteConfig.read(project.config_file)
    result.problems += check_posts(project.docs_dir, list(config.news_categories)) + config.problems(project.config_file)
    if result.problems or result.site is None:
        raise ContentError(result.problems or [Problem(str(project.content_dir), 0, 0, "", "无法读取内容")])
    if checked is not None:
        checked(result.site)
    files = generated_files(result.site, config)
    files.update(manifest_files(files, result.site, project.docs_dir))
    files.update(sitemap_files(page_urls(files, project.docs_dir), [t.folder for t in TYPES] + list(page_lists()), config))
    report = write_pages(project.docs_dir, files)
    publish_images(result.site.images(), project.docs_dir)
    if (project.docs_dir / "media").is_dir():
        mark_ignored(project.docs_dir / "media")
    return result, report


@contextmanager
def _environment(**values: str):
    """MkDocs reads some settings from the environment only (SOURCE_DATE_EPOCH): set for its run."""
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _run_mkdocs(config_file: Path, site_dir: Path, strict: bool, today: dt.date) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    from .plugin import CampaignPlugin

    try:
        config = load_config(str(config_file), site_dir=str(site_dir), strict=strict)
        # As `mkdocs build` does: some plugins (the RSS one) set themselves up on startup.
        config.plugins.on_startup(command="build", dirty=False)
        # Our plugin (mkdocs.yml `plugins:`) for this build: docs/ are generated already, and the
        # search index is made here, beside MkDocs.
        try:
            plugin = CampaignPlugin.of(config)
            plugin.config.generate = False
            plugin.config.today = today
            build(config)
        finally:
            config.plugins.on_shutdown()
    except MkDocsException as err:
        raise BuildFailed(f"站点构建失败：{err}") from err
    except Exception as err:  # a plugin or theme bug: report it, never leave half a site
        logging.getLogger(__name__).debug("MkDocs build failed", exc_info=True)
        raise BuildFailed(f"站点构建失败（{type(err).__name__}: {err}）") from err


def _swap_in(new_site: Path, site_dir: Path) -> None:
    """Replace site_dir by new_site with two renames, so site/ is never half-written (Ctrl-C waits
    until both are done)."""
    old = site_dir.with_name(f".{site_dir.name}.old-{os.getpid()}")
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        if site_dir.exists():
            site_dir.rename(old)
        new_site.rename(site_dir)
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    shutil.rmtree(old, ignore_errors=True)


def prepare_site_dir(project: Project, site_dir: Path) -> None:
    """Refuse a folder a build must not replace (site_folder.py), before anything is done; remove
    what builds killed outright left beside it; make its parent."""
    refused = refusal(site_dir, project)
    if refused:
        raise BuildFailed(refused)
    remove_leftovers(site_dir)
    Path(site_dir).absolute().parent.mkdir(parents=True, exist_ok=True)  # OSError: the command says why


def _write_editor(target: Path, root: Path) -> None:
    from ..admin.write import EditorBuildError, write_editor

    try:
        write_editor(target, root)
    except EditorBuildError as err:
        raise BuildFailed(f"网页编辑器未能生成：{err}") from err


def build_site(project: Project, today: dt.date, site_dir: Path, strict: bool = False, editor: bool = False) -> CheckResult:
    """Full build. On any failure raises, and the previous site_dir is left exactly as it was."""
    # The search index is made from the records themselves (search_index.py) by Pagefind's own
    # process, from the moment the content has passed its check, beside rendering and MkDocs (fed
    # without a thread: rendering forks its workers after it starts).
    prepare_site_dir(project, site_dir)
    started: list[SearchIndex] = []
    try:
        result, _ = generate(project, today, lambda site: started.append(start_index(site, project.docs_dir)))
    except SearchIndexFailed as err:
        raise BuildFailed(str(err)) from err
    except BaseException:
        for search in started:
            search.abandon()
        raise
    search = started[0]
    site_dir = Path(site_dir).absolute()
    temporary = site_dir.with_name(f".{site_dir.name}.building-{os.getpid()}")
    shutil.rmtree(temporary, ignore_errors=True)
    # Reproducible output: dates in the feeds and the like follow the build date, not the clock.
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or str(int(time.mktime(today.timetuple())))
    try:
        with _environment(SOURCE_DATE_EPOCH=epoch):
            _run_mkdocs(project.config_file, temporary, strict, today)
        try:  # the search index belongs to the new site: written before the swap, or no swap at all
            search.write(temporary)
        except SearchIndexFailed as err:
            raise BuildFailed(str(err)) from err
        if editor:  # the web editor at admin/ (generator/admin/)
            _write_editor(temporary / "admin", project.root)
        # the last look before publishing: no private number in any file, file name or search record
        refuse_leaks(temporary, project, result.site, search.records, error=BuildFailed)
        mark(temporary)
        # ready for a web server: our CSS and JS minified, text files precompressed (serving.py)
        prepare_for_serving(temporary, project.root / SiteConfig.read(project.config_file).theme_dir, previous=site_dir)
        _swap_in(temporary, site_dir)
    finally:
        search.abandon()
        shutil.rmtree(temporary, ignore_errors=True)
    return result
