"""Files that are not what they claim: a FIFO named *.yaml, a link to /dev/zero, a 3 GB file, YAML
nested a hundred thousand levels deep, content/media linked to /, an image linked to a file outside
the project, a sheet that unpacks to 800 MB. Each is one Chinese line naming the file and exit 1,
from a real `check` or `import` process; the timeout makes a hang fail the test instead of
stalling the suite (the times are in bench/, never asserted here)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import ENTERPRISE, ROOT, make_project

HANG = 60  # seconds: far beyond what any of these takes; only a hang or a crash reaches it


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=HANG
    )


def problem_lines(result: subprocess.CompletedProcess) -> list[str]:
    """The problem lines of a failed run (its last line is the summary)."""
    assert result.returncode == 1, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    return result.stderr.strip().splitlines()[:-1]


def check(content) -> list[str]:
    return problem_lines(run("check", "--content", str(content.root)))


def test_a_fifo_named_yaml_is_named_never_opened(valid_content):
    os.mkfifo(valid_content.root / "enterprises" / "pipe-record.yaml")
    [line] = check(valid_content)
    assert "enterprises/pipe-record.yaml" in line and "命名管道（FIFO）" in line


def test_a_fifo_in_place_of_the_taxonomy(valid_content):
    (valid_content.root / "taxonomy.yaml").unlink()
    os.mkfifo(valid_content.root / "taxonomy.yaml")
    [line] = check(valid_content)
    assert "taxonomy.yaml" in line and "命名管道（FIFO）" in line


def test_a_link_to_dev_zero_is_refused_by_what_it_is(valid_content):
    (valid_content.root / "enterprises" / "zero-record.yaml").symlink_to("/dev/zero")
    [line] = check(valid_content)
    assert "enterprises/zero-record.yaml" in line and "/dev/zero" in line and "设备文件" in line


def test_a_three_gigabyte_file_is_refused_before_reading(valid_content):
    path = valid_content.root / "cases" / "huge-record.yaml"
    with open(path, "wb") as handle:
        handle.truncate(3 * 1024**3)  # sparse: costs no disk
    [line] = check(valid_content)
    assert "cases/huge-record.yaml" in line and "文件太大（3072 MB" in line


@pytest.mark.parametrize(
    "text",
    [
        "name: " + "[" * 100_000 + "]" * 100_000,  # flow: libyaml's composer overflows the C stack
        "name:\n" + "- " * 100_000 + "x",  # block: yaml-rs overflows its stack
        "a: " + "{b: " * 50_000 + "1" + "}" * 50_000,
    ],
    ids=["flow-lists", "block-lists", "flow-mappings"],
)
def test_deep_nesting_is_refused_before_any_parser_recurses(valid_content, text):
    valid_content.write("enterprise", "deep-record", text=text)
    [line] = check(valid_content)
    assert "enterprises/deep-record.yaml" in line and "嵌套层次太深" in line


def test_ordinary_brackets_and_indentation_are_not_nesting(valid_content):
    """A body full of links and a deeply indented code block is not refused."""
    body = "".join(f"[链接{n}](https://www.example.cn/{n}) " for n in range(80)) + "\n\n" + " " * 90 + "缩进很深的一行\n"
    valid_content.write("enterprise", description=body)
    result = run("check", "--content", str(valid_content.root))
    assert result.returncode == 0, result.stderr


def test_media_linked_to_the_root_is_not_walked_and_not_published(tmp_path, valid_content):
    (valid_content.root / "media").symlink_to("/")
    result = run("check", "--content", str(valid_content.root))
    assert result.returncode == 0, result.stderr  # records without images: nothing to refuse, nothing walked
    from PIL import Image

    Image.new("RGB", (40, 30), "red").save(tmp_path / "private.jpg")  # reachable as media/tmp/…/private.jpg
    valid_content.write("enterprise", data=dict(ENTERPRISE, logo="media" + str(tmp_path / "private.jpg")))
    [line] = check(valid_content)
    assert "lunan-nongpin.yaml" in line and "logo（标志图片）" in line and "项目以外" in line


def test_an_image_linked_outside_the_project_is_refused_and_never_published(tmp_path, valid_content):
    secret = tmp_path / "outside" / "private.jpg"
    secret.parent.mkdir()
    from PIL import Image

    Image.new("RGB", (40, 30), "red").save(secret)
    (valid_content.root / "media").mkdir()
    (valid_content.root / "media" / "shop.jpg").symlink_to(secret)
    valid_content.write("enterprise", data=dict(ENTERPRISE, logo="shop.jpg"))
    [line] = check(valid_content)
    assert "lunan-nongpin.yaml" in line and "项目以外" in line and str(secret) in line

    project = make_project(tmp_path, valid_content.root)
    (project / "content" / "media" / "shop.jpg").unlink()  # the copy followed the link: link it again
    (project / "content" / "media" / "shop.jpg").symlink_to(secret)
    result = run("build", "--today", "2026-11-24", cwd=project)
    assert result.returncode == 1 and "项目以外" in result.stderr
    assert not list(project.glob("**/private.jpg")) and not (project / "docs" / "media" / "shop.jpg").exists()


def test_a_news_post_that_is_a_fifo(tmp_path, valid_content):
    project = make_project(tmp_path, valid_content.root)
    os.mkfifo(project / "docs" / "news" / "posts" / "pipe.md")
    [line] = problem_lines(run("check", cwd=project))
    assert "posts/pipe.md" in line and "命名管道" in line


def _sheet_bytes() -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["企业名称", "所在区县"])
    book.active.append(["滕州市某某有限公司", "滕州市"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_sheet_that_unpacks_to_800_mb_is_refused_before_it_is_read(tmp_path, valid_content):
    """The sheet's own XML padded with 800 MB of spaces (3.6 MB zipped): calamine took 36 s and 3 GB."""
    bomb = tmp_path / "名单.xlsx"
    source = zipfile.ZipFile(io.BytesIO(_sheet_bytes()))
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for info in source.infolist():
            data = source.read(info)
            if info.filename != "xl/worksheets/sheet1.xml":
                archive.writestr(info.filename, data)
                continue
            head, tail = data.split(b"<sheetData>")
            with archive.open(info.filename, "w", force_zip64=True) as member:
                member.write(head + b"<sheetData>")
                for _ in range(800):
                    member.write(b" " * 1024 * 1024)
                member.write(tail)
    [line] = problem_lines(run("import", str(bomb), "--type", "enterprise", "--content", str(valid_content.root)))
    assert "名单.xlsx" in line and "解压后超过" in line


def test_a_stray_cell_at_the_sheets_far_corner_is_refused_not_a_crash(tmp_path, valid_content):
    """A1 and XFD1048576: calamine would allocate 17 billion cells and abort the process."""
    book = openpyxl.Workbook()
    book.active.append(["企业名称", "所在区县"])
    book.active["XFD1048576"] = "x"
    path = tmp_path / "名单.xlsx"
    book.save(path)
    [line] = problem_lines(run("import", str(path), "--type", "enterprise", "--content", str(valid_content.root)))
    assert "名单.xlsx" in line and "1048576 行" in line and "误填的格子" in line


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_sheet_that_is_not_a_file(tmp_path, valid_content, kind):
    path = tmp_path / "名单.csv"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    [line] = problem_lines(run("import", str(path), "--type", "enterprise", "--content", str(valid_content.root)))
    assert "名单.csv" in line and ("命名管道" if kind == "fifo" else "设备文件") in line


def test_a_link_to_itself_and_a_folder_named_yaml(valid_content):
    (valid_content.root / "enterprises" / "loop-record.yaml").symlink_to("loop-record.yaml")
    (valid_content.root / "cases" / "folder-record.yaml").mkdir()
    lines = check(valid_content)
    assert len(lines) == 2, lines
    assert "cases/folder-record.yaml" in lines[0] and "这是一个文件夹" in lines[0]
    assert "enterprises/loop-record.yaml" in lines[1] and "绕回自己的链接" in lines[1]


@pytest.mark.parametrize(
    "text, says",
    [
        ("企业名称,所在区县\n" + "甲" * 200_000 + ",滕州市\n", "有一格内容太长"),  # the csv module's field limit
        ("企业名称,所在区县\n" + "x,y\n" * 1_000_000, "超过 50000 行"),  # refused without reading the rest
    ],
    ids=["huge-cell", "a-million-rows"],
)
def test_a_csv_that_is_no_list(tmp_path, valid_content, text, says):
    path = tmp_path / "名单.csv"
    path.write_text(text, encoding="utf-8")
    [line] = problem_lines(run("import", str(path), "--type", "enterprise", "--content", str(valid_content.root)))
    assert "名单.csv" in line and says in line
