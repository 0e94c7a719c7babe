"""Images: only inside content/media/, must exist, need alt text, are resized for phones."""

from __future__ import annotations

import copy

import pytest
from conftest import CASE, ENTERPRISE, TODAY, make_project, run_cli
from PIL import Image as PILImage

from generator.assemble.pipeline import generated_files
from generator.content.validate import check_content


def picture(content, name="shop.jpg", size=(3000, 2000)):
    path = content.root / "media" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    PILImage.new("RGB", size, (200, 80, 40)).save(path, quality=95)
    return path


def messages(content):
    return [p.format() for p in check_content(content.root, TODAY).problems]


@pytest.mark.parametrize(
    "src, words",
    [
        ("../taxonomy.yaml", "“..”"),
        ("media/../../secret.jpg", "“..”"),
        ("/etc/passwd.jpg", "绝对路径"),
        ("https://evil.example/x.jpg", "网址"),
        ("data:image/png;base64,AAAA", "网址"),
        ("media/missing.jpg", "找不到图片文件"),
        ("media/readme.txt", "只支持 JPG"),
    ],
)
def test_bad_image_paths_are_refused(content, src, words):
    content.write_all()
    content.write("enterprise", photos=[{"src": src, "alt": "门店"}])
    found = messages(content)
    assert len(found) == 1 and words in found[0] and "photos 第 1 项 src（图片文件）" in found[0], found


def test_image_needs_alt_text(content):
    content.write_all()
    picture(content)
    content.write("enterprise", photos=[{"src": "media/shop.jpg", "alt": " "}])
    assert any("alt" in m for m in messages(content))


def test_oversized_photo_is_resized_and_carries_its_size(tmp_path, content):
    content.write_all()
    picture(content)
    record = copy.deepcopy(CASE)
    record["person"]["photo"] = {"src": "media/shop.jpg", "alt": "王小明在打包石榴"}
    content.write("case", data=record)
    content.write("enterprise", data=dict(ENTERPRISE, logo="shop.jpg"))
    result = check_content(content.root, TODAY)
    page = generated_files(result.site)["cases/yicheng-shiliu.md"]
    assert '<img class="" src' not in page
    assert 'src="../../media/shop.jpg" alt="王小明在打包石榴" width="1200" height="800"' in page

    project = make_project(tmp_path, content.root)
    assert run_cli("render", cwd=project).returncode == 0
    published = project / "docs" / "media" / "shop.jpg"
    with PILImage.open(published) as image:
        assert image.size == (1200, 800)
    assert published.stat().st_size < (content.root / "media" / "shop.jpg").stat().st_size
    logo_page = (project / "docs" / "enterprises" / "lunan-nongpin.md").read_text(encoding="utf-8")
    assert 'alt="滕州市鲁南农品电子商务有限公司的标志"' in logo_page
