"""Shared fixtures: small content trees written per test, and one build of the shipped site."""

from __future__ import annotations

import copy
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml

from generator.pages.urls import GENERATED_FILES, generated_dirs

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date(2026, 11, 24)
# check's cache (generator/content/check_cache.py) goes to the user's cache folder: keep the tests'
# hundreds of content folders out of the real one (subprocesses inherit this).
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="campaign-test-cache-")

ENTERPRISE = {
    "name": "滕州市鲁南农品电子商务有限公司",
    "district": "滕州市",
    "industry": "农副土特产品",
    "summary": "把滕州马铃薯卖到全国的农产品网店。",
    "modes": ["B2C", "农村电商"],
    "programs": ["p1515x2"],
    "recognitions": [{"title": "枣庄市电子商务示范企业", "level": "市级", "year": 2014, "batch": "第一批"}],
    "description": "公司成立于 2012 年。\n\n- 淘宝店\n- 京东店\n",
    "shops": [{"platform": "淘宝", "name": "鲁南农品旗舰店", "url": "https://shop.example.cn/lunan"}],
    "website": "https://www.example.cn/lunan",
    "contact": {"phone": "0632-5551234", "address": "滕州市龙泉路 1 号"},
    "figures": [{"year": 2014, "online_sales": 320}, {"year": 2015, "online_sales": 610.5}],
    "tags": ["马铃薯"],
    "example": True,
}
CASE = {
    "title": "返乡青年卖石榴",
    "person": {"name": "王小明", "consent": True},
    "district": "峄城区",
    "industry": "农副土特产品",
    "platforms": ["淘宝", "微信小店"],
    "shop": {"name": "小明石榴"},
    "started": 2014,
    "summary": "大学毕业回乡，用手机把自家石榴卖到全国。",
    "story": "第一段。\n\n第二段。",
    "figures": {"annual_sales": 80, "monthly_orders": 900, "jobs_created": 6},
    "quote": "网店让我留在了家乡。",
    "enterprise": "lunan-nongpin",
    "published": "2015-03-01",
    "example": True,
}
TRAINING = {
    "title": "网店微店创业入门班",
    "audience": "网店微店创业者",
    "start": "2026-12-05 09:00",
    "end": "2026-12-05 17:00",
    "venue": {"name": "市民中心", "address": "市中区光明路 1 号", "district": "市中区"},
    "organizer": "枣庄市商务局",
    "capacity": 80,
    "fee": 0,
    "registration": {"deadline": "2026-12-01", "phone": "0632-5550000"},
    "summary": "手把手教你用手机开微店。",
    "example": True,
}
PARK = {
    "name": "滕州市电子商务产业园",
    "district": "滕州市",
    "summary": "集中了农产品电商企业的园区。",
    "opened": 2014,
    "enterprises": ["lunan-nongpin"],
    "industries": ["农副土特产品"],
    "programs": ["parks-7n"],
    "services": ["免费培训"],
    "figures": [{"year": 2014, "enterprises": 38, "online_sales": 12000}],
    "contact": {"phone": "0632-5519000"},
    "example": True,
}
PLATFORM = {
    "name": "鲁南农产品网上交易平台",
    "industry": "农副土特产品",
    "summary": "农产品批发的网上交易平台。",
    "district": "滕州市",
    "url": "https://www.example.cn/lunan-platform",
    "operator": "lunan-nongpin",
    "launched": 2014,
    "figures": [{"year": 2014, "transactions": 6800, "members": 320}],
    "programs": ["p1515x2"],
    "example": True,
}
RECORDS = {
    "enterprise": ("enterprises", ENTERPRISE, "lunan-nongpin"),
    "case": ("cases", CASE, "yicheng-shiliu"),
    "training": ("trainings", TRAINING, "weidian-rumen"),
    "park": ("parks", PARK, "tengzhou-park"),
    "industry-platform": ("industry-platforms", PLATFORM, "lunan-platform"),
}
# The sample records that point at the sample enterprise (a story, a park's firm, a platform's operator).
POINT_AT_THE_ENTERPRISE = {"cases/yicheng-shiliu.yaml", "parks/tengzhou-park.yaml", "industry-platforms/lunan-platform.yaml"}


class ContentTree:
    """A content/ folder for one test: the real taxonomy plus whatever records the test writes."""

    def __init__(self, root: Path):
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        for name in ("taxonomy.yaml", "targets.yaml"):
            shutil.copy(ROOT / "content" / name, root / name)
        for folder, _, _ in RECORDS.values():
            (root / folder).mkdir(exist_ok=True)

    def write(
        self, kind: str, record_id: str | None = None, data: dict | None = None, text: str | bytes | None = None, **changes
    ) -> Path:
        folder, base, default_id = RECORDS[kind]
        path = self.root / folder / f"{record_id or default_id}.yaml"
        if text is None:
            record = copy.deepcopy(base if data is None else data)
            record.update(changes)
            text = yaml.safe_dump(record, allow_unicode=True, sort_keys=False)
        if isinstance(text, str):
            text = text.encode("utf-8")
        path.write_bytes(text)
        return path

    def write_all(self, types=None) -> "ContentTree":
        """One record of each type (of the registry; tests/test_record_types.py checks RECORDS has them all)."""
        for kind in RECORDS if types is None else types:
            self.write(kind)
        return self


@pytest.fixture
def content(tmp_path) -> ContentTree:
    return ContentTree(tmp_path / "content")


@pytest.fixture
def valid_content(content) -> ContentTree:
    return content.write_all()


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )


def make_project(tmp_path: Path, content_dir: Path | None = None) -> Path:
    """A copy of the project (config, docs, theme) around a content folder, to build in isolation."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, project / name)
    for name in ("overrides", "generator"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    generated = {f"docs/{name}" for name in (*generated_dirs(), *GENERATED_FILES)}
    shutil.copytree(
        ROOT / "docs",
        project / "docs",
        ignore=lambda folder, names: [n for n in names if f"{Path(folder).relative_to(ROOT).as_posix()}/{n}" in generated],
    )
    if (ROOT / "node_modules").is_dir():  # the web editor (site/admin/) is made from npm packages
        (project / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    if content_dir is None:
        shutil.copytree(ROOT / "content", project / "content")
    else:
        shutil.copytree(content_dir, project / "content")
    return project


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The shipped sample content built once, as a visitor would get it (build date fixed)."""
    project = make_project(tmp_path_factory.mktemp("shipped"))
    result = run_cli("build", "--today", TODAY.isoformat(), "--strict", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def site_url(built_site, tmp_path_factory):
    from browser import serve

    with serve(built_site, tmp_path_factory.mktemp("www")) as url:
        yield url


@pytest.fixture(scope="session")
def chromium():
    from browser import CHROMIUM, CHROMIUM_ARGS, require_chromium

    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def visit(chromium, site_url):
    """Open a page of the built site like a visitor; collects every request and console error."""
    from browser import PHONE

    contexts = []

    def open_page(path: str = "", viewport=PHONE, javascript=True):
        context = chromium.new_context(viewport=viewport, locale="zh-CN", java_script_enabled=javascript)
        contexts.append(context)
        page = context.new_page()
        page.requests = []
        page.console_errors = []
        page.on("request", lambda request: page.requests.append(request.url))
        page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
        page.on("pageerror", lambda error: page.console_errors.append(str(error)))
        page.goto(site_url + path, wait_until="networkidle")
        return page

    yield open_page
    for context in contexts:
        context.close()


def many_records(content_dir: Path, enterprises: int = 160, cases: int = 60) -> None:
    """More records than a page holds, in several districts: copies of the sample records."""
    districts = ["滕州市", "市中区", "薛城区"]
    for index in range(enterprises):
        record = copy.deepcopy(ENTERPRISE)
        record.update(
            name=f"枣庄第{index:03d}号电子商务有限公司",
            district=districts[index % 3],
            summary=f"第 {index} 家示范企业的一句话简介。",
            featured=False,
        )
        record.pop("figures", None)
        (content_dir / "enterprises" / f"firm-{index:03d}.yaml").write_text(
            yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
    for index in range(cases):
        record = copy.deepcopy(CASE)
        record.update(title=f"第{index:03d}个致富故事", district=districts[index % 3], published=f"2025-{index % 12 + 1:02d}-15")
        record.pop("enterprise", None)
        (content_dir / "cases" / f"story-{index:03d}.yaml").write_text(
            yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )


@pytest.fixture(scope="session")
def big_site(tmp_path_factory) -> Path:
    """The sample content plus 160 enterprises and 60 stories: directories of several pages."""
    root = tmp_path_factory.mktemp("big")
    content = root / "content"
    shutil.copytree(ROOT / "content", content)
    many_records(content)
    project = make_project(root, content)
    result = run_cli("build", "--today", TODAY.isoformat(), "--strict", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


@pytest.fixture(scope="session")
def big_site_url(big_site, tmp_path_factory):
    from browser import serve

    with serve(big_site, tmp_path_factory.mktemp("www-big")) as url:
        yield url
