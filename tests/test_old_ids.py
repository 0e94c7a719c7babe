"""Old ids (redirect_from): `check` and the import refuse the same clashes with the same words
(content/validate.old_id_problems is the one rule)."""

from __future__ import annotations

import pytest
from conftest import TODAY
from test_import import write_xlsx

from generator.content.validate import check_content
from generator.sheets.importer import ImportFailed, import_sheet

NAME = "滕州市鲁南农品电子商务有限公司"  # the sample enterprise, lunan-nongpin


@pytest.mark.parametrize(
    "old_ids, expected",
    [
        (["lunan-nongpin"], "旧编号和现在的编号相同，请删去这一项"),
        (["another-company"], "旧编号“another-company”已被 {file} 使用，同一个网址不能指向两处"),
        (["gone-company"], "旧编号“gone-company”已被 {file} 使用，同一个网址不能指向两处"),
        (["lunan-old", "lunan-old"], "旧编号“lunan-old”写了两次，请删去一个"),
    ],
    ids=["own id", "another record's id", "another record's old id", "listed twice"],
)
def test_check_and_import_refuse_the_same_old_ids_alike(valid_content, tmp_path, old_ids, expected):
    # another firm (its file comes first, so `check` finds its ids and old ids before the sample's)
    other = valid_content.write("enterprise", "another-company", name="枣庄另一家电商有限公司", redirect_from=["gone-company"])
    assert check_content(valid_content.root, TODAY).problems == []  # the content is fine before the change

    rows = [["编号", "企业名称", "旧编号"], ["lunan-nongpin", NAME, "；".join(old_ids)]]
    with pytest.raises(ImportFailed) as failed:
        import_sheet(write_xlsx(tmp_path / "改名.xlsx", rows), "enterprise", valid_content.root, update=True)
    imported = [p.format() for p in failed.value.problems]

    valid_content.write("enterprise", redirect_from=old_ids)
    checked = check_content(valid_content.root, TODAY).problems
    assert len(checked) == 1, [p.format() for p in checked]
    file = checked[0].message.split("已被 ")[-1].split(" 使用")[0]  # the file holding the id (a temporary path)
    assert "{file}" not in expected or file.endswith(f"enterprises/{other.name}")
    message = expected.format(file=file)
    assert checked[0].message == message
    assert len(imported) == 1 and imported[0].endswith("：" + message), imported
    assert "改名.xlsx:第 2 行:C 列（旧编号）: " in imported[0]
