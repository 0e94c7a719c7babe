"""The web editor in Chromium, as an editor uses it: Sveltia CMS from our own files (generator/admin/),
its test backend preloaded with this repository's content/, one record of each type created through
the form, an enterprise edited; every request of the session stays on the site's host, the interface
is Chinese with its icons, and what the editor saved passes `check` and builds into pages."""

from __future__ import annotations

import re
import shutil
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from browser import DESKTOP, screenshot, serve
from conftest import ROOT, TODAY, make_project, run_cli
from editor_browser import preload, read_back
from playwright.sync_api import expect

from generator.admin.bundle import FONTS_DIR
from generator.content.registry import BY_NAME
from generator.content.validate import check_content

pytestmark = pytest.mark.browser

PHOTO = "ceshi-zhaopian.jpg"
EDITED = "gaoxin-yunshang-keji"  # an enterprise of the shipped content, edited in one field
EDITED_NAME = "枣庄云商汇电子商务科技有限公司"


def _use_test_backend(project: Path) -> None:
    """The project's mkdocs.yml with the editor saving into the browser (test-repo), not to GitLab."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    data = yaml.load(text, Loader=_Tolerant)
    backend = data["extra"]["cms"]["backend"]
    assert f"    backend: {backend}\n" in text, "mkdocs.yml extra.cms.backend is not where this test expects it"
    config.write_text(text.replace(f"    backend: {backend}\n", "    backend: test-repo\n"), encoding="utf-8")


class _Tolerant(yaml.SafeLoader):
    pass


_Tolerant.add_multi_constructor("", lambda loader, suffix, node: None)


@pytest.fixture(scope="module")
def editor_url(tmp_path_factory):
    """The editor written by `python -m generator admin DIR`, served at /ecommerce/admin/."""
    work = tmp_path_factory.mktemp("editor")
    project = make_project(work)
    _use_test_backend(project)
    served = work / "served"
    result = run_cli("admin", str(served / "admin"), cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    (work / "www").mkdir()
    with serve(served, work / "www") as url:
        yield url + "admin/"


@pytest.fixture(scope="module")
def shipped_editor_url(tmp_path_factory):
    """The editor as mkdocs.yml ships it (the bureau's GitLab), served at /ecommerce/admin/."""
    work = tmp_path_factory.mktemp("shipped-editor")
    project = make_project(work)
    result = run_cli("admin", str(work / "served" / "admin"), cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    (work / "www").mkdir()
    with serve(work / "served", work / "www") as url:
        yield url + "admin/"


def test_the_gitlab_editor_opens_in_chinese_asking_no_other_host(chromium, shipped_editor_url):
    # Until an editor signs in, nothing is asked of the git host either (no status page, no gitlab.com).
    context = chromium.new_context(viewport=DESKTOP, locale="zh-CN")
    page = context.new_page()
    page.requests, errors = [], []
    context.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.goto(shipped_editor_url, wait_until="networkidle")
    page.get_by_role("button", name=re.compile("使用.*GitLab.*登录")).wait_for()
    assert page.get_by_role("button", name="使用本地仓库").count() == 1  # offered on 127.0.0.1
    assert "枣庄市电子商务推进行动" in page.title() and "编辑" in page.title()  # the CMS sets config.yml's app_title
    assert foreign_requests(page, shipped_editor_url) == [] and errors == []
    context.close()


@pytest.fixture
def editor(chromium, editor_url):
    """A signed-in editing session (test backend, content/ preloaded) that records every request."""
    context = chromium.new_context(viewport=DESKTOP, locale="zh-CN", accept_downloads=False)
    page = context.new_page()
    page.requests, page.console_errors = [], []
    context.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    page.goto(editor_url, wait_until="networkidle")
    assert preload(page, ROOT) > 40
    page.get_by_role("button", name="使用测试仓库").click()
    page.get_by_role("grid", name="条目").wait_for()
    yield page
    context.close()


def foreign_requests(page, editor_url: str) -> list[str]:
    host = urlsplit(editor_url).netloc
    return [url for url in page.requests if not url.startswith(("blob:", "data:")) and urlsplit(url).netloc != host]


def field(page, label: str):
    """A field of the open form by its Chinese label; the form renders fields as they scroll into view."""
    group = page.get_by_role("group", name=f"「⁨{label}⁩」字段", exact=True)
    for _ in range(60):
        if group.count():
            group.first.scroll_into_view_if_needed()
            return group.first
        page.get_by_role("group", name="编辑 ⁨_default⁩ 内容").hover()
        page.mouse.wheel(0, 600)
        time.sleep(0.1)
    raise AssertionError(f"表单里没有字段“{label}”")


def choose(page, label: str, *options: str) -> None:
    """Pick entries of a select (a taxonomy list) or a relation, typing to find each."""
    for option in options:
        group = field(page, label)
        if not group.get_by_role("combobox", name=label).count():  # a short list shows its entries as boxes
            group.get_by_role("checkbox", name=option, exact=True).or_(
                group.get_by_role("radio", name=option, exact=True)
            ).check()
            continue
        group.get_by_role("combobox", name=label).click()
        page.get_by_role("searchbox", name="筛选选项").fill(option)
        page.get_by_role("option", name=option, exact=True).click()
        # The list closes with an animation: on a busy machine the next field's list could open
        # while this one is still on the page, and two boxes would answer to 筛选选项.
        expect(page.get_by_role("searchbox", name="筛选选项")).to_have_count(0, timeout=15_000)


def new_record(page, collection: str, record_id: str) -> None:
    page.get_by_role("radio", name="内容").click()
    page.get_by_role("treeitem", name=collection).click()
    page.get_by_role("button", name="创建新条目").click()
    page.get_by_role("group", name="编辑 ⁨_default⁩ 内容").wait_for()
    fill(page.get_by_role("textbox", name="别名"), record_id)


def fill(box, text: str) -> None:
    """Type into a text box and make sure the form kept it (a form still setting up may reset it)."""
    for _ in range(5):
        box.fill(text)
        time.sleep(0.2)
        if box.input_value() == text:
            return
    raise AssertionError(f"输入框没有保留“{text}”")


def write_markdown(page, label: str, text: str) -> None:
    box = field(page, label).get_by_role("textbox", name=label)
    box.click()
    page.keyboard.type(text)


def upload_image(page, group, path: Path) -> None:
    group.get_by_role("button", name="浏览").click()
    dialog = page.get_by_role("dialog", name="选择图片")
    with page.expect_file_chooser() as chooser:
        dialog.get_by_role("button", name="上传").click()
    chooser.value.set_files(str(path))
    dialog.get_by_role("button", name="插入").click()
    dialog.wait_for(state="hidden")
    group.get_by_role("textbox", name="图片文件").wait_for()


def save(page) -> None:
    page.get_by_role("button", name="保存").click()
    # Saved: the form closes back to the collection's list. If not, say what the form says.
    try:
        page.get_by_role("grid", name="条目").wait_for(timeout=15_000)
    except Exception:
        screenshot(page, "admin-not-saved")
        raise AssertionError("没有保存：" + page.locator("body").inner_text()[:3000]) from None


def meaning(value):
    """A field's value as a reader of the site gets it: the editor writes `draft: false` where the file
    had no `draft` (the same thing), and ends a Markdown body without the final line break of `|`."""
    if value is None or value is False:
        return False
    if isinstance(value, str):
        return value.rstrip("\n")
    if isinstance(value, dict):  # a group's `consent: false` beside a phone the form did not touch
        return {key: meaning(item) for key, item in value.items() if meaning(item) is not False}
    if isinstance(value, list):
        return [meaning(item) for item in value]
    return value


def test_interface_is_chinese_with_icons_from_our_host(editor, editor_url):
    page = editor
    assert page.get_by_role("button", name="创建新条目").inner_text().strip().endswith("新建")
    loaded = page.evaluate("() => [...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    assert any("Material Symbols Outlined" in family for family in loaded), loaded
    # An icon drawn from its ligature is about as wide as it is tall; the word `edit` would be wider.
    widths = page.evaluate(
        """() => [...document.querySelectorAll('.material-symbols-outlined')]
             .filter(e => e.offsetParent && e.textContent.trim().length > 3)
             .map(e => [e.textContent.trim(), e.getBoundingClientRect().width, parseFloat(getComputedStyle(e).fontSize)])"""
    )
    assert widths, "没有找到图标"
    assert all(width <= size * 1.2 for _, width, size in widths), widths
    fonts = [url for url in page.requests if f"/admin/{FONTS_DIR}/" in url]
    assert any("material-symbols" in url for url in fonts) and any("source-sans-3" in url for url in fonts)
    assert any(url.endswith("/locales/zh-CN.json") for url in page.requests)
    assert foreign_requests(page, editor_url) == []
    assert page.console_errors == []
    screenshot(page, "admin-list")


def test_image_picker_offers_only_the_sites_own_files(editor, editor_url):
    # Stock photo services and typed-in addresses would load pictures from other hosts.
    new_record(editor, "示范企业", "ceshi-tupian")
    field(editor, "标志图片").get_by_role("button", name="浏览").click()
    dialog = editor.get_by_role("dialog", name="选择图片")
    dialog.wait_for()
    places = dialog.get_by_role("listbox", name="位置").inner_text()
    for outside in ("输入 URL", "Unsplash", "Pexels", "Pixabay", "Lorem Picsum"):
        assert outside not in places
    assert foreign_requests(editor, editor_url) == []


def test_editing_session_saves_records_that_pass_check_and_build(editor, editor_url, tmp_path):
    page = editor
    photo = tmp_path / PHOTO
    from PIL import Image

    Image.new("RGB", (900, 600), (180, 60, 40)).save(photo, quality=85)

    # Find an enterprise by name with the search box, open it, change its summary.
    page.get_by_role("searchbox", name="搜索内容……").fill("云商汇")
    page.get_by_role("searchbox", name="搜索内容……").press("Enter")
    page.get_by_role("row", name=f"示范企业 {EDITED_NAME}").click()
    summary = field(page, "一句话简介").get_by_role("textbox", name="一句话简介")
    fill(summary, "为本地中小企业提供开店代运营、商品拍摄和仓储发货服务（网页编辑器修改）。")
    save(page)

    new_record(page, "示范企业", "ceshi-dianshang")
    fill(field(page, "企业名称").get_by_role("textbox", name="企业名称"), "枣庄测试电商有限公司")
    choose(page, "所在区县", "市中区")
    choose(page, "所属行业", "农副土特产品")
    fill(field(page, "一句话简介").get_by_role("textbox", name="一句话简介"), "网页编辑器建的测试企业。")
    photos = field(page, "照片")
    photos.get_by_role("button", name="添加 ⁨照片⁩").click()
    upload_image(page, photos, photo)
    fill(photos.get_by_role("textbox", name="图片说明"), "测试企业的仓库")
    screenshot(page, "admin-new-enterprise")
    save(page)

    new_record(page, "致富典型", "ceshi-gushi")
    fill(field(page, "标题").get_by_role("textbox", name="标题"), "测试店主的网店故事")
    person = field(page, "主人公")
    fill(person.get_by_role("textbox", name="姓名"), "王测试")
    person.get_by_role("switch", name="本人同意公开").check()
    choose(page, "所在区县", "薛城区")
    fill(field(page, "一句话简介").get_by_role("textbox", name="一句话简介"), "从一间小屋开始的网店。")
    write_markdown(page, "故事正文", "第一段故事。")
    choose(page, "所属企业", "枣庄测试电商有限公司")
    fill(field(page, "发布日期").get_by_role("textbox", name="发布日期"), "2026-12-01")
    save(page)

    new_record(page, "培训班", "ceshi-peixun-2027-03")
    fill(field(page, "班名").get_by_role("textbox", name="班名"), "测试网店入门培训班")
    choose(page, "培训对象", "网店微店创业者")
    fill(field(page, "开始时间").get_by_role("textbox", name="开始时间"), "2027-03-15T09:00")
    fill(field(page, "结束时间").get_by_role("textbox", name="结束时间"), "2027-03-15T17:00")
    fill(field(page, "主办单位").get_by_role("textbox", name="主办单位"), "枣庄市商务局")
    save(page)

    new_record(page, "电子商务产业园", "ceshi-yuanqu")
    fill(field(page, "园区名称").get_by_role("textbox", name="园区名称"), "测试电商产业园")
    choose(page, "所在区县", "山亭区")
    fill(field(page, "一句话简介").get_by_role("textbox", name="一句话简介"), "测试用的园区。")
    save(page)

    new_record(page, "行业电商平台", "ceshi-pingtai")
    fill(field(page, "平台名称").get_by_role("textbox", name="平台名称"), "测试行业平台")
    choose(page, "所属行业", "农副土特产品")
    fill(field(page, "一句话简介").get_by_role("textbox", name="一句话简介"), "测试用的行业平台。")
    save(page)

    assert foreign_requests(page, editor_url) == []
    assert page.console_errors == []

    # What the editor saved, with the rest of content/, passes check.
    saved = read_back(page)
    content = tmp_path / "content"
    for path, data in saved.items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    assert f"content/media/{PHOTO}" in saved
    result = run_cli("check", "--content", str(content), "--today", TODAY.isoformat(), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    created = {
        "enterprise": "ceshi-dianshang",
        "case": "ceshi-gushi",
        "training": "ceshi-peixun-2027-03",
        "park": "ceshi-yuanqu",
        "industry-platform": "ceshi-pingtai",
    }
    for type_name, record_id in created.items():
        assert f"content/{BY_NAME[type_name].folder}/{record_id}.yaml" in saved

    after = check_content(content, TODAY).site
    before = check_content(ROOT / "content", TODAY).site
    case = after.get("case", "ceshi-gushi")
    assert case.enterprise == "ceshi-dianshang" and case.district.id == "xuecheng"
    assert after.get("enterprise", "ceshi-dianshang").photos[0].src == f"media/{PHOTO}"
    training = after.get("training", "ceshi-peixun-2027-03")
    assert (training.start.strftime("%Y-%m-%d %H:%M"), training.end.strftime("%H:%M")) == ("2027-03-15 09:00", "17:00")

    # Every record the form did not touch means what it meant; the edited one differs in its summary only.
    for record in before.all():
        again = after.get(record.type.name, record.id)
        assert again is not None, f"{record.source} 丢失"
        changed = {
            name
            for name in record.fields.keys() | again.fields.keys()
            if meaning(record.fields.get(name)) != meaning(again.fields.get(name))
        }
        assert changed == ({"summary"} if record.id == EDITED else set()), (record.source, changed)

    # The new records build into pages.
    (tmp_path / "build").mkdir()
    project = make_project(tmp_path / "build", content)
    built = run_cli("build", "--today", TODAY.isoformat(), cwd=project)
    assert built.returncode == 0, built.stdout + built.stderr
    for type_name, record_id in created.items():
        record = after.get(type_name, record_id)
        page_file = project / "site" / record.page_url / "index.html"
        assert page_file.is_file(), page_file
        assert record.display_name in page_file.read_text(encoding="utf-8")
    shutil.rmtree(project / "site")
