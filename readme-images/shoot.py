"""The README's pictures of the web editor, taken in Debian's Chromium from the editor as built here:

    .venv/bin/python readme-images/shoot.py

Writes readme-images/admin-*.png: the sign-in page as the shipped mkdocs.yml configures it (GitLab,
and the local repository offered on 127.0.0.1), then, with the test backend and this repository's
content/, the list of enterprises and a new enterprise being filled in. Run again after a CMS upgrade.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402
from conftest import make_project, run_cli  # noqa: E402
from editor_browser import preload  # noqa: E402
from PIL import Image  # noqa: E402

SIZE = {"width": 1100, "height": 720}


def editor(work: Path, test_backend: bool) -> Path:
    project = make_project(work)
    if test_backend:
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        config.write_text(text.replace("  cms:\n    backend: gitlab\n", "  cms:\n    backend: test-repo\n"), encoding="utf-8")
    served = work / "served"
    result = run_cli("admin", str(served / "admin"), cwd=project)
    if result.returncode:
        raise SystemExit(result.stderr)
    return served


def save(page, name: str) -> None:
    path = HERE / f"{name}.png"
    page.screenshot(path=str(path))
    # 256 colours are plenty for an interface and keep the repository small.
    Image.open(path).convert("RGB").quantize(256).save(path, optimize=True)
    print(path.relative_to(ROOT), path.stat().st_size // 1024, "KB")


def main() -> None:
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="readme-images-"))
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            (work / "gitlab").mkdir()
            (work / "www1").mkdir()
            with serve(editor(work / "gitlab", test_backend=False), work / "www1") as url:
                page = browser.new_page(viewport=SIZE, locale="zh-CN")
                page.goto(url + "admin/", wait_until="networkidle")
                page.get_by_text("使用本地仓库").wait_for()
                page.wait_for_timeout(1500)  # the loading message fades out
                save(page, "admin-sign-in")
                page.close()
            (work / "test").mkdir()
            (work / "www2").mkdir()
            with serve(editor(work / "test", test_backend=True), work / "www2") as url:
                page = browser.new_page(viewport=SIZE, locale="zh-CN")
                page.goto(url + "admin/", wait_until="networkidle")
                preload(page, ROOT)
                page.get_by_role("button", name="使用测试仓库").click()
                page.get_by_role("grid", name="条目").get_by_role("row").first.wait_for()
                save(page, "admin-list")
                page.get_by_role("button", name="创建新条目").click()
                page.get_by_role("textbox", name="企业名称").fill("滕州市鲁南农品电子商务有限公司")
                page.get_by_role("combobox", name="所在区县").click()
                page.get_by_role("option", name="滕州市", exact=True).click()
                page.get_by_role("combobox", name="所属行业").click()
                page.get_by_role("option", name="农副土特产品", exact=True).click()
                page.get_by_role("textbox", name="一句话简介").fill("把滕州马铃薯卖到全国的农产品网店。")
                page.get_by_role("textbox", name="别名").fill("tengzhou-nongpin-2")
                page.get_by_role("combobox", name="所属行业").focus()
                save(page, "admin-new-record")
                page.close()
            browser.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
