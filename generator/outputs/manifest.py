"""No URL lost: the list of published URLs, redirects for renamed records, and the check
that every URL of an older manifest still answers (as a page, a redirect or a retirement)."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from ..content.loader import load_yaml
from ..content.model import Site
from ..content.problems import Problem
from ..content.registry import with_calendar
from ..content.schemas import validate_against_schema
from ..pages.paging import comes_and_goes
from ..pages.urls import GENERATED_FILES, generated_dirs, url_of
from .calendars import ics_path

MANIFEST_FILE = "manifest.json"  # published with the site: the next build checks against it
REDIRECTS_FILE = ".redirects.json"  # a dotfile, so MkDocs does not publish it; read by the hook


def redirect_map(site: Site) -> dict[str, str]:
    """mkdocs-redirects map: old Markdown path -> the record's current Markdown path."""
    return {
        f"{record.type.folder}/{old}.md": record.doc_path for record in site.all() for old in record.get("redirect_from") or []
    }


BLOG_POSTS = "news/posts/"  # mkdocs.yml: blog_dir news, post_url_format "{slug}"


def _front_matter(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    if text.startswith("---"):
        try:
            meta = yaml.safe_load(text.split("---", 2)[1]) or {}
            return meta if isinstance(meta, dict) else {}
        except yaml.YAMLError:
            return {}
    return {}


def post_url(path: Path) -> str:
    """A news post is published at news/<slug>/ (its front matter `slug`)."""
    return f"news/{_front_matter(path).get('slug') or path.stem}/"


def hand_written_pages(docs_dir: Path) -> list[Path]:
    """The Markdown pages of docs/ that people wrote (not the generator), sorted."""
    pages = []
    for path in sorted(Path(docs_dir).rglob("*.md")):
        relative = path.relative_to(docs_dir).as_posix()
        if relative in GENERATED_FILES or relative.split("/", 1)[0] in generated_dirs():
            continue
        if any(part.startswith(".") for part in path.relative_to(docs_dir).parts):
            continue
        pages.append(path)
    return pages


def hand_written_urls(docs_dir: Path) -> set[str]:
    urls = set()
    for path in hand_written_pages(docs_dir):
        relative = path.relative_to(docs_dir).as_posix()
        if relative.startswith(BLOG_POSTS):
            if not _front_matter(path).get("draft"):  # the blog does not publish a draft post
                urls.add(post_url(path))
        else:
            urls.add(url_of(relative))
    return urls


def page_urls(generated_pages: dict[str, str], docs_dir: Path) -> list[str]:
    """Every page of the site: the generated ones and the hand-written ones (for the sitemap)."""
    return sorted({url_of(path) for path in generated_pages if path.endswith(".md")} | hand_written_urls(docs_dir))


def published_urls(generated_pages: dict[str, str], site: Site, docs_dir: Path) -> list[str]:
    # Pages and site-wide files (data, feeds). A record's own attachments (its .ics) follow
    # the record and are not promised separately: a redirect can only carry pages. Nor are the
    # numbered pages of lists, which come and go with the number of records.
    attachments = {ics_path(r) for t in with_calendar() for r in site.of(t.name)}
    urls = {
        url_of(path) if path.endswith(".md") else path
        for path in generated_pages
        if path not in attachments and not comes_and_goes(path)
    }
    urls |= hand_written_urls(docs_dir)
    urls |= {url_of(old) for old in redirect_map(site)}
    return sorted(urls)


def manifest_files(generated_pages: dict[str, str], site: Site, docs_dir: Path) -> dict[str, str]:
    """The two bookkeeping files written beside the pages (sorted, no dates: reproducible)."""
    manifest = {
        "说明": "本站已发布的全部网址。改版时用 python -m generator check --against 检查没有网址丢失。",
        "urls": published_urls(generated_pages, site, docs_dir),
    }
    return {
        MANIFEST_FILE: json.dumps(manifest, ensure_ascii=False, indent=1) + "\n",
        REDIRECTS_FILE: json.dumps(redirect_map(site), ensure_ascii=False, indent=1, sort_keys=True) + "\n",
    }


def retired_urls(content_dir: Path) -> tuple[set[str], list[Problem]]:
    path = Path(content_dir) / "retired.yaml"
    if not path.exists():
        return set(), []
    loaded, problems = load_yaml(path, root=content_dir)
    if problems:
        return set(), problems
    problems = validate_against_schema("retired", loaded)
    if problems:
        return set(), problems
    return {item["url"] for item in loaded.data["retired"]}, []


def lost_urls(old_manifest: Path, current: list[str], content_dir: Path) -> list[Problem]:
    file = str(old_manifest)
    try:
        old = json.loads(Path(old_manifest).read_text(encoding="utf-8"))["urls"]
    except (OSError, ValueError, KeyError, TypeError) as err:
        return [Problem(file, 0, 0, "", f"无法读取旧的网址清单（{err}）。请给出上次发布时生成的 manifest.json")]
    retired, problems = retired_urls(content_dir)
    present = set(current) | retired
    for url in old:
        if url not in present:
            problems.append(
                Problem(
                    file,
                    0,
                    0,
                    "",
                    (
                        f"网址 /{url} 上次发布过，这次没有了。记录改了文件名的，请在新文件里加“redirect_from: [旧文件名]”；"
                        "确实要下线的，请在 content/retired.yaml 里登记网址、原因和日期"
                    ),
                )
            )
    return problems
