"""The sheets district bureaus really send, saved by a spreadsheet program (LibreOffice made the files
in tests/sheets/, see make_bureau_sheets.py) as well as by our own writer: their own headings, a
title row, 序号 and 备注 columns, a 合计 row, phone numbers the program turned into numbers, two
values in one cell; and what `--update` may take away."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import ENTERPRISE, ROOT, run_cli
from test_import import snapshot, write_xlsx

from generator.content.validate import check_content

SHEETS = Path(__file__).parent / "sheets"
TITLE = ["滕州市电子商务示范企业申报汇总表"]
HEADER = ["序号", "企业名称", "所属区县", "所属行业", "主营业务", "经营模式", "联系电话", "网店平台", "店铺名称", "备注"]
ROWS = [
    [
        1,
        "滕州市精工机床有限公司",
        "滕州市",
        "机械电子产品",
        "数控机床网上销售",
        "B2B",
        "0632-5867001",
        1688,
        "精工机床旗舰店",
        None,
    ],
    [
        2,
        "滕州市鲁南杂粮合作社",
        "滕州市",
        "农副土特产品",
        "杂粮网上销售",
        "B2C、农村电商",
        "０６３２－５８６７００２",
        "淘宝",
        "鲁南杂粮店",
        "新申报",
    ],
    ["合计"],
]


@pytest.fixture
def project(tmp_path) -> Path:
    """A copy of the shipped content (its taxonomy, its records), imported into."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    return tmp_path


def sheet(project: Path, made_by: str) -> Path:
    if made_by == "ours":
        return write_xlsx(project / "名单.xlsx", [TITLE, HEADER, *ROWS])
    return Path(shutil.copy(SHEETS / made_by, project / f"名单{Path(made_by).suffix}"))


@pytest.mark.parametrize("made_by", ["bureau-text-phones.xlsx", "bureau-text-phones.ods", "ours"])
def test_a_bureau_list_in_its_own_words_imports_and_says_what_it_read_past(project, made_by):
    path = sheet(project, made_by)
    before = snapshot(project / "content")
    dry = run_cli("import", path.name, "--type", "enterprise", "--dry-run", cwd=project)
    assert dry.returncode == 0, dry.stderr
    lines = dry.stdout.splitlines()
    for mapped in (
        "  B 列“企业名称” → name（企业名称）",
        "  C 列“所属区县” → district（所在区县）",
        "  E 列“主营业务” → summary（一句话简介）",
        "  G 列“联系电话” → contact.phone（办公电话）",
        "  H、I 列“网店平台＋店铺名称” → shops（网店）",
    ):
        assert mapped in lines, dry.stdout
    for read_past in (
        "A 列“序号”不是记录的内容，跳过这一列",
        "J 列“备注”不是记录的内容，跳过这一列",
        "第 5 行是合计行，不是一条记录，跳过这一行",
    ):
        assert read_past in lines, dry.stdout
    assert snapshot(project / "content") == before

    done = run_cli("import", path.name, "--type", "enterprise", cwd=project)
    assert done.returncode == 0, done.stderr
    written = yaml.safe_load((project / "content" / "enterprises" / "tengzhoushi-lunan-zaliang-hezuoshe.yaml").read_text("utf-8"))
    assert written["contact"] == {"phone": "0632-5867002"}  # full-width digits and dash: a number a phone dials
    assert written["shops"] == [{"platform": "淘宝", "name": "鲁南杂粮店"}]
    assert written["modes"] == ["B2C", "农村电商"]
    first = yaml.safe_load((project / "content" / "enterprises" / "tengzhoushi-jinggong-jichuang.yaml").read_text("utf-8"))
    assert first["shops"] == [{"platform": "1688", "name": "精工机床旗舰店"}]
    assert run_cli("check", cwd=project).returncode == 0


@pytest.mark.parametrize("made_by", ["bureau-general-phones.xlsx", "ours"])
def test_a_phone_number_the_spreadsheet_turned_into_a_number_shows_the_number_with_its_0(project, made_by):
    if made_by == "ours":
        rows = [list(row) for row in ROWS]
        rows[0][6] = 6325867001  # what Excel keeps of 0632-5867001 typed without its dash into a General cell
        rows[1][5] = "B2C/农村电商"
        write_xlsx(project / "名单.xlsx", [TITLE, HEADER, *rows])
        path = project / "名单.xlsx"
    else:
        path = sheet(project, made_by)
    before = snapshot(project / "content")
    result = run_cli("import", path.name, "--type", "enterprise", cwd=project)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"{path.name}:第 3 行:G 列（联系电话）: 电话号码“6325867001”被 Excel 当成了数字，开头的 0 已经丢了，可能是 0632-5867001。"
        "请把这一列设成“文本”格式，填写完整的号码（如 0632-5867001）后再导入",
        f"{path.name}:第 4 行:F 列（经营模式）: 第 1 项：“B2C/农村电商”是 2 个经营模式写在了一起，要分开写："
        "在表格里用“、”隔开（B2C、农村电商），在 YAML 文件里写成列表 [B2C, 农村电商]",
        "共发现 2 个问题，涉及 2 行。没有写入任何文件：请在表格里逐条改好，再重新导入。",
    ]
    assert snapshot(project / "content") == before


def test_a_mobile_number_cell_keeps_its_digits(project):
    """A number cell holding a mobile number lost no 0: it is read as the number (and the privacy
    rules of contact.phone then decide about it)."""
    from generator.sheets.cellvalues import number_in_text_column
    from generator.sheets.columns import columns

    phone = next(c for c in columns("enterprise") if c.name == "contact.phone")
    assert number_in_text_column(phone, 13812345678) == "13812345678"
    assert number_in_text_column(phone, "0632-5867001") is None


def test_a_full_width_phone_in_a_yaml_record_is_published_as_a_phone_dials_it(valid_content):
    valid_content.write("enterprise", contact={"phone": "（０６３２）５５５１２３４", "address": "滕州市龙泉路 1 号"})
    result = check_content(valid_content.root)
    [record] = result.site.of("enterprise")
    assert record.fields["contact"]["phone"] == "(0632)5551234"


def _shop_sheet(project: Path, shop: str, modes: str) -> Path:
    rows = [
        ["编号", "企业名称", "网店（平台｜店铺名称｜店铺网址）", "经营模式"],
        ["lunan-nongpin", ENTERPRISE["name"], shop, modes],
    ]
    return write_xlsx(project / "名单.xlsx", rows)


def test_an_update_never_removes_without_the_editor_saying_so(valid_content, tmp_path):
    path = valid_content.root / "enterprises" / "lunan-nongpin.yaml"
    before = path.read_bytes()
    args = ("import", "名单.xlsx", "--type", "enterprise", "--update", "--content", str(valid_content.root))
    _shop_sheet(tmp_path, "淘宝｜鲁南农品旗舰店", "B2C")  # the shop's URL and the mode 农村电商 gone
    refused = run_cli(*args, cwd=tmp_path)
    assert refused.returncode == 1 and path.read_bytes() == before
    lines = refused.stderr.strip().splitlines()
    source = path.relative_to(tmp_path)
    assert lines[:2] == [
        f"名单.xlsx:第 2 行:C 列（网店（平台｜店铺名称｜店铺网址））: 会删去 {source} 里原有的网店的第 1 项的店铺网址"
        "（原来是“淘宝｜鲁南农品旗舰店｜https://shop.example.cn/lunan”，表格里是“淘宝｜鲁南农品旗舰店”）。"
        "确实要删去，请加上 --allow-removal 再导入；不想删，请在表格里补回来",
        f"名单.xlsx:第 2 行:D 列（经营模式）: 会删去 {source} 里原有的经营模式里的“农村电商”（原来是“B2C；农村电商”，表格里是“B2C”）。"
        "确实要删去，请加上 --allow-removal 再导入；不想删，请在表格里补回来",
    ]

    dry = run_cli(*args, "--allow-removal", "--dry-run", cwd=tmp_path)
    assert dry.returncode == 0, dry.stderr
    assert "      经营模式：B2C；农村电商 → B2C" in dry.stdout.splitlines() and path.read_bytes() == before
    assert run_cli(*args, "--allow-removal", cwd=tmp_path).returncode == 0
    assert yaml.safe_load(path.read_text("utf-8"))["modes"] == ["B2C"]


def test_an_update_that_only_adds_needs_no_permission(valid_content, tmp_path):
    _shop_sheet(tmp_path, "淘宝｜鲁南农品旗舰店｜https://shop.example.cn/lunan\n京东｜鲁南农品京东店", "B2C、农村电商、O2O")
    result = run_cli(
        "import", "名单.xlsx", "--type", "enterprise", "--update", "--content", str(valid_content.root), cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr
    assert "      经营模式：B2C；农村电商 → B2C；农村电商；O2O" in result.stdout.splitlines()


def test_argument_mistakes_are_explained_in_chinese(tmp_path):
    result = run_cli("import", "名单.xlsx", cwd=tmp_path)
    assert result.returncode == 2
    assert "缺少必须写的参数：--type" in result.stderr and "用法：" in result.stderr
    assert "usage" not in result.stderr and "error" not in result.stderr and "required" not in result.stderr
    wrong = run_cli("import", "名单.xlsx", "--type", "firm", cwd=tmp_path)
    assert "参数 --type 不能是“firm”，只能是：enterprise、case、training、park、industry-platform" in wrong.stderr
