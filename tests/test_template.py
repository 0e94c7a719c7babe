"""`python -m generator template TYPE FILE.xlsx`: the empty sheet editors fill, read back as Excel
and WPS read it (openpyxl): Chinese headers, a note on every column, drop-downs from taxonomy.yaml,
text columns that keep 0632-… as typed, an example row the import skips."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml
from conftest import TODAY, run_cli
from openpyxl import load_workbook

from generator.content.registry import TYPES
from generator.content.taxonomy import Taxonomy
from generator.sheets.columns import columns
from generator.sheets.importer import import_sheet
from generator.sheets.template import template_columns, write_template


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


def taxonomy(content) -> Taxonomy:
    return Taxonomy.from_data(yaml.safe_load((content.root / "taxonomy.yaml").read_text(encoding="utf-8")))


def column_of(sheet, heading: str) -> str:
    return next(cell.column_letter for cell in sheet[1] if cell.value == heading)


def choices(book, validation) -> list[str]:
    """The values a list validation offers: inline ("是,否") or a range of the hidden sheet."""
    formula = validation.formula1
    if formula.startswith('"'):
        return formula.strip('"').split(",")
    sheet_name, cells = formula.split("!")
    first, last = cells.replace("$", "").split(":")
    return [c.value for row in book[sheet_name.strip("'")][f"{first}:{last}"] for c in row]


def validation_of(sheet, letter: str):
    found = [
        v
        for v in sheet.data_validations.dataValidation
        if any(r.min_col == r.max_col and r.coord.startswith(letter) and r.min_row == 2 for r in v.sqref.ranges)
    ]
    assert len(found) == 1, letter
    return found[0]


def test_header_row_in_chinese_with_a_note_on_every_column_and_required_ones_marked(valid_content, tmp_path):
    result = run_cli("template", "enterprise", "企业名单.xlsx", "--content", str(valid_content.root), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "已生成 企业名单.xlsx" in result.stdout
    book = load_workbook(tmp_path / "企业名单.xlsx")
    sheet = book["示范企业"]
    header = [cell.value for cell in sheet[1]]
    assert header[:6] == ["编号", "企业名称", "所在区县", "所属行业", "一句话简介", "经营模式"]
    assert "荣誉认定（认定名称｜认定级别｜认定年份｜批次）" in header and "办公电话" in header and "旧编号" not in header
    for cell, column in zip(sheet[1][1:], template_columns("enterprise")):
        note = cell.comment.text
        assert note.startswith(f"{column.title}（{column.name}）：{'必填' if column.required else '选填'}。"), note
        assert (cell.font.color is not None and cell.font.color.rgb.endswith("C00000")) == column.required
    recognitions = sheet[f"{column_of(sheet, '荣誉认定（认定名称｜认定级别｜认定年份｜批次）')}1"].comment.text
    assert "每行依次写：认定名称｜认定级别｜认定年份｜批次" in recognitions and "市级、省级、国家级" in recognitions
    assert "不填时按企业名称自动生成拼音编号，如 tengzhou-jinggong-jichuang" in sheet["A1"].comment.text
    guide = [row for row in book["填写说明"].iter_rows(values_only=True)]
    assert ("C", "所在区县", "必填") == guide[10][:3] and any("--update" in (row[0] or "") for row in guide)


def test_drop_downs_offer_the_taxonomy_and_yes_or_no(valid_content, tmp_path):
    write_template("enterprise", tmp_path / "企业名单.xlsx", valid_content.root)
    book = load_workbook(tmp_path / "企业名单.xlsx")
    sheet, lists = book["示范企业"], taxonomy(valid_content)
    assert book["选项"].sheet_state == "hidden"
    district = validation_of(sheet, column_of(sheet, "所在区县"))
    assert (
        choices(book, district)
        == [e.name for e in lists.entries("districts")]
        == ["市中区", "薛城区", "峄城区", "台儿庄区", "山亭区", "滕州市", "枣庄高新区"]
    )
    assert district.showErrorMessage and district.errorStyle == "warning"  # a warning: an id may be typed too
    assert str(district.sqref) == f"{column_of(sheet, '所在区县')}2:{column_of(sheet, '所在区县')}10001"
    assert choices(book, validation_of(sheet, column_of(sheet, "所属行业")))[0] == "农副土特产品"
    modes = validation_of(sheet, column_of(sheet, "经营模式"))
    assert choices(book, modes) == [e.name for e in lists.entries("modes")]
    assert not modes.showErrorMessage  # several modes, separated by ；, are typed in one cell
    assert choices(book, validation_of(sheet, column_of(sheet, "首页推荐"))) == ["是", "否"]
    cases = tmp_path / "故事.xlsx"
    write_template("case", cases, valid_content.root)
    book = load_workbook(cases)
    platforms = validation_of(book["致富典型"], column_of(book["致富典型"], "经营平台"))
    assert "微店" in choices(book, platforms) and "微信小店" in choices(book, platforms)


def test_phone_numbers_and_codes_stay_text_and_dates_are_dates(valid_content, tmp_path):
    write_template("enterprise", tmp_path / "企业.xlsx", valid_content.root)
    sheet = load_workbook(tmp_path / "企业.xlsx")["示范企业"]
    for heading in ("编号", "办公电话", "企业名称", "标签", "经营数据（年份｜网上销售额（万元））"):
        assert sheet.column_dimensions[column_of(sheet, heading)].number_format == "@", heading
        assert sheet[f"{column_of(sheet, heading)}2"].number_format == "@", heading
    write_template("training", tmp_path / "培训.xlsx", valid_content.root)
    sheet = load_workbook(tmp_path / "培训.xlsx")["培训班"]
    assert sheet.column_dimensions[column_of(sheet, "开始时间")].number_format == "yyyy-mm-dd hh:mm"
    assert sheet.column_dimensions[column_of(sheet, "报名截止日期")].number_format == "yyyy-mm-dd"
    assert sheet.column_dimensions[column_of(sheet, "报名电话")].number_format == "@"
    assert sheet.column_dimensions[column_of(sheet, "名额（人）")].number_format == "General"
    assert isinstance(sheet[f"{column_of(sheet, '开始时间')}2"].value, dt.datetime)


@pytest.mark.parametrize("record_type", [t.name for t in TYPES])
def test_the_template_of_every_type_imports_back(record_type, valid_content, tmp_path):
    path = write_template(record_type, tmp_path / f"{record_type}.xlsx", valid_content.root, today=TODAY)
    before = sorted(p.name for p in valid_content.root.rglob("*"))
    report = import_sheet(path, record_type, valid_content.root)
    assert report.planned == [] and sorted(p.name for p in valid_content.root.rglob("*")) == before
    # the example row is a well-formed draft: given an id, it passes every check
    book = load_workbook(path)
    book.worksheets[0]["A2"] = "example-row"
    book.save(path)
    report = import_sheet(path, record_type, valid_content.root)
    assert [(p.id, p.status) for p in report.planned] == [("example-row", "新增")]
    folder = next(t.folder for t in TYPES if t.name == record_type)
    assert yaml.safe_load((valid_content.root / folder / "example-row.yaml").read_text(encoding="utf-8"))["draft"] is True
    assert set(c.path for c in template_columns(record_type)) == {c.path for c in columns(record_type)} - {("redirect_from",)}


def test_a_filled_template_imports_and_checks(valid_content, tmp_path):
    path = write_template("enterprise", tmp_path / "企业名单.xlsx", valid_content.root)
    book = load_workbook(path)
    sheet = book["示范企业"]
    sheet.delete_rows(2)  # the example row, as an editor may delete it
    values = {
        "企业名称": "滕州精工机床有限公司",
        "所在区县": "滕州市",
        "所属行业": "机械电子产品",
        "一句话简介": "生产小型数控机床。",
        "办公电话": "0632-5512345",
        "经营模式": "B2B；跨境B2B",
        "经营数据（年份｜网上销售额（万元））": "2015｜120",
        "示例数据": "是",
    }
    for heading, value in values.items():
        sheet[f"{column_of(sheet, heading)}2"] = value
    book.save(path)
    result = run_cli("import", "企业名单.xlsx", "--type", "enterprise", "--content", str(valid_content.root), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = yaml.safe_load((valid_content.root / "enterprises" / "tengzhou-jinggong-jichuang.yaml").read_text(encoding="utf-8"))
    assert data["contact"] == {"phone": "0632-5512345"} and data["modes"] == ["B2B", "跨境B2B"]
    check = run_cli("check", "--content", str(valid_content.root), "--today", TODAY.isoformat())
    assert check.returncode == 0, check.stderr


def test_the_template_never_overwrites_a_file_and_is_always_xlsx(valid_content, tmp_path):
    existing = tmp_path / "名单.xlsx"
    existing.write_bytes(b"an editor's own sheet")
    result = run_cli("template", "enterprise", "名单.xlsx", "--content", str(valid_content.root), cwd=tmp_path)
    assert result.returncode == 1 and "名单.xlsx 已经存在，没有改动它" in result.stderr
    assert existing.read_bytes() == b"an editor's own sheet"
    result = run_cli("template", "enterprise", "名单.csv", "--content", str(valid_content.root), cwd=tmp_path)
    assert result.returncode == 1 and "模板只能存成 .xlsx 文件" in result.stderr
    assert not Path(tmp_path / "名单.csv").exists()
