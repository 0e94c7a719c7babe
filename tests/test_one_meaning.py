"""One meaning per value, and one line per mistake, where the corpus of single files (tests/bad/)
cannot show it: numbers read as an editor means them by both paths of the check, the settings
files (taxonomy.yaml, targets.yaml), and what one file's mistake does to the others."""

from __future__ import annotations

import pytest
import yaml
from conftest import ENTERPRISE, TODAY, TRAINING
from test_fastpath import both_paths

from generator.content.validate import check_content


def messages(content) -> list[str]:
    result = check_content(content.root, TODAY)
    return [p.format() for p in result.problems]


@pytest.mark.parametrize(
    "written, meant", [("017", 17), ("080", 80), ("1_000", 1000), ("1,000", 1000), ("８０", 80), (".5e1", None)]
)
def test_numbers_mean_what_an_editor_means_on_both_paths(content, written, meant):
    text = "".join(f"{key}: '{value}'\n" for key, value in TRAINING.items() if isinstance(value, str))
    path = content.write("training", text=text + f"capacity: {written}\nfee: 0\n")
    fast, careful = both_paths(path, "training")
    if meant is None:  # an exponent: no editor writes a class's places so
        assert fast is None and careful is None
        assert any("capacity（名额（人））" in line and "整数" in line for line in messages(content))
    else:
        assert careful is not None and careful.fields["capacity"] == meant
        assert fast is None or fast.fields == careful.fields


def _replace_in(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_taxonomy_with_two_entries_of_one_id_names_both(valid_content):
    _replace_in(valid_content.root / "taxonomy.yaml", "{id: xuecheng, name: 薛城区", "{id: shizhong, name: 薛城区")
    [line] = messages(valid_content)
    assert "taxonomy.yaml:5:" in line and "districts 的第 1 项（第 4 行）和第 2 项（第 5 行）的编号都是“shizhong”" in line


def test_taxonomy_with_two_entries_of_one_name_names_both(valid_content):
    _replace_in(valid_content.root / "taxonomy.yaml", "{id: gaoxin, name: 枣庄高新区", "{id: gaoxin, name: 滕州市")
    [line] = messages(valid_content)
    assert "第 6 项（第 9 行）和第 7 项（第 10 行）的名称都是“滕州市”" in line


def test_an_aim_whose_at_most_is_below_its_at_least(valid_content):
    _replace_in(valid_content.root / "targets.yaml", "at_least: 3\n    at_most: 5", "at_least: 3\n    at_most: 2")
    [line] = messages(valid_content)
    assert "targets.yaml" in line and "at_most（至多（家））" in line and "永远达不到" in line


def test_an_aim_under_its_former_name_is_refused_naming_the_aims(valid_content):
    """A copy of targets.yaml from before the aims were named for the policy (`parks`): one line that
    names the line and the names to use, not an aim the progress page silently leaves out."""
    targets = valid_content.root / "targets.yaml"
    _replace_in(targets, "\n  parks_per_district:", "\n  parks:")
    line_number = [text.startswith("  parks:") for text in targets.read_text(encoding="utf-8").splitlines()].index(True) + 1
    [line] = messages(valid_content)
    assert f"targets.yaml:{line_number}:" in line and "没有“parks”这个字段" in line and "parks_per_district" in line


def test_a_record_that_cannot_be_read_is_not_also_missing_everywhere(valid_content):
    """The story points at lunan-nongpin; its file is broken: one line, about that file."""
    valid_content.write("enterprise", text="name: 滕州公司\ndistrict: [滕州市\n")
    [line] = messages(valid_content)
    assert "lunan-nongpin.yaml" in line and "找不到编号" not in line


def test_a_record_saved_as_yaml_txt_is_told_to_rename(valid_content):
    (valid_content.root / "enterprises" / "tengzhou-jixie.yaml.txt").write_text("name: 机械\n", encoding="utf-8")
    [line] = messages(valid_content)
    assert "tengzhou-jixie.yaml.txt" in line and "“.yaml.txt”" in line and "改名为“tengzhou-jixie.yaml”" in line


def test_two_records_identical_but_for_the_file_name(valid_content):
    original = valid_content.root / "enterprises" / "lunan-nongpin.yaml"
    copy = valid_content.root / "enterprises" / "lunan-nongpin-copy.yaml"
    copy.write_text("# 复制的\n" + original.read_text(encoding="utf-8"), encoding="utf-8")  # a comment is no difference
    [line] = messages(valid_content)
    assert "lunan-nongpin-copy.yaml" in line and "和" in line and "lunan-nongpin.yaml 的内容一模一样" in line


def test_records_alike_but_for_the_name_are_two_records(valid_content):
    """Two enterprises may share a district, an industry and everything but the name: no problem."""
    valid_content.write("enterprise", "lunan-two", name="滕州市鲁南农品二厂")
    assert messages(valid_content) == []


def test_a_news_post_dated_beyond_the_schemas_years(tmp_path):
    from generator.content.news import check_posts

    posts = tmp_path / "docs" / "news" / "posts"
    posts.mkdir(parents=True)
    (posts / "far.md").write_text("---\ndate: 2206-11-20\nslug: far-post\ntitle: 远\n---\n正文\n", encoding="utf-8")
    [problem] = check_posts(tmp_path / "docs", [])
    assert problem.field == "date（日期）" and "2206-11-20" in problem.message and "1990 到 2100 年" in problem.message


def test_one_district_where_two_are_written_is_not_guessed(valid_content):
    valid_content.write("enterprise", district="滕州市、薛城区")
    [line] = messages(valid_content)
    assert "写了 2 个区县，这里只能填一个" in line and "你是不是要写" not in line


def test_a_no_break_space_in_a_body_is_text(valid_content):
    """A paragraph pasted from Word starts with no-break spaces: text, not YAML syntax."""
    fields = {key: value for key, value in ENTERPRISE.items() if key != "description"}
    body = "description: |\n  \u00a0\u00a0公司成立于 2012 年。\n\n  -\u00a0淘宝店\n"
    valid_content.write("enterprise", text=yaml.safe_dump(fields, allow_unicode=True, sort_keys=False) + body)
    assert messages(valid_content) == []
