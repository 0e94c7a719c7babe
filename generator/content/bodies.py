"""Markdown bodies written by editors: checked, then turned into sanitised HTML.

Bodies are converted here, not by MkDocs, so that what editors type passes an allow-list
(nh3) before it reaches a page: no script, style, iframe, event handler or javascript: URL.
Nothing is dropped silently: `inspect_body` finds everything the allow-list would remove with
its content (a script, an image from another host, an embedded video) so that `check` can tell
the editor, and images from content/media/ (`![说明](media/a.jpg)`) are shown, sized for phones.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Callable, Iterator
from urllib.parse import unquote, urlsplit

import cmarkgfm
import nh3
from cmarkgfm.cmark import Options
from markupsafe import Markup, escape

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "em",
    "b",
    "i",
    "u",
    "s",
    "del",
    "ins",
    "mark",
    "sub",
    "sup",
    "small",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "code",
    "pre",
    "hr",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "caption",
    "a",
    "abbr",
    "img",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "th": {"align"},
    "td": {"align"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
}
# GitHub-flavoured CommonMark, as the previews editors see it in (VS Code, GitHub) show it, by the
# compiled cmark-gfm (twenty times Python-Markdown's speed: 12,500 bodies in 0.3 s). Raw HTML is
# kept in its output (UNSAFE, and no tagfilter) so that inspect_body sees it and nh3 decides.
MARKDOWN_EXTENSIONS = ["table", "strikethrough", "autolink"]

# Elements the allow-list removes together with what they show or load.
_EMBEDS = {
    "iframe": "网页",
    "frame": "网页",
    "video": "视频",
    "audio": "音频",
    "embed": "插件内容",
    "object": "插件内容",
    "source": "视频或音频",
    "track": "字幕",
    "picture": "图片",
    "svg": "矢量图",
    "canvas": "画布",
    "math": "公式",
    "form": "表单",
    "input": "表单",
    "button": "按钮",
    "select": "表单",
    "textarea": "表单",
}
_CODE = {
    "script": "脚本",
    "style": "样式表",
    "link": "外部文件",
    "meta": "页面设置",
    "base": "页面设置",
    "noscript": "脚本",
    "template": "模板",
}
# Formatting pasted from Word or a web page, which the allow-list strips while keeping the text:
# reported so that an editor does not publish a page without the emphasis they saw in a preview.
_FORMATTING = {
    "font": "字体、颜色",
    "span": "文字格式",
    "div": "版式",
    "center": "居中",
    "details": "折叠内容",
    "summary": "折叠内容的标题",
    "big": "大字",
    "marquee": "滚动文字",
    "section": "版式",
    "article": "版式",
}
_ATTRIBUTES = {
    "style": "样式：颜色、字号、对齐等",
    "class": "样式",
    "color": "颜色",
    "align": "对齐",
    "size": "字号",
    "face": "字体",
    "target": "在新窗口打开",
    "id": "锚点名",
}
_LOADING_ATTRIBUTES = ("src", "data", "poster", "srcset", "href")
_UNSAFE_SCHEMES = ("javascript:", "vbscript:", "data:")
URL_SCHEMES = {"http", "https", "mailto", "tel"}  # what links may use (nh3 removes any other address)
_SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):")
# Only text that could hold one of the above is parsed: most bodies are plain paragraphs. (`&`: an
# entity such as javascript&#58; is decoded by the Markdown converter, so it must be looked at.)
_SUSPECT = re.compile(r"<|!\[|\]\(|&|@|javascript:|vbscript:|data:", re.IGNORECASE)
# `![说明](media/文件 名.jpg)`: CommonMark reads no image when the address has a space in it.
_SPACED_IMAGE = re.compile(r"!\[[^\]\n]*\]\((?!<)[^)\n]*?[^)\s][ \t\u3000]+[^)\s\"'(][^)\n]*\)")  # a title ("…") is no space


@dataclass(frozen=True)
class BodyIssue:
    offset: int  # in the Markdown text, for the line number in the message
    message: str


@dataclass(frozen=True)
class BodyImage:
    offset: int
    src: str
    alt: str


def _host(url: str) -> str | None:
    """The other host a URL loads from, or None for a file of this site."""
    url = url.strip()
    if url.startswith("//"):
        return urlsplit("http:" + url).hostname or url
    parts = urlsplit(url)
    if parts.scheme in ("http", "https", "ftp"):
        return parts.hostname or url
    return None


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, {name: value or "" for name, value in attrs}))

    handle_startendtag = handle_starttag


def _to_html(text: str) -> str:
    return cmarkgfm.markdown_to_html_with_extensions(text, options=Options.CMARK_OPT_UNSAFE, extensions=MARKDOWN_EXTENSIONS)


def _offset(text: str, *needles: str | None, nth: int = 0) -> int:
    """Where the first of needles occurs (its nth occurrence, else its first) in text."""
    lowered = text.lower()
    for needle in needles:
        if needle:
            at = -1
            for _ in range(nth + 1):
                found = lowered.find(needle.lower(), at + 1)
                if found < 0:
                    break
                at = found
            if at >= 0:
                return at
    return 0


def _issues(text: str) -> Iterator[BodyIssue | BodyImage]:
    for spaced in _SPACED_IMAGE.finditer(text):
        yield BodyIssue(
            spaced.start(),
            "图片地址里有空格，这样写图片不会显示。请把文件名里的空格去掉（content/media/ 里的文件也要改名），"
            "或者把地址写在尖括号里，如 ![图片说明](<media/文件 名.jpg>)",
        )
    collector = _Collector()
    collector.feed(_to_html(text))
    collector.close()
    seen: dict[str, int] = {}
    for tag, attrs in collector.found:
        nth = seen[tag] = seen.get(tag, -1) + 1
        typed = f"<{tag}" if f"<{tag}" in text.lower() else None  # raw HTML, not Markdown's ![…](…)
        where = _offset(text, typed, *(f"({attrs.get(a)}" for a in _LOADING_ATTRIBUTES if attrs.get(a)), nth=nth)
        loads = next((attrs[a] for a in _LOADING_ATTRIBUTES if tag != "a" and attrs.get(a)), "")
        host = _host(loads) if loads else None
        if tag == "img":
            src = unquote(attrs.get("src", ""))  # the converter writes 企业.jpg as %E4%BC%81%E4%B8%9A.jpg
            if host:
                yield BodyIssue(
                    where,
                    f"正文里的图片来自其他网站（{host}），发布时会被去掉，外站图片也可能打不开。"
                    f"请把图片文件放进 content/media/，再写成 ![图片说明](media/文件名.jpg)",
                )
            elif f"<{tag}" in text.lower() and f"({src})" not in text:
                yield BodyIssue(
                    where, "正文里的图片请用 ![图片说明](media/文件名.jpg) 的写法，不要直接写 <img>，否则发布时会被去掉"
                )
            else:
                yield BodyImage(where, src, attrs.get("alt", ""))
        elif tag in _EMBEDS:
            source = f"其他网站（{host}）的" if host else ""
            yield BodyIssue(
                where,
                f"正文里嵌入了{source}{_EMBEDS[tag]}（<{tag}>），本站不嵌入这类内容，发布时会被去掉。"
                "请改成普通链接，如 [观看视频](https://…)；图片请放进 content/media/",
            )
        elif tag in _CODE:
            yield BodyIssue(where, f"正文里不能有 <{tag}>（{_CODE[tag]}），发布时会被去掉。请删除这一段")
        elif tag not in ALLOWED_TAGS and typed and tag not in ("h1", "summary"):  # h1 becomes h2; summary: with details
            what = _FORMATTING.get(tag, "格式")
            yield BodyIssue(
                where,
                f"正文里的 <{tag}>（{what}）发布时会被去掉，只留下里面的文字，网页上看不到这个效果。"
                f"请删去 <{tag}…> 和 </{tag}>；要强调请用 **加粗**，要分段请空一行，要小标题请写 ## 小标题",
            )
        for name, value in attrs.items():
            if name in ALLOWED_ATTRIBUTES.get(tag, ()) or name.startswith("on") or not typed or f"{name}=" not in text.lower():
                pass  # allowed, reported below, or written by the Markdown converter (a list's start, a code block's language)
            elif tag in ALLOWED_TAGS:
                yield BodyIssue(
                    _offset(text, f"{name}="),
                    f"正文里 <{tag}> 的 {name}=（{_ATTRIBUTES.get(name, '格式设置')}）发布时会被去掉，网页上看不到这个效果。"
                    f'请删去 {name}="…"；本站正文统一用网站的字体和颜色',
                )
            if name.startswith("on"):
                yield BodyIssue(_offset(text, name), f"正文里的 <{tag}> 带有脚本属性 {name}，发布时会被去掉。请删除它")
            elif name == "href" and _host(value) and "@" in urlsplit(value.strip()).netloc:
                # https://www.gov.cn@evil.example/ looks like one site and opens the other
                yield BodyIssue(
                    _offset(text, value, "@"),
                    f"链接“{value}”的域名前有 @，点开去的其实是 {_host(value)}。请写成网站本来的地址（域名前不能有“…@”）",
                )
            elif name in ("href", "src") and (scheme := _SCHEME.match(value)) and scheme.group(1).lower() not in URL_SCHEMES:
                written = scheme.group(1)
                if value.strip().lower().startswith(_UNSAFE_SCHEMES):
                    yield BodyIssue(
                        _offset(text, value, written + ":", written),
                        f"链接地址“{written}:…”不安全，发布时会被去掉。请改成以 http:// 或 https:// 开头的网址",
                    )
                else:
                    yield BodyIssue(
                        _offset(text, value, written + ":", written),
                        (
                            f"链接地址“{written}:…”发布时会被去掉：正文里的链接只能是网址（http:// 或 https://）、"
                            "电子邮件（mailto:）或电话（tel:）。请改成网址，或者写成文字"
                        ),
                    )


def inspect_body(text: str | None) -> tuple[list[BodyIssue], list[BodyImage]]:
    """What the sanitiser would remove (each an issue for the editor) and the images to show."""
    if not text or not _SUSPECT.search(text):
        return [], []
    issues, images = [], []
    for found in _issues(text):
        (images if isinstance(found, BodyImage) else issues).append(found)
    return issues, images


# How cmark-gfm writes a Markdown image (attribute values escaped as HTML).
_IMAGE = re.compile(r'<img src="([^"]*)" alt="([^"]*)"(?: title="[^"]*")? />')


def _place_images(html: str, place: Callable[[str], dict[str, str] | None]) -> str:
    """`![说明](media/a.jpg)` -> the phone-sized copy, linked relative to the page, with its size;
    an image that is not one of the record's own loses its address (check has refused it already)."""

    def one(match: re.Match) -> str:
        from html import unescape

        attributes = place(unquote(unescape(match.group(1)))) or {"src": "", "alt": unescape(match.group(2))}
        return "<img " + " ".join(f'{name}="{escape(value)}"' for name, value in sorted(attributes.items())) + ">"

    return _IMAGE.sub(one, html)


def _demote_headings(html: str) -> str:
    # The page title is the only h1; an editor's "# 标题" becomes a section heading.
    return html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")


def _only_own_images(tag: str, attribute: str, value: str) -> str | None:
    if tag == "img" and attribute == "src" and (not value or _host(value) or ":" in value.split("/")[0]):
        return None
    return value


def render_body(text: str | None, images: dict | None = None, page_url: str = "") -> Markup:
    """Sanitised HTML of a body. images maps each `src` as written to its published Image;
    page_url is the site-relative URL of the page the body appears on (for relative links)."""
    if not text:
        return Markup("")
    images = images or {}

    def place(src: str) -> dict[str, str] | None:
        image = images.get(src.strip())
        if image is None:
            return None
        href = posixpath.relpath(image.src, page_url.rstrip("/") or ".")
        return {
            "src": href,
            "alt": image.alt,
            "width": str(image.width),
            "height": str(image.height),
            "loading": "lazy",
            "decoding": "async",
        }

    html = _place_images(_to_html(text), place)
    clean = nh3.clean(
        _demote_headings(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        attribute_filter=_only_own_images,
    )
    return Markup(clean)
