"""`python -m generator import`: a bureau's sheet in every format it is saved in, checked like the
YAML records, written all or nothing; the open-data CSV back in unchanged."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, TODAY, run_cli
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.content.loader import load_yaml
from generator.content.registry import TYPES
from generator.sheets import importer
from generator.sheets.importer import ImportFailed, import_sheet
from generator.sheets.yamltext import record_yaml

HEADER = [
    "企业名称",
    "所在区县",
    "所属行业",
    "一句话简介",
    "经营模式",
    "荣誉认定（认定名称｜认定级别｜认定年份｜批次）",
    "办公电话",
    "经营数据（年份｜网上销售额（万元））",
    "示例数据",
]
TWO_NEW = [
    [
        "滕州精工机床有限公司",
        "滕州市",
        "机械电子产品",
        "生产小型数控机床，在阿里巴巴国际站卖到东南亚。",
        "B2B、跨境B2B",
        "枣庄市电子商务示范企业｜市级｜2015｜第二批",
        "0632-5512345",
        "2015｜120\n2016｜260.5",
        "是",
    ],
    ["山亭区花椒电商合作社", "山亭区", "农副土特产品", "把山亭花椒卖到全国。", "农村电商；直播电商", None, None, None, "是"],
]
JINGGONG = """\
# 由 名单.xlsx 第 2 行导入。
name: 滕州精工机床有限公司
district: 滕州市
industry: 机械电子产品
summary: 生产小型数控机床，在阿里巴巴国际站卖到东南亚。
modes: [B2B, 跨境B2B]
recognitions:
  - {title: 枣庄市电子商务示范企业, level: 市级, year: 2015, batch: 第二批}
contact: {phone: "0632-5512345"}
figures:
  - {year: 2015, online_sales: 120}
  - {year: 2016, online_sales: 260.5}
example: true
"""


# --- sheets as Excel, WPS, LibreOffice and Excel's CSV export write them -------------------------


def write_xlsx(path: Path, rows: list[list]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "名单"
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


def write_xls(path: Path, rows: list[list]) -> Path:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("名单")
    dates = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                sheet.write(r, c, value, dates) if isinstance(value, dt.date) else sheet.write(r, c, value)
    book.save(str(path))
    return path


def write_ods(path: Path, rows: list[list]) -> Path:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    def cell(value):
        if value is None:
            return TableCell()
        if isinstance(value, bool):
            made = TableCell(valuetype="boolean", booleanvalue=str(value).lower())
        elif isinstance(value, (int, float)):
            made = TableCell(valuetype="float", value=value)
        elif isinstance(value, dt.date):
            made = TableCell(valuetype="date", datevalue=value.isoformat())
        else:
            made = TableCell(valuetype="string")
        for line in str(value).split("\n"):  # LibreOffice keeps each line of a cell as a paragraph
            made.addElement(P(text=line))
        return made

    document = OpenDocumentSpreadsheet()
    table = Table(name="名单")
    for row in rows:
        line = TableRow()
        for value in row:
            line.addElement(cell(value))
        table.addElement(line)
    document.spreadsheet.addElement(table)
    document.save(str(path))
    return path


def write_csv(path: Path, rows: list[list], encoding: str = "utf-8", delimiter: str = ",") -> Path:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n", delimiter=delimiter).writerows(
        [["" if v is None else ("是" if v is True else "否" if v is False else str(v)) for v in row] for row in rows]
    )
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def typed(rows: list[list]) -> list[list]:
    """The rows as a spreadsheet program holds them: 是/否 as booleans."""
    return [[True if v == "是" else False if v == "否" else v for v in row] for row in rows]


FORMATS = {
    "xlsx": lambda p, rows: write_xlsx(p.with_suffix(".xlsx"), typed(rows)),
    "xls": lambda p, rows: write_xls(p.with_suffix(".xls"), typed(rows)),
    "ods": lambda p, rows: write_ods(p.with_suffix(".ods"), typed(rows)),
    "csv UTF-8": lambda p, rows: write_csv(p.with_suffix(".csv"), rows),
    "csv UTF-8 with BOM": lambda p, rows: write_csv(p.with_suffix(".csv"), rows, "utf-8-sig"),
    "csv GBK (Excel on Chinese Windows)": lambda p, rows: write_csv(p.with_suffix(".csv"), rows, "gbk"),
    "tab-separated UTF-16 (Excel's Unicode text)": lambda p, rows: write_csv(p.with_suffix(".txt"), rows, "utf-16", "\t"),
}


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path, monkeypatch):
    """Editors run the command where their sheet is: messages name it as they typed it."""
    monkeypatch.chdir(tmp_path)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def errors(result) -> list[str]:
    return result.stderr.strip().splitlines()


# --- an editor's day ---------------------------------------------------------------------------


def test_a_district_list_with_two_new_enterprises_is_imported_checked_and_reads_like_yaml(valid_content, tmp_path):
    sheet = write_xlsx(tmp_path / "名单.xlsx", [HEADER, *typed(TWO_NEW)])
    result = run_cli("import", "名单.xlsx", "--type", "enterprise", "--content", str(valid_content.root), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "新增 2 条、更新 0 条、未变 0 条" in result.stdout
    folder = valid_content.root / "enterprises"
    assert (folder / "tengzhou-jinggong-jichuang.yaml").read_text(encoding="utf-8") == JINGGONG
    assert (
        (folder / "shantingqu-huajiao-dianshang-hezuoshe.yaml")
        .read_text(encoding="utf-8")
        .endswith("modes: [农村电商, 直播电商]\nexample: true\n")
    )
    check = run_cli("check", "--content", str(valid_content.root), "--today", TODAY.isoformat())
    assert check.returncode == 0 and "示范企业 3 条" in check.stdout, check.stderr
    assert sheet.exists()


def test_a_typo_in_row_3_names_row_column_and_suggestion_and_changes_nothing(valid_content, tmp_path):
    rows = [HEADER, TWO_NEW[0], list(TWO_NEW[1])]
    rows[2][1] = "山停区"
    write_xlsx(tmp_path / "名单.xlsx", rows)
    before = snapshot(valid_content.root)
    result = run_cli("import", "名单.xlsx", "--type", "enterprise", "--content", str(valid_content.root), cwd=tmp_path)
    assert result.returncode == 1
    assert errors(result) == [
        "名单.xlsx:第 3 行:B 列（所在区县）: “山停区”不在区县列表里（见 content/taxonomy.yaml）。你是不是要写“山亭区”？",
        "共发现 1 个问题，涉及 1 行。没有写入任何文件：请在表格里逐条改好，再重新导入。",
    ]
    assert snapshot(valid_content.root) == before


def test_every_problem_of_every_row_at_once_and_nothing_written(valid_content, tmp_path):
    header = [
        "编号",
        "企业名称",
        "所在区县",
        "所属行业",
        "一句话简介",
        "经营模式",
        "网店（平台｜店铺名称｜店铺网址）",
        "首页推荐",
        "标签",
        "负责人",  # no field (备注, a bureau's remarks, is read past: test_bureau_sheets.py)
        "联系方式",
    ]
    rows = [
        header,
        ["ok-firm", "好企业有限公司", "市中区", "社区服务", "一句话。", "O2O", "美团｜好企业外卖", "否", None, None, None],
        ["Bad_ID", "甲公司", "市中区", "社区服务", "一句话。", None, None, None, None, None, None],
        ["ok-firm", "乙公司", "市中区", "社区服务", "一句话。", None, None, None, None, None, None],
        [None, "丙公司", "市中区", "航天", "", "B2B2C", "淘宝｜丙店｜https://x.cn｜多余", "可能", 913704001234567890, None, None],
        [None, "丁公司", "薛城区", "社区服务", "经理电话 13912345678。", None, "淘宝", None, None, None, None],
    ]
    write_xlsx(tmp_path / "名单.xlsx", rows)
    before = snapshot(valid_content.root)
    result = run_cli("import", "名单.xlsx", "--type", "enterprise", "--content", str(valid_content.root), cwd=tmp_path)
    assert result.returncode == 1
    assert errors(result) == [
        "名单.xlsx:第 1 行:J 列（负责人）: 没有“负责人”这个字段，这一列不能导入。请删去这一列，或把表头改成字段的中文名"
        "（python -m generator template enterprise 模板.xlsx 生成的模板里有全部的列）",
        "名单.xlsx:第 1 行:K 列（联系方式）: “联系方式”包含几项内容，每项要单独一列：办公电话（contact.phone）、手机号已获同意公开（contact.consent）、地址（contact.address）",
        "名单.xlsx:第 3 行:A 列（编号）: 编号“Bad_ID”不合规：只能用小写英文字母、数字和连字符（-），3 到 64 个字符，"
        "且以字母或数字开头，如 tengzhou-nongpin",
        "名单.xlsx:第 4 行:A 列（编号）: 编号“ok-firm”和第 2 行重复。一条记录只能占一行",
        "名单.xlsx:第 5 行:D 列（所属行业）: “航天”不在行业列表里（见 content/taxonomy.yaml）。可以写：农副土特产品、轻纺工业制品、"
        "煤及煤化工产品、家居建材产品、机械电子产品、干杂海货产品、生物医药产品、大宗商品单品等",
        "名单.xlsx:第 5 行:E 列（一句话简介）: 这是必填项，不能空着，请填写",
        "名单.xlsx:第 5 行:F 列（经营模式）: 第 1 项：“B2B2C”不在经营模式列表里（见 content/taxonomy.yaml）。你是不是要写“B2B”？",
        "名单.xlsx:第 5 行:G 列（网店（平台｜店铺名称｜店铺网址））: 第 1 项“淘宝｜丙店｜https://x.cn｜多余”分成了 4 部分，"
        "最多 3 部分：平台｜店铺名称｜店铺网址。每项单独一行，各部分之间用“｜”隔开",
        "名单.xlsx:第 5 行:H 列（首页推荐）: 只能填“是”或“否”，现在写的是“可能”",
        "名单.xlsx:第 5 行:I 列（标签）: “9.13704E+17”是表格软件改成科学计数法的长数字，后面几位已经丢失，不能导入。"
        "请把这一列设置为“文本”格式，重新填写完整的数字后再导入",
        "名单.xlsx:第 6 行:E 列（一句话简介）: 含有手机号 139****5678。个人手机号不能公开，请删除；需要留电话的，请改用单位办公电话",
        "名单.xlsx:第 6 行:G 列（网店（平台｜店铺名称｜店铺网址））: 第 1 项的店铺名称：这是必填项，不能空着，请填写",
        "共发现 12 个问题，涉及 5 行。没有写入任何文件：请在表格里逐条改好，再重新导入。",
    ]
    assert snapshot(valid_content.root) == before


@pytest.mark.parametrize("kind", list(FORMATS))
def test_every_format_a_bureau_saves_gives_the_same_records(kind, valid_content, tmp_path):
    sheet = FORMATS[kind](tmp_path / "名单", [HEADER, *TWO_NEW])
    report = import_sheet(sheet, "enterprise", valid_content.root)
    assert report.counts() == "新增 2 条、更新 0 条、未变 0 条"
    text = (valid_content.root / "enterprises" / "tengzhou-jinggong-jichuang.yaml").read_text(encoding="utf-8")
    assert text.split("\n", 1)[1] == JINGGONG.split("\n", 1)[1]  # all but the line naming the sheet
    assert text.startswith(f"# 由 {sheet.name} 第 2 行导入。")


def test_a_gbk_csv_is_read_as_gbk_not_garbled(valid_content, tmp_path):
    sheet = write_csv(tmp_path / "名单.csv", [HEADER, *TWO_NEW], "gbk")
    with pytest.raises(UnicodeDecodeError):
        sheet.read_bytes().decode("utf-8")  # really not UTF-8
    import_sheet(sheet, "enterprise", valid_content.root)
    data = yaml.safe_load((valid_content.root / "enterprises" / "shantingqu-huajiao-dianshang-hezuoshe.yaml").read_text("utf-8"))
    assert data["name"] == "山亭区花椒电商合作社" and data["summary"] == "把山亭花椒卖到全国。"


def test_numbers_dates_and_times_as_spreadsheets_hand_them_over(valid_content, tmp_path):
    rows = [
        [
            "班名",
            "培训对象",
            "开始时间",
            "结束时间",
            "主办单位",
            "名额（人）",
            "费用（元）",
            "报名截止日期",
            "报名电话",
            "已取消",
        ],
        [
            "直播带货实战班",
            "网店微店创业者、企业负责人",
            dt.datetime(2027, 3, 15, 9, 0),
            "2027/3/15 17:30",
            "枣庄市商务局",
            80.0,
            0.0,
            dt.date(2027, 3, 10),
            3310001.0,
            False,
        ],
    ]
    write_xlsx(tmp_path / "培训.xlsx", rows)
    import_sheet(tmp_path / "培训.xlsx", "training", valid_content.root)
    text = (valid_content.root / "trainings" / "zhibo-daihuo-shizhan-ban-2027-03-15.yaml").read_text(encoding="utf-8")
    assert text.split("\n", 1)[1] == (
        "title: 直播带货实战班\n"
        "audience: [网店微店创业者, 企业负责人]\n"
        'start: "2027-03-15 09:00"\n'
        'end: "2027-03-15 17:30"\n'
        "organizer: 枣庄市商务局\n"
        "capacity: 80\n"
        "fee: 0\n"
        'registration: {deadline: "2027-03-10", phone: "3310001"}\n'
        "cancelled: false\n"
    )


def test_a_long_number_a_spreadsheet_turned_scientific_is_refused(valid_content, tmp_path):
    rows = [
        ["编号", "企业名称", "所在区县", "所属行业", "一句话简介", "标签"],
        ["firm-a", "甲公司", "市中区", "社区服务", "一句话。", "9.13704E+17"],
    ]
    write_csv(tmp_path / "名单.csv", rows)
    with pytest.raises(ImportFailed) as failed:
        import_sheet(tmp_path / "名单.csv", "enterprise", valid_content.root)
    assert [p.format() for p in failed.value.problems] == [
        "名单.csv:第 2 行:F 列（标签）: “9.13704E+17”是表格软件改成科学计数法的长数字，后面几位已经丢失，不能导入。"
        "请把这一列设置为“文本”格式，重新填写完整的数字后再导入"
    ]


def test_list_cells_split_on_every_separator_editors_type(valid_content, tmp_path):
    rows = [
        ["编号", "企业名称", "所在区县", "所属行业", "一句话简介", "经营模式"],
        ["firm-a", "甲公司", "市中区", "社区服务", "一句话。", "B2B、B2C；O2O;C2B，直播电商\n社交电商"],
    ]
    import_sheet(write_xlsx(tmp_path / "名单.xlsx", rows), "enterprise", valid_content.root)
    data = yaml.safe_load((valid_content.root / "enterprises" / "firm-a.yaml").read_text(encoding="utf-8"))
    assert data["modes"] == ["B2B", "B2C", "O2O", "C2B", "直播电商", "社交电商"]


def test_headers_by_title_field_name_or_dotted_name_and_parts_in_any_order(valid_content, tmp_path):
    rows = [
        ["id", "name", "district", "所属行业", "summary", "contact.phone", "荣誉认定（认定级别｜认定名称）"],
        ["firm-a", "甲公司", "tengzhou", "社区服务", "一句话。", "0632-1234567", "省级｜山东省电子商务示范企业"],
    ]
    import_sheet(write_xlsx(tmp_path / "名单.xlsx", [["2026 年滕州市示范企业名单"], *rows]), "enterprise", valid_content.root)
    data = yaml.safe_load((valid_content.root / "enterprises" / "firm-a.yaml").read_text(encoding="utf-8"))
    assert data["district"] == "tengzhou" and data["contact"] == {"phone": "0632-1234567"}
    assert data["recognitions"] == [{"title": "山东省电子商务示范企业", "level": "省级"}]


def test_a_missing_required_column_is_reported_once_at_the_header(valid_content, tmp_path):
    rows = [["企业名称", "所在区县", "一句话简介"], ["甲公司", "市中区", "一句话。"], ["乙公司", "市中区", "一句话。"]]
    with pytest.raises(ImportFailed) as failed:
        import_sheet(write_xlsx(tmp_path / "名单.xlsx", rows), "enterprise", valid_content.root)
    assert [p.format() for p in failed.value.problems] == [
        "名单.xlsx:第 1 行: 缺少“所属行业”这一列（industry，必填）：新增的记录必须填写（第 2、3 行是新增的）。请加上这一列"
    ]


def test_ids_of_other_records_are_checked_against_content_and_the_sheet(valid_content, tmp_path):
    rows = [
        ["标题", "姓名", "本人同意公开", "所在区县", "一句话简介", "故事正文", "发布日期", "所属企业"],
        ["卖石榴", "张三", "是", "峄城区", "简介。", "第一段。\n\n第二段。", dt.date(2026, 1, 2), "lunan-nongpin"],
        ["卖花椒", "李四", "是", "山亭区", "简介。", "正文。", dt.date(2026, 1, 3), "no-such-firm"],
    ]
    with pytest.raises(ImportFailed) as failed:
        import_sheet(write_xlsx(tmp_path / "故事.xlsx", rows), "case", valid_content.root)
    assert [p.format() for p in failed.value.problems] == [
        "故事.xlsx:第 3 行:H 列（所属企业）: 找不到编号为“no-such-firm”的企业。请填 content/enterprises/ 下的文件名（不含 .yaml）"
    ]
    rows[2][7] = None
    report = import_sheet(write_xlsx(tmp_path / "故事.xlsx", rows), "case", valid_content.root)
    assert [p.id for p in report.planned] == ["mai-shiliu-2026-01-02", "mai-huajiao-2026-01-03"]
    story = (valid_content.root / "cases" / "mai-shiliu-2026-01-02.yaml").read_text(encoding="utf-8")
    assert "story: |\n  第一段。\n\n  第二段。\n" in story and "person: {name: 张三, consent: true}" in story


def test_a_sheet_imported_as_the_wrong_type_says_which_type_it_looks_like(valid_content, tmp_path):
    write_xlsx(tmp_path / "名单.xlsx", [HEADER, *typed(TWO_NEW)])
    result = run_cli("import", "名单.xlsx", "--type", "training", "--content", str(valid_content.root), cwd=tmp_path)
    assert result.returncode == 1
    assert (
        errors(result)[0]
        == "名单.xlsx:第 1 行: 表头更像示范企业的名单，不像培训班的：是不是要用 --type enterprise？（--type training 是培训班）"
    )


def test_a_merged_district_cell_counts_for_every_row_it_covers(valid_content, tmp_path):
    from openpyxl import load_workbook

    rows = [
        ["企业名称", "所在区县", "所属行业", "一句话简介"],
        ["甲公司", "薛城区", "社区服务", "一句话。"],
        ["乙公司", None, "社区服务", "一句话。"],
        ["丙公司", None, "社区服务", "一句话。"],
    ]
    sheet = write_xlsx(tmp_path / "名单.xlsx", rows)
    book = load_workbook(sheet)
    book.active.merge_cells("B2:B4")  # a district written once for its enterprises, as bureaus do
    book.save(sheet)
    report = import_sheet(sheet, "enterprise", valid_content.root)
    for plan in report.planned:
        assert yaml.safe_load(plan.path.read_text(encoding="utf-8"))["district"] == "薛城区"


# --- ids ---------------------------------------------------------------------------------------


def test_ids_are_readable_pinyin_unique_and_the_same_on_every_import(valid_content, tmp_path):
    rows = [
        ["企业名称", "所在区县", "所属行业", "一句话简介"],
        ["滕州精工机床有限公司", "滕州市", "机械电子产品", "一句话。"],
        ["滕州精功机床有限公司", "滕州市", "机械电子产品", "同音的另一家。"],  # 工 and 功 are both gong
        ["滕州市鲁南农品电子商务有限公司", "滕州市", "农副土特产品", "把滕州马铃薯卖到全国的农产品网店。"],
    ]
    sheet = write_xlsx(tmp_path / "名单.xlsx", rows)
    report = import_sheet(sheet, "enterprise", valid_content.root)
    # the third row is the record already in content/ under its own id: found by its name, unchanged
    assert [(p.id, p.status) for p in report.planned] == [
        ("tengzhou-jinggong-jichuang", "新增"),
        ("tengzhou-jinggong-jichuang-2", "新增"),
        ("lunan-nongpin", "未变"),
    ]
    rows[1], rows[2] = rows[2], rows[1]  # the order of the rows does not matter any more
    report = import_sheet(write_xlsx(sheet, rows), "enterprise", valid_content.root, update=True)
    assert [(p.id, p.status) for p in report.planned] == [
        ("tengzhou-jinggong-jichuang-2", "未变"),
        ("tengzhou-jinggong-jichuang", "未变"),
        ("lunan-nongpin", "未变"),
    ]


def test_a_row_naming_a_record_another_row_gives_by_id_is_refused(valid_content, tmp_path):
    rows = [
        ["编号", "企业名称", "所在区县", "所属行业", "一句话简介"],
        ["lunan-nongpin", "滕州市鲁南农品电子商务有限公司", "滕州市", "农副土特产品", "一句话。"],
        [None, "滕州市鲁南农品电子商务有限公司", "滕州市", "农副土特产品", "另一句话。"],
    ]
    with pytest.raises(ImportFailed) as failed:
        import_sheet(write_xlsx(tmp_path / "名单.xlsx", rows), "enterprise", valid_content.root, update=True)
    assert [p.format() for p in failed.value.problems] == [
        "名单.xlsx:第 3 行: 企业名称和 content/ 里的“lunan-nongpin”相同，而第 2 行已经是“lunan-nongpin”了。"
        "同一条记录请只留一行；不是同一条，请在“编号”列填一个新编号"
    ]


def test_two_rows_with_the_same_name_and_no_id_are_refused(valid_content, tmp_path):
    rows = [
        ["企业名称", "所在区县", "所属行业", "一句话简介"],
        ["甲公司", "滕州市", "社区服务", "一句话。"],
        ["甲公司", "滕州市", "社区服务", "一句话。"],
    ]
    with pytest.raises(ImportFailed) as failed:
        import_sheet(write_xlsx(tmp_path / "名单.xlsx", rows), "enterprise", valid_content.root)
    assert [p.format() for p in failed.value.problems] == [
        "名单.xlsx:第 3 行: 和第 2 行的企业名称相同，是同一条记录吗？同一条请删去一行；不是同一条，请在“编号”列给两行各填一个编号"
    ]


# --- updates, idempotence, the round trip ------------------------------------------------------


def test_importing_the_same_sheet_twice_changes_nothing_the_second_time(valid_content, tmp_path):
    write_xlsx(tmp_path / "名单.xlsx", [HEADER, *typed(TWO_NEW)])
    args = ("import", "名单.xlsx", "--type", "enterprise", "--content", str(valid_content.root))
    assert run_cli(*args, cwd=tmp_path).returncode == 0
    after_first = snapshot(valid_content.root)
    for extra in ((), ("--update",)):
        result = run_cli(*args, *extra, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert "新增 0 条、更新 0 条、未变 2 条" in result.stdout
        assert snapshot(valid_content.root) == after_first


EDITED = """\
# 鲁南农品：2014 年第一批示范企业（编辑的注释）
name: 滕州市鲁南农品电子商务有限公司
summary: 把滕州马铃薯卖到全国的农产品网店。
district: tengzhou   # 写编号也可以
industry: 农副土特产品
tags: [马铃薯]
contact:
  address: 滕州市龙泉路 1 号
"""


def test_update_changes_only_the_filled_cells_of_the_sheet_keeping_comments_and_order(valid_content, tmp_path):
    # the industry cell is empty: kept; the tags cell says 删除: removed; 滕州市 is what tengzhou is: unchanged
    path = valid_content.write("enterprise", text=EDITED)
    rows = [
        ["编号", "企业名称", "所在区县", "所属行业", "办公电话", "企业网站", "标签"],
        [
            "lunan-nongpin",
            "滕州市鲁南农品电子商务有限公司",
            "滕州市",
            None,
            "0632-5551234",
            "https://www.example.cn/lunan",
            "删除",
        ],
    ]
    write_xlsx(tmp_path / "名单.xlsx", rows)
    args = ("import", "名单.xlsx", "--type", "enterprise", "--content", str(valid_content.root))
    refused = run_cli(*args, cwd=tmp_path)
    assert refused.returncode == 1 and path.read_text(encoding="utf-8") == EDITED
    assert errors(refused)[0] == (
        f"名单.xlsx:第 2 行:A 列（编号）: 已经有了（{path.relative_to(tmp_path)}），表格里的办公电话、企业网站、标签和它不一样。"
        "要用表格里的内容更新它，请加上 --update；要另外新增一条，请换一个编号"
    )
    # 删除 takes the tags away: refused until the editor says so
    removal = run_cli(*args, "--update", cwd=tmp_path)
    assert removal.returncode == 1 and path.read_text(encoding="utf-8") == EDITED
    assert errors(removal)[0] == (
        f"名单.xlsx:第 2 行:G 列（标签）: 会删去 {path.relative_to(tmp_path)} 里原有的“标签”（原来是“马铃薯”，表格里是“（空）”）。"
        "确实要删去，请加上 --allow-removal 再导入；不想删，请在表格里补回来"
    )
    result = run_cli(*args, "--update", "--allow-removal", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "更新 1 条" in result.stdout
    # each changed field, old → new
    for change in ("办公电话：（空） → 0632-5551234", "企业网站：（空） → https://www.example.cn/lunan", "标签：马铃薯 → （空）"):
        assert f"      {change}\n" in result.stdout, result.stdout
    assert (
        path.read_text(encoding="utf-8")
        == """\
# 鲁南农品：2014 年第一批示范企业（编辑的注释）
name: 滕州市鲁南农品电子商务有限公司
summary: 把滕州马铃薯卖到全国的农产品网店。
district: tengzhou   # 写编号也可以
industry: 农副土特产品
website: https://www.example.cn/lunan
contact:
  phone: "0632-5551234"
  address: 滕州市龙泉路 1 号
"""
    )


def test_dry_run_counts_and_writes_nothing(valid_content, tmp_path):
    rows = [
        ["编号", "企业名称", "所在区县", "所属行业", "一句话简介", "办公电话"],
        ["lunan-nongpin", "滕州市鲁南农品电子商务有限公司", "滕州市", "农副土特产品", "新的一句话简介。", "0632-5551234"],
        ["firm-a", "甲公司", "市中区", "社区服务", "一句话。", None],
    ]
    write_xlsx(tmp_path / "名单.xlsx", rows)
    before = snapshot(valid_content.root)
    result = run_cli(
        "import", "名单.xlsx", "--type", "enterprise", "--update", "--dry-run", "--content", str(valid_content.root), cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "试运行，没有写入任何文件：新增 1 条、更新 1 条、未变 0 条。"
    assert snapshot(valid_content.root) == before


def test_the_published_csv_of_every_type_imports_back_without_changing_a_file(tmp_path):
    from generator.content.siteconfig import SiteConfig
    from generator.content.validate import check_content
    from generator.outputs.opendata import open_data_files

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    site = check_content(content, TODAY).site
    files = open_data_files(site, SiteConfig("枣庄", "https://www.example.gov.cn/ecommerce/"))
    before = snapshot(content)
    for record_type in TYPES:
        sheet = tmp_path / f"{record_type.folder}.csv"
        sheet.write_text(files[f"data/{record_type.folder}.csv"], encoding="utf-8")
        result = run_cli("import", sheet.name, "--type", record_type.name, "--update", "--content", str(content), cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert f"新增 0 条、更新 0 条、未变 {len(site.of(record_type.name))} 条" in result.stdout
    assert snapshot(content) == before


def test_an_edited_published_csv_changes_just_the_edited_cell(tmp_path):
    from generator.content.siteconfig import SiteConfig
    from generator.content.validate import check_content
    from generator.outputs.opendata import open_data_files

    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    files = open_data_files(check_content(content, TODAY).site, SiteConfig("枣庄", "https://www.example.gov.cn/ecommerce/"))
    rows = list(csv.reader(io.StringIO(files["data/enterprises.csv"].lstrip("\ufeff"))))
    phone = rows[0].index("办公电话")
    target = content / "enterprises" / f"{rows[1][0]}.yaml"
    old = target.read_text(encoding="utf-8")
    rows[1][phone] = "0632-7654321"
    sheet = write_csv(tmp_path / "企业.csv", rows, "gbk")  # opened in Excel, saved as CSV on Chinese Windows
    before = snapshot(content)
    report = import_sheet(sheet, "enterprise", content, update=True)
    assert report.counts() == f"新增 0 条、更新 1 条、未变 {len(rows) - 2} 条"
    after = snapshot(content)
    assert [name for name in after if after[name] != before[name]] == [str(target.relative_to(content))]
    old_phone = next(line for line in old.splitlines() if "phone" in line)
    assert target.read_text(encoding="utf-8") == old.replace(
        old_phone, old_phone.replace(old_phone.split('"')[1], "0632-7654321")
    )


def test_a_record_others_link_to_cannot_become_a_draft_and_an_old_id_is_not_reused(valid_content, tmp_path):
    valid_content.write("park", redirect_from=["old-park"])
    rows = [["编号", "企业名称", "草稿"], ["lunan-nongpin", "滕州市鲁南农品电子商务有限公司", "是"]]
    with pytest.raises(ImportFailed) as failed:
        import_sheet(write_xlsx(tmp_path / "名单.xlsx", rows), "enterprise", valid_content.root, update=True)
    assert [p.format() for p in failed.value.problems] == [
        "名单.xlsx:第 2 行:C 列（草稿）: 改成草稿后这条企业不再发布，但 content/cases/yicheng-shiliu.yaml、"
        "content/industry-platforms/lunan-platform.yaml、content/parks/tengzhou-park.yaml 还链接到它，"
        "链接会失效。请先改那些记录，或不要改成草稿"
    ]
    rows = [["编号", "园区名称", "所在区县", "一句话简介"], ["old-park", "新园区", "市中区", "一句话。"]]
    with pytest.raises(ImportFailed) as failed:
        import_sheet(write_xlsx(tmp_path / "园区.xlsx", rows), "park", valid_content.root)
    assert [p.format() for p in failed.value.problems] == [
        "园区.xlsx:第 2 行:A 列（编号）: 编号“old-park”是 content/parks/tengzhou-park.yaml 的旧编号（redirect_from），"
        "旧网址会跳到那里，不能再给新记录用。请换一个编号"
    ]
    rows = [
        ["编号", "企业名称", "旧编号"],
        ["lunan-nongpin", "滕州市鲁南农品电子商务有限公司", "lunan-old；old-park；lunan-nongpin"],
    ]
    with pytest.raises(ImportFailed) as failed:
        import_sheet(write_xlsx(tmp_path / "改名.xlsx", rows), "enterprise", valid_content.root, update=True)
    assert [p.format() for p in failed.value.problems] == [
        "改名.xlsx:第 2 行:C 列（旧编号）: 第 3 项：旧编号和现在的编号相同，请删去这一项"
    ]


# --- all or nothing ----------------------------------------------------------------------------


def test_a_write_that_fails_half_way_puts_everything_back(valid_content, tmp_path, monkeypatch):
    valid_content.write("enterprise", text=EDITED)
    rows = [
        ["编号", "企业名称", "所在区县", "所属行业", "一句话简介"],
        ["lunan-nongpin", "滕州市鲁南农品电子商务有限公司", "滕州市", "农副土特产品", "新的简介。"],
        ["firm-a", "甲公司", "市中区", "社区服务", "一句话。"],
        ["firm-b", "乙公司", "市中区", "社区服务", "一句话。"],
    ]
    before = snapshot(valid_content.root)
    calls = []
    real_replace = importer.os.replace

    def failing_replace(source, target):
        calls.append(target)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(importer.os, "replace", failing_replace)
    with pytest.raises(ImportFailed) as failed:
        import_sheet(write_xlsx(tmp_path / "名单.xlsx", rows), "enterprise", valid_content.root, update=True)
    assert "写入文件时出错（No space left on device），已恢复原样" in failed.value.problems[0].message
    assert snapshot(valid_content.root) == before  # no temporary folder left behind either


def test_many_rows_checked_on_every_core_give_what_one_core_gives(valid_content, tmp_path, monkeypatch):
    rows = [["企业名称", "所在区县", "所属行业", "一句话简介", "经营模式"]] + [
        [f"枣庄第{i}号电子商务有限公司", "市中区", "社区服务", f"第 {i} 家。", "O2O"] for i in range(40)
    ]
    rows[17][1] = "市中"
    sheet = write_xlsx(tmp_path / "名单.xlsx", rows)
    results = []
    for parallel_from in (10**6, 2):
        monkeypatch.setattr(importer, "PARALLEL_FROM", parallel_from)
        with pytest.raises(ImportFailed) as failed:
            import_sheet(sheet, "enterprise", valid_content.root)
        results.append([p.format() for p in failed.value.problems])
    assert (
        results[0]
        == results[1]
        == ["名单.xlsx:第 18 行:B 列（所在区县）: “市中”不在区县列表里（见 content/taxonomy.yaml）。你是不是要写“市中区”？"]
    )
    rows[17][1] = "市中区"
    report = import_sheet(write_xlsx(sheet, rows), "enterprise", valid_content.root, dry_run=True)
    assert len({p.id for p in report.planned}) == 40


# --- the YAML written is read back as the data -------------------------------------------------

_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30).filter(lambda t: t.strip() == t and t)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=_TEXT,
    summary=_TEXT,
    tags=st.lists(_TEXT, min_size=1, max_size=4),
    phone=_TEXT,
    body=st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=80),
)
@example(name="0", summary="0", tags=["0"], phone="0", body="\n")  # a body of line breaks only (found by a fresh run)
def test_yaml_written_for_any_text_reads_back_as_that_text(tmp_path, name, summary, tags, phone, body):
    import yaml_rs

    data = {
        "name": name,
        "summary": summary,
        "description": body,
        "contact": {"phone": phone},
        "tags": tags,
        "figures": [{"year": 2015, "online_sales": 12.5}],
    }
    text = record_yaml("enterprise", data, "由 名单.xlsx 第 2 行导入。")
    path = tmp_path / "firm.yaml"
    path.write_text(text, encoding="utf-8")
    loaded, problems = load_yaml(path)
    assert problems == [], text
    assert loaded.data == data, text  # what check reads on its careful path (PyYAML, YAML 1.1) …
    assert yaml_rs.loads(text, parse_datetime=False) == data, text  # … and on its fast path (yaml-rs, YAML 1.2)
