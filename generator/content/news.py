"""News posts (docs/news/posts/*.md, Material's blog) get the same care as records:
front matter checked, ASCII slug (it is the URL), a known category, a real date."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

from . import files
from .loader import _Loader as TextDatesLoader
from .loader import display_path
from .problems import Problem

POSTS = Path("news") / "posts"
MAX_BYTES = 1024 * 1024  # a news post is a page or two of text
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{2,63}$")


def year_range() -> tuple[int, int]:
    from .validate import year_range as of_the_schemas  # the records' years, stated once in the schemas

    return of_the_schemas()


def check_posts(docs_dir: Path, categories_allowed: list[str]) -> list[Problem]:
    problems = []
    folder = Path(docs_dir) / POSTS
    slugs: dict[str, str] = {}
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        file = display_path(path)

        def add(field: str, message: str) -> None:
            problems.append(Problem(file, 1, 1, field, message))

        try:
            text = files.read_bytes(path, MAX_BYTES, docs_dir).decode("utf-8", errors="replace")
        except files.Refused as refused:
            add("", str(refused))
            continue
        if not text.startswith("---"):
            add("", "新闻稿开头缺少“---”包起来的信息区（title、date、slug、categories）")
            continue
        front = text.split("---", 2)[1]
        if files.nesting_too_deep(front):
            add("", files.TOO_DEEP)
            continue
        try:
            meta = yaml.load(front, Loader=TextDatesLoader) or {}
        except (yaml.YAMLError, ValueError):
            add("", "新闻稿开头的信息区格式不对，请检查缩进和冒号")
            continue
        if not isinstance(meta, dict):
            add("", "新闻稿开头的信息区应该是“字段: 内容”的形式")
            continue
        if not meta.get("title"):
            add("title（标题）", "缺少标题")
        date = meta.get("date")
        if isinstance(date, dict):
            date = date.get("created")
        try:
            date = dt.datetime.fromisoformat(str(date).strip())
        except ValueError:
            date = None
        first, last = year_range()
        if date is None:
            add("date（日期）", "缺少日期或日期无效，请写成 2026-11-20 这样的格式")
        elif not first <= date.year <= last:
            add("date（日期）", f"日期 {date:%Y-%m-%d} 的年份不在 {first} 到 {last} 年之间，不会是本站新闻的日期，请核对年份")
        slug = str(meta.get("slug", ""))
        if not SLUG.match(slug):
            add("slug（网址名）", f"网址名“{slug}”不合规：只能用小写英文字母、数字和连字符，3 到 64 个字符")
        elif slug in slugs:
            add("slug（网址名）", f"网址名“{slug}”和 {slugs[slug]} 重复")
        else:
            slugs[slug] = file
        categories = meta.get("categories") or []
        for category in categories if isinstance(categories, list) else [categories]:
            if categories_allowed and category not in categories_allowed:
                add("categories（栏目）", f"栏目“{category}”不在允许的栏目里：{'、'.join(categories_allowed)}")
    return problems
