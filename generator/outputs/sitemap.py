"""sitemap.xml for search engines: a sitemap index, and one sitemap per section of the site.

Not MkDocs' own sitemap: that lists every page in one file (1.9 MB at campaign scale), and
Material's script fetches the site's sitemap.xml on every page that carries a
`<link rel="alternate">` (the news feeds' links do), which cost every first visit 50 KB gzipped.
The index is a few hundred bytes; the search engines follow it to the sections' files.
No dates: the same content gives the same files."""

from __future__ import annotations

from xml.sax.saxutils import escape

from ..content.siteconfig import SiteConfig

SITEMAP = "sitemap.xml"  # the index, at the site root where crawlers and Material look for it
FOLDER = "sitemaps"  # one file per section (sitemaps/<folder>.xml …)
MAX_URLS = 40_000  # per file (the protocol allows 50,000)
_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
_NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def _section(url: str, sections: set[str]) -> str:
    first = url.split("/", 1)[0]
    return first if first in sections else "pages"


def sitemap_files(page_urls: list[str], sections: list[str], config: SiteConfig) -> dict[str, str]:
    """The index and the section files (docs-relative path -> text) for these site-relative page
    URLs; sections are the first URL parts that get a file of their own, the rest go to pages.xml."""
    grouped: dict[str, list[str]] = {}
    for url in sorted(set(page_urls)):
        grouped.setdefault(_section(url, set(sections)), []).append(url)
    files: dict[str, str] = {}
    for name, urls in sorted(grouped.items()):
        for part, start in enumerate(range(0, len(urls), MAX_URLS)):
            path = f"{FOLDER}/{name}{'' if part == 0 else f'-{part + 1}'}.xml"
            entries = "".join(f"<url><loc>{escape(config.absolute(url))}</loc></url>\n" for url in urls[start : start + MAX_URLS])
            files[path] = f"{_HEAD}<urlset {_NS}>\n{entries}</urlset>\n"
    index = "".join(f"<sitemap><loc>{escape(config.absolute(path))}</loc></sitemap>\n" for path in files)
    files[SITEMAP] = f"{_HEAD}<sitemapindex {_NS}>\n{index}</sitemapindex>\n"
    return files
