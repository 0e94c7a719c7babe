"""Every built page validates with the Nu HTML Checker (npm's vnu-jar, on Debian's JRE), and the
three Material templates overridden to get there differ from Material's own only by those fixes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import material
import pytest

ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
MATERIAL = Path(material.__file__).parent / "templates"


def _require_checker() -> str:
    java = shutil.which("java")
    if java and VNU.is_file():
        return java
    if os.environ.get("CI"):
        pytest.fail("the Nu HTML Checker is missing: .ci/run installs a JRE, `make test` runs npm ci (vnu-jar)")
    pytest.skip("needs java (apt-get install default-jre-headless) and node_modules/vnu-jar (npm ci)")


def test_every_page_of_the_built_site_has_no_html_error(built_site):
    java = _require_checker()
    pages = sorted(str(p) for p in built_site.rglob("*.html"))
    kinds = {"index.html", "404.html", "enterprises/index.html", "news/index.html", "progress/index.html", "search/index.html"}
    assert kinds <= {Path(p).relative_to(built_site).as_posix() for p in pages}
    assert any("/enterprises/" in p and not p.endswith("enterprises/index.html") for p in pages)  # records too
    checked = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *pages], capture_output=True, text=True
    )
    messages = json.loads(checked.stderr or checked.stdout)["messages"]
    errors = [f"{Path(m.get('url', '')).as_posix().split('/site/')[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert errors == [] and checked.returncode == 0


# (override, Material's original, the changes: each (Material's text, ours))
OVERRIDES = [
    (
        "base.html",
        [
            ('type="checkbox" id="__drawer" autocomplete="off">', 'type="checkbox" id="__drawer">'),
            ('type="checkbox" id="__search" autocomplete="off">', 'type="checkbox" id="__search">'),
        ],
    ),
    (
        "partials/nav-item.html",
        [
            (
                'id="{{ path }}_label" tabindex="{{ tabindex }}">',
                'id="{{ path }}_label"{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>',
            )
        ],
    ),
    (
        "partials/toc.html",
        [
            (
                '<label class="md-nav__title" for="__toc">',
                '<label class="md-nav__title"{% if page in nav.pages %} for="__toc"{% endif %}>',
            )
        ],
    ),
]


@pytest.mark.parametrize("name, changes", OVERRIDES, ids=[name for name, _ in OVERRIDES])
def test_overridden_material_templates_differ_only_by_their_fixes(name, changes):
    """After an upgrade of Material this fails: copy its new file again and make the same changes."""
    strip_header = re.compile(r"\A\{#-.*?-#\}\n", re.S)
    theirs = strip_header.sub("", (MATERIAL / name).read_text(encoding="utf-8"))
    ours = strip_header.sub("", (ROOT / "overrides" / name).read_text(encoding="utf-8"))
    for old, new in changes:
        assert old in theirs, f"Material's {name} no longer has {old!r}"
        theirs = theirs.replace(old, new)
    assert ours == theirs
