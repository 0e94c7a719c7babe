"""The YAML loader: positions, and the mistakes editors make while typing."""

from generator.content.loader import load_yaml


def load(tmp_path, text: str | bytes):
    path = tmp_path / "record.yaml"
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return load_yaml(path)


def test_keeps_line_and_column_of_every_value(tmp_path):
    loaded, problems = load(tmp_path, "name: 甲\nshops:\n  - platform: 淘宝\n    url: https://a.cn\n")
    assert problems == []
    assert loaded.data["shops"][0]["url"] == "https://a.cn"
    assert loaded.where(("shops", 0, "url")) == (4, 5)
    assert loaded.where(("shops", 0, "missing")) == (3, 5)  # falls back to the parent


def test_dates_stay_text_for_validation(tmp_path):
    loaded, _ = load(tmp_path, "published: 2026-01-02\n")
    assert loaded.data["published"] == "2026-01-02"


def test_utf8_bom_is_fine(tmp_path):
    loaded, problems = load(tmp_path, "\ufeffname: 甲\n".encode("utf-8"))
    assert problems == [] and loaded.data == {"name": "甲"}


def test_duplicate_key_is_an_error_not_last_wins(tmp_path):
    _, problems = load(tmp_path, "name: 甲\ndistrict: 市中区\nname: 乙\n")
    assert [(p.line, p.field) for p in problems] == [(3, "name")]
    assert "第 1 行" in problems[0].message


def test_gbk_file_asks_for_utf8(tmp_path):
    _, problems = load(tmp_path, "name: 滕州\n".encode("gbk"))
    assert len(problems) == 1 and "UTF-8" in problems[0].message and "GBK" in problems[0].message


def test_tab_indentation_names_the_line(tmp_path):
    _, problems = load(tmp_path, "contact:\n\tphone: 1\n")
    assert problems[0].line == 2 and "Tab" in problems[0].message


def test_alias_bomb_is_refused_quickly(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 12)]
    _, problems = load(tmp_path, "\n".join(lines) + "\n")
    assert problems and "别名" in problems[0].message


def test_top_level_list_is_refused(tmp_path):
    _, problems = load(tmp_path, "- name: 甲\n")
    assert "最外层" in problems[0].message


def test_empty_and_comment_only_files(tmp_path):
    assert "空的" in load(tmp_path, "")[1][0].message
    assert "空的" in load(tmp_path, "# 只有注释\n")[1][0].message


def test_oversized_file_is_refused_without_reading(tmp_path):
    _, problems = load(tmp_path, "a: " + "长" * 400_000 + "\n")
    assert "太大" in problems[0].message


def test_unquoted_colon_gets_a_hint(tmp_path):
    _, problems = load(tmp_path, "summary: 口号: 人人开网店\n")
    assert problems[0].line == 1 and "引号" in problems[0].message


def test_text_typed_as_number_keeps_what_was_typed(tmp_path):
    loaded, _ = load(tmp_path, "phone: 06325551234\nwhen: 9:00\n")
    assert loaded.typed_text[("phone",)] == "06325551234"
    assert loaded.typed_text[("when",)] == "9:00"
