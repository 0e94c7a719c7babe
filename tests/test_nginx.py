"""deploy/nginx.conf run by Debian's real nginx over the built site: the sub-path, the
precompressed copies sent as they are, cache lifetimes by kind of file, MIME types, the Chinese
404 page (tests/nginx_site.py starts it on 127.0.0.1 as the current user)."""

from __future__ import annotations

import gzip
import http.client
import os
from urllib.parse import urlsplit

import pytest
from nginx_site import brotli_available, nginx_available, nginx_serving

YEAR = "public, max-age=31536000, immutable"
SHORT = "public, max-age=600"


@pytest.fixture(scope="module")
def nginx(built_site):
    if not nginx_available():
        if os.environ.get("CI"):
            pytest.fail("nginx is missing: .ci/run must install Debian's nginx")
        pytest.skip("Debian's nginx is not installed (apt-get install nginx)")
    with nginx_serving(built_site) as base:
        yield urlsplit(base)


def get(nginx, path: str, encoding: str | None = None, method: str = "GET"):
    """(status, headers, body) of path (relative to /ecommerce/, or absolute when it starts with /)."""
    connection = http.client.HTTPConnection(nginx.hostname, nginx.port, timeout=10)
    headers = {"Accept-Encoding": encoding} if encoding else {}
    connection.request(method, path if path.startswith("/") else nginx.path + path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def _one(built_site, pattern: str) -> str:
    found = sorted(built_site.glob(pattern))
    assert found, pattern
    return found[0].relative_to(built_site).as_posix()


@pytest.mark.parametrize("path", ["", "enterprises/", "assets/stylesheets/site.css", "assets/javascripts/search.js"])
def test_text_is_sent_precompressed_in_the_encoding_asked_for(nginx, built_site, path):
    file = built_site / (path + "index.html" if path.endswith("/") or not path else path)
    status, headers, body = get(nginx, path, "gzip")
    assert status == 200 and headers.get("content-encoding") == "gzip"
    assert gzip.decompress(body) == file.read_bytes()
    assert "Accept-Encoding" in headers.get("vary", "")

    status, headers, body = get(nginx, path)
    assert status == 200 and "content-encoding" not in headers and body == file.read_bytes()

    # a browser taking both gets brotli where the build wrote it (the shared assets), else gzip
    status, headers, body = get(nginx, path, "br, gzip")
    expected = "br" if brotli_available() and file.with_name(file.name + ".br").is_file() else "gzip"
    assert status == 200 and headers.get("content-encoding") == expected
    if expected == "br":
        import brotli

        assert brotli.decompress(body) == file.read_bytes()
    else:
        assert gzip.decompress(body) == file.read_bytes()
    if path.startswith("assets/") and brotli_available():
        assert expected == "br"


def test_pages_are_revalidated_and_utf_8(nginx):
    for path in ("", "enterprises/", "news/", "index.html"):
        status, headers, _ = get(nginx, path, "gzip")
        assert status == 200, path
        assert headers["cache-control"] == "no-cache", path
        assert headers["content-type"] == "text/html; charset=utf-8", path
        assert headers.get("etag") or headers.get("last-modified"), path


def test_fingerprinted_assets_and_pagefind_chunks_are_kept_for_a_year(nginx, built_site):
    hashed = [
        _one(built_site, "assets/stylesheets/main.*.min.css"),
        _one(built_site, "assets/javascripts/bundle.*.min.js"),
        _one(built_site, "pagefind/fragment/*.pf_fragment"),
        _one(built_site, "pagefind/index/*.pf_index"),
        _one(built_site, "pagefind/filter/*.pf_filter"),
        _one(built_site, "pagefind/pagefind.*.pf_meta"),
    ]
    for path in hashed:
        status, headers, _ = get(nginx, path, "gzip")
        assert (status, headers["cache-control"]) == (200, YEAR), path


def test_files_whose_names_stay_get_a_short_life(nginx, built_site):
    for path in (
        "assets/stylesheets/site.css",
        "assets/javascripts/search.js",
        "pagefind/pagefind.js",
        "pagefind/pagefind-entry.json",
        _one(built_site, "pagefind/wasm.*.pagefind"),
        "data/enterprises.csv",
        "assets/images/share.png",
    ):
        status, headers, _ = get(nginx, path, "gzip")
        assert (status, headers["cache-control"]) == (200, SHORT), path


def test_pagefind_index_files_go_out_as_they_are(nginx, built_site):
    for path in (_one(built_site, "pagefind/fragment/*.pf_fragment"), _one(built_site, "pagefind/wasm.*.pagefind")):
        status, headers, body = get(nginx, path, "gzip, br")
        assert status == 200 and headers["content-type"] == "application/octet-stream", path
        assert "content-encoding" not in headers, path  # pagefind.js unpacks them itself
        assert body == (built_site / path).read_bytes()


def test_mime_types_of_calendars_data_and_images(nginx, built_site):
    expected = {
        _one(built_site, "trainings/*.ics"): "text/calendar; charset=utf-8",
        "data/enterprises.csv": "text/csv; charset=utf-8",
        "data/records.json": "application/json; charset=utf-8",
        "sitemap.xml": "text/xml; charset=utf-8",
        "progress/districts.svg": "image/svg+xml; charset=utf-8",
        "assets/stylesheets/site.css": "text/css; charset=utf-8",
        "assets/javascripts/search.js": "application/javascript; charset=utf-8",
        "assets/images/share.png": "image/png",
    }
    for path, content_type in expected.items():
        status, headers, _ = get(nginx, path)
        assert (status, headers["content-type"]) == (200, content_type), path
        assert headers.get("x-content-type-options") == "nosniff"


def test_a_missing_page_is_404_with_the_chinese_page(nginx):
    for path in ("no-such-page/", "enterprises/no-such-firm/", "index.html.gz", "assets/stylesheets/site.css.br"):
        status, headers, body = get(nginx, path, "gzip")
        assert status == 404, path
        assert headers["cache-control"] == "no-cache", path
        text = (gzip.decompress(body) if headers.get("content-encoding") == "gzip" else body).decode("utf-8")
        assert "页面不存在" in text and 'href="/ecommerce/' in text, path


def test_the_site_lives_under_its_sub_path_only(nginx):
    status, headers, _ = get(nginx, "/ecommerce")
    assert status == 301 and headers["location"] == "/ecommerce/"
    status, headers, _ = get(nginx, "enterprises")
    assert status == 301 and headers["location"] == "/ecommerce/enterprises/"
    assert get(nginx, "/index.html")[0] == 404  # nothing of the site outside /ecommerce/
