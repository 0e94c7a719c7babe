"""Open data that is safe to open in Excel: a cell that a spreadsheet would run as a formula is
published with a ' in front (OWASP's advice on CSV injection), and the import takes it off again."""

from __future__ import annotations

import csv
import io

from conftest import make_project, run_cli


def _tree(path):
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def test_formula_cells_are_neutralised_and_import_back_unchanged(tmp_path, content):
    content.write_all()
    content.write("enterprise", summary='=HYPERLINK("https://evil.example","点我")卖马铃薯', tags=["@直播", "+品牌"])
    content.write("case", summary="-2026 年起网销翻番的石榴网店。")
    project = make_project(tmp_path, content.root)
    rendered = run_cli("render", "--today", "2026-11-24", cwd=project)
    assert rendered.returncode == 0, rendered.stderr

    enterprises = (project / "docs" / "data" / "enterprises.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(enterprises)))
    assert rows[0]["一句话简介"] == "'" + '=HYPERLINK("https://evil.example","点我")卖马铃薯'
    assert rows[0]["标签"].startswith("'@直播")
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row.values())
    cases = list(csv.DictReader(io.StringIO((project / "docs" / "data" / "cases.csv").read_text(encoding="utf-8-sig"))))
    assert cases[0]["一句话简介"] == "'-2026 年起网销翻番的石榴网店。"

    before = _tree(project / "content")
    for name, kind in (("enterprises", "enterprise"), ("cases", "case")):
        back = run_cli("import", str(project / "docs" / "data" / f"{name}.csv"), "--type", kind, "--update", cwd=project)
        assert back.returncode == 0, back.stdout + back.stderr
        assert "新增 0 条、更新 0 条、未变 1 条" in back.stdout, back.stdout
    assert _tree(project / "content") == before
