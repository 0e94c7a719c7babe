"""Markdown bodies written by editors -> sanitised HTML.

Bodies are converted here, not by MkDocs, so that what editors type passes an allow-list
(nh3) before it reaches a page: no script, style, iframe, event handler or javascript: URL.
"""
from __future__ import annotations

import markdown
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "s", "del", "ins", "mark", "sub", "sup", "small",
    "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "code", "pre", "hr",
    "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "caption", "a", "abbr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"align"}, "td": {"align"}}


def _demote_headings(html: str) -> str:
    # The page title is the only h1; an editor's "# 标题" becomes a section heading.
    return html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")


def render_body(text: str | None) -> Markup:
    if not text:
        return Markup("")
    html = markdown.markdown(text, extensions=["sane_lists", "tables"], output_format="html")
    clean = nh3.clean(
        _demote_headings(html),
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
    return Markup(clean)
