"""The check's cache (content/check_cache.py) makes a second check fast and never hides a problem."""

from __future__ import annotations

from conftest import POINT_AT_THE_ENTERPRISE, TODAY
from PIL import Image as PILImage

import generator.content.validate as validate
from generator.content.check_cache import CheckCache
from generator.content.validate import check_content


def _check(content):
    result = check_content(content.root, TODAY)
    return result, [problem.format() for problem in result.problems]


def _cache(content):
    return CheckCache(content.root).path


def test_a_second_check_takes_passed_records_from_the_cache_and_says_the_same(content, monkeypatch):
    content.write_all()
    first, said = _check(content)
    assert said == [] and _cache(content).is_file()
    assert content.root not in _cache(content).parents  # outside the project: never committed with it
    checked = []
    original = validate.check_file
    monkeypatch.setattr(validate, "check_file", lambda *args: checked.append(args[1]) or original(*args))
    second, said_again = _check(content)
    assert checked == []  # every record came from the cache
    assert said_again == [] and second.counts == first.counts
    assert [r.fields for r in second.site.all()] == [r.fields for r in first.site.all()]
    assert second.site.get("enterprise", "lunan-nongpin").district.name == "滕州市"


def test_an_edited_file_is_checked_again(content):
    content.write_all()
    _check(content)
    content.write("enterprise", district="滕州")  # a mistake made after the first check
    _, said = _check(content)
    assert len(said) == 1 and "你是不是要写“滕州市”" in said[0]


def test_a_changed_taxonomy_drops_the_cache(content):
    content.write_all()
    assert _check(content)[1] == []
    taxonomy = content.root / "taxonomy.yaml"
    taxonomy.write_text(taxonomy.read_text(encoding="utf-8").replace("name: 滕州市", "name: 滕州"), encoding="utf-8")
    _, said = _check(content)  # the record still says 滕州市, which the list no longer has
    assert any("enterprises/lunan-nongpin.yaml" in line and "district" in line for line in said), said


def test_a_removed_image_is_reported_although_its_record_passed_before(content):
    content.write_all()
    image = content.root / "media" / "logo.png"
    image.parent.mkdir(parents=True, exist_ok=True)
    PILImage.new("RGB", (400, 200), (200, 80, 40)).save(image)
    content.write("enterprise", logo="media/logo.png")
    assert _check(content)[1] == []
    image.unlink()
    _, said = _check(content)
    assert len(said) == 1 and "media/logo.png" in said[0]


def test_links_between_records_are_checked_every_time(content):
    content.write_all()
    assert _check(content)[1] == []
    (content.root / "enterprises" / "lunan-nongpin.yaml").unlink()  # the others still point at it
    _, said = _check(content)
    assert len(said) == len(POINT_AT_THE_ENTERPRISE) and all("lunan-nongpin" in line for line in said)
    assert {file for file in POINT_AT_THE_ENTERPRISE if any(file in line for line in said)} == POINT_AT_THE_ENTERPRISE


def test_a_broken_cache_file_is_ignored(content):
    content.write_all()
    _check(content)
    _cache(content).write_bytes(b"not a pickle")
    assert _check(content)[1] == []


def test_a_broken_link_among_the_media_files_does_not_stop_the_check(content):
    content.write_all()
    (content.root / "media").mkdir()
    (content.root / "media" / "gone.jpg").symlink_to(content.root / "media" / "nowhere.jpg")
    assert _check(content)[1] == []
