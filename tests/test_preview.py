"""The preview re-renders only what an edit touches, and stays correct doing so."""

from __future__ import annotations

import os

import pytest
from conftest import TODAY, make_project

from generator.assemble.pipeline import Project
from generator.assemble.preview_pages import Preview
from generator.content.problems import ContentError


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    stat = path.stat()  # make sure the change is seen even within one clock tick
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))


def test_an_edit_rewrites_only_the_pages_that_show_the_record(tmp_path, valid_content):
    project = Project.at(make_project(tmp_path, valid_content.root))
    preview = Preview(project)
    full = preview.update(TODAY)
    assert full.written > 30

    record = project.content_dir / "enterprises" / "lunan-nongpin.yaml"
    edit(record, "district: 滕州市", "district: 薛城区")
    report = preview.update(TODAY)
    assert 0 < report.written <= 12 and report.removed == 0
    docs = project.docs_dir
    assert "lunan-nongpin" in (docs / "districts" / "xuecheng.md").read_text(encoding="utf-8")
    assert "lunan-nongpin" not in (docs / "districts" / "tengzhou.md").read_text(encoding="utf-8")
    assert "薛城区" in (docs / "enterprises" / "lunan-nongpin.md").read_text(encoding="utf-8")
    assert preview.update(TODAY).written == 0  # nothing changed since


def test_a_broken_edit_is_reported_and_a_fix_is_picked_up(tmp_path, valid_content):
    project = Project.at(make_project(tmp_path, valid_content.root))
    preview = Preview(project)
    preview.update(TODAY)
    record = project.content_dir / "cases" / "yicheng-shiliu.yaml"
    edit(record, "district: 峄城区", "district: 峄城")
    with pytest.raises(ContentError) as error:
        preview.update(TODAY)
    assert "你是不是要写“峄城区”" in error.value.problems[0].format()
    edit(record, "district: 峄城", "district: 台儿庄区")
    preview.update(TODAY)
    assert "yicheng-shiliu" in (project.docs_dir / "districts" / "taierzhuang.md").read_text(encoding="utf-8")


def test_a_new_file_falls_back_to_a_full_generate(tmp_path, valid_content):
    project = Project.at(make_project(tmp_path, valid_content.root))
    preview = Preview(project)
    preview.update(TODAY)
    source = project.content_dir / "trainings" / "weidian-rumen.yaml"
    second = source.read_text(encoding="utf-8").replace("title: 网店微店创业入门班", "title: 网店微店创业入门班（第二期）")
    (source.parent / "second-class.yaml").write_text(second, encoding="utf-8")  # the same record twice is refused
    preview.update(TODAY)
    assert (project.docs_dir / "trainings" / "second-class.md").exists()
    assert (project.docs_dir / "trainings" / "second-class.ics").exists()


def test_an_edit_in_a_long_directory_rewrites_the_numbered_pages_it_touches(tmp_path, valid_content):
    from conftest import many_records

    many_records(valid_content.root)
    project = Project.at(make_project(tmp_path, valid_content.root))
    preview = Preview(project)
    preview.update(TODAY)
    docs = project.docs_dir
    pages = {n: docs / "enterprises" / ("index.md" if n == 1 else f"page/{n}.md") for n in (1, 2, 3, 4)}
    assert all(path.exists() for path in pages.values())
    before = {n: path.stat().st_mtime_ns for n, path in pages.items()}

    record = project.content_dir / "enterprises" / "firm-060.yaml"  # on the second page
    edit(record, "第 60 家示范企业的一句话简介。", "第 60 家示范企业，简介改过了。")
    preview.update(TODAY)
    assert "简介改过了" in pages[2].read_text(encoding="utf-8")
    assert {n: path.stat().st_mtime_ns for n, path in pages.items() if n != 2} == {n: t for n, t in before.items() if n != 2}

    edit(record, "featured: false", "featured: true")  # now it leads the directory: pages 1 and 2 shift
    preview.update(TODAY)
    assert "firm-060/" in pages[1].read_text(encoding="utf-8")
    first_of_two = pages[2].read_text(encoding="utf-8")
    assert "firm-060/" not in first_of_two
    full = Preview(project)  # what a full generate writes agrees with the preview's pages
    full.update(TODAY)
    assert pages[2].read_text(encoding="utf-8") == first_of_two


def test_a_batch_with_one_mistake_changes_nothing_until_it_is_fixed(tmp_path, valid_content):
    project = Project.at(make_project(tmp_path, valid_content.root))
    preview = Preview(project)
    preview.update(TODAY)
    docs = project.docs_dir
    enterprise = project.content_dir / "enterprises" / "lunan-nongpin.yaml"
    story = project.content_dir / "cases" / "yicheng-shiliu.yaml"
    edit(enterprise, "district: 滕州市", "district: 薛城区")  # saved together, as a search-and-replace does
    edit(story, "district: 峄城区", "district: 峄成区")
    with pytest.raises(ContentError):
        preview.update(TODAY)
    assert "lunan-nongpin" in (docs / "districts" / "tengzhou.md").read_text(encoding="utf-8")
    assert "lunan-nongpin" not in (docs / "districts" / "xuecheng.md").read_text(encoding="utf-8")

    edit(story, "district: 峄成区", "district: 峄城区")
    preview.update(TODAY)
    assert "lunan-nongpin" not in (docs / "districts" / "tengzhou.md").read_text(encoding="utf-8")  # its old page too
    assert "lunan-nongpin" in (docs / "districts" / "xuecheng.md").read_text(encoding="utf-8")
