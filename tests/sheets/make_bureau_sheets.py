"""Make the district bureaus' sheets of tests/test_bureau_sheets.py with LibreOffice, as a bureau's
spreadsheet program saves them (not with our own writer): a title row, the bureau's own headings,
序号 and 备注 columns, a 合计 row; phone numbers typed into General cells (LibreOffice, like Excel,
turns 06325867001 into the number 6325867001) or into Text cells.

    python tests/sheets/make_bureau_sheets.py      # needs `soffice` (Debian: libreoffice-calc)

The files it writes are committed, so the tests need no LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

HEADER = "序号,企业名称,所属区县,所属行业,主营业务,经营模式,联系电话,网店平台,店铺名称,备注"
TITLE = "滕州市电子商务示范企业申报汇总表" + "," * 9
ROWS = [
    "1,滕州市精工机床有限公司,滕州市,机械电子产品,数控机床网上销售,B2B,0632-5867001,1688,精工机床旗舰店,",
    "2,滕州市鲁南杂粮合作社,滕州市,农副土特产品,杂粮网上销售,B2C、农村电商,０６３２－５８６７００２,淘宝,鲁南杂粮店,新申报",
]
TOTAL = "合计" + "," * 9
# Phones typed into General cells: a bureau's usual sheet. Excel and LibreOffice read 06325867001 as a number.
NUMBERS = [
    "1,滕州市精工机床有限公司,滕州市,机械电子产品,数控机床网上销售,B2B,06325867001,1688,精工机床旗舰店,",
    "2,滕州市鲁南杂粮合作社,滕州市,农副土特产品,杂粮网上销售,B2C/农村电商,0632-5867002,淘宝,鲁南杂粮店,新申报",
]

SHEETS = {
    # name: (rows, column 7 (联系电话) as text?, formats)
    "bureau-text-phones": (ROWS, True, ("xlsx", "ods")),
    "bureau-general-phones": (NUMBERS, False, ("xlsx",)),
}


def main() -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("需要 LibreOffice（soffice）")
    with tempfile.TemporaryDirectory() as folder:
        for name, (rows, phone_as_text, formats) in SHEETS.items():
            source = Path(folder) / f"{name}.csv"
            source.write_text("\n".join([TITLE, HEADER, *rows, TOTAL]) + "\n", encoding="utf-8")
            # CSV filter: comma, double quote, UTF-8 (76), from line 1; column 7 Text (2) or Standard (1)
            columns = "/".join(f"{n}/{2 if n == 7 and phone_as_text else 1}" for n in range(1, 11))
            for suffix in formats:
                subprocess.run(
                    [
                        soffice,
                        "--headless",
                        f"--infilter=CSV:44,34,76,1,{columns}",
                        "--convert-to",
                        suffix,
                        "--outdir",
                        str(HERE),
                        str(source),
                    ],
                    check=True,
                    capture_output=True,
                    timeout=300,
                )
                print(HERE / f"{name}.{suffix}")


if __name__ == "__main__":
    main()
