"""Never destroy what an editor wrote, and every mistake one clear line: the site folder a build may
replace, Ctrl-C and a killed build, commands run from inside the project, settings and files the
system refuses, output that cannot show Chinese."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, make_project, run_cli

TODAY = "2026-11-24"


def _tree(path: Path) -> dict[str, bytes]:
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    from conftest import ContentTree

    root = tmp_path_factory.mktemp("safe")
    content = ContentTree(root / "content").write_all()
    project = make_project(root, content.root)
    (project / ".git").mkdir()  # a work tree, as an editor's clone is
    built = run_cli("build", "--today", TODAY, cwd=project)
    assert built.returncode == 0, built.stderr
    return project


def _one_line(result) -> str:
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    return lines[0] if lines else ""


@pytest.mark.parametrize(
    ("site_dir", "says"),
    [
        (".", "就是项目文件夹"),
        ("content", "就是内容文件夹 content/"),
        ("docs", "就是页面文件夹 docs/"),
        ("..", "包含项目文件夹"),
        ("docs/site", "在页面文件夹 docs/里面"),
        ("overrides", "不是构建生成的网站文件夹"),
        ("repo", "git 仓库"),
        ("mkdocs.yml", "是一个文件"),
    ],
)
def test_build_refuses_a_site_folder_it_must_not_replace(project, site_dir, says):
    (project / "repo" / ".git").mkdir(parents=True, exist_ok=True)
    before = {name: _tree(project / name) for name in ("content", "docs", "overrides", "site")}
    result = run_cli("build", "--today", TODAY, "--site-dir", site_dir, cwd=project)
    assert result.returncode == 1
    assert says in _one_line(result) and "站点已构建" not in result.stdout
    assert {name: _tree(project / name) for name in before} == before
    assert (project / "mkdocs.yml").is_file() and (project / "repo" / ".git").is_dir()


def test_a_built_site_carries_its_marker_and_empty_or_new_folders_are_fine(project, tmp_path):
    marker = (project / "site" / ".campaign-site").read_text(encoding="utf-8")
    assert "generator build" in marker and "<" not in marker  # harmless when published
    empty = tmp_path / "empty"
    empty.mkdir()
    for target in (empty, tmp_path / "new" / "site"):
        result = run_cli("build", "--today", TODAY, "--site-dir", str(target), cwd=project)
        assert result.returncode == 0, result.stderr
        assert (target / ".campaign-site").is_file() and (target / "index.html").is_file()


def test_clean_honours_site_dir_with_the_same_rule(project, tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "todo.txt").write_text("别删我", encoding="utf-8")
    refused = run_cli("clean", "--site-dir", str(notes), cwd=project)
    assert refused.returncode == 1 and "不是构建生成的网站文件夹" in _one_line(refused)
    assert (notes / "todo.txt").read_text(encoding="utf-8") == "别删我"
    refused = run_cli("clean", "--site-dir", "content", cwd=project)
    assert refused.returncode == 1 and (project / "content" / "taxonomy.yaml").is_file()

    built = tmp_path / "built"
    assert run_cli("build", "--today", TODAY, "--site-dir", str(built), cwd=project).returncode == 0
    cleaned = run_cli("clean", "--site-dir", str(built), cwd=project)
    assert cleaned.returncode == 0 and not built.exists()
    assert (project / "site" / "index.html").is_file()  # only the folder it was given
    # put the generated pages back for the other tests
    assert run_cli("build", "--today", TODAY, cwd=project).returncode == 0


def _start_build(project: Path, site_dir: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--today", TODAY, "--site-dir", site_dir],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's Ctrl-C reaches all of it
    )


def _wait_for_temporary(project: Path, name: str, process: subprocess.Popen) -> list[Path]:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        found = list(project.glob(f".{name}.building-*"))
        if found:
            time.sleep(0.3)  # well inside MkDocs' build
            return found
        time.sleep(0.02)
    pytest.fail("the build never made its temporary folder")


def test_ctrl_c_during_a_build_says_one_line_and_leaves_the_site(project):
    before = _tree(project / "site")
    process = _start_build(project, "site")
    _wait_for_temporary(project, "site", process)
    os.killpg(process.pid, signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 130, stderr
    assert stderr.strip() == "已中断，网站保持原样", stderr
    assert _tree(project / "site") == before
    assert not list(project.glob(".site.*"))


def test_a_killed_build_leaves_a_temporary_folder_the_next_build_removes(project):
    process = _start_build(project, "site")
    left = _wait_for_temporary(project, "site", process)
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate(timeout=60)
    assert all(path.exists() for path in left)
    again = run_cli("build", "--today", TODAY, cwd=project)
    assert again.returncode == 0, again.stderr
    assert not list(project.glob(".site.*"))


def test_commands_find_the_project_from_inside_content(project):
    inside = project / "content" / "enterprises"
    checked = run_cli("check", cwd=inside)
    assert checked.returncode == 0 and "检查通过" in checked.stdout, checked.stderr
    explicit = run_cli("check", "--content", str(project / "content"), cwd=project.parent)
    assert explicit.returncode == 0 and "检查通过" in explicit.stdout
    built = run_cli("build", "--today", TODAY, cwd=project / "content")
    assert built.returncode == 0, built.stderr
    assert not (project / "content" / "site").exists() and (project / "site" / ".campaign-site").is_file()
    outside = run_cli("build", "--today", TODAY, cwd=project.parent)
    assert outside.returncode == 1 and "找不到 mkdocs.yml" in _one_line(outside)


@pytest.mark.parametrize(("written", "what"), [("'枣庄市商务局'", "一段文字"), ("[枣庄市商务局, 0632-0000000]", "一个列表")])
def test_compliance_that_is_not_a_mapping_is_one_message(tmp_path, valid_content, written, what):
    project = make_project(tmp_path, valid_content.root)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    changed = re.sub(r"  compliance:\n(?:    .*\n)+", f"  compliance: {written}\n", text)
    assert changed != text
    config.write_text(changed, encoding="utf-8")
    for command in (["check"], ["build", "--today", TODAY]):
        result = run_cli(*command, cwd=project)
        assert result.returncode == 1
        line = _one_line(result)
        assert line.startswith("mkdocs.yml") and "extra.compliance（页脚备案信息）" in line and what in line, result.stderr


def test_output_that_cannot_show_chinese_still_says_everything(project):
    env = dict(os.environ, PYTHONPATH=str(ROOT), PYTHONIOENCODING="ascii")
    for args in (["check"], ["build", "--site-dir", "."], ["--help"]):
        result = subprocess.run(
            [sys.executable, "-m", "generator", *args], cwd=project, env=env, capture_output=True, timeout=600
        )
        output = (result.stdout + result.stderr).decode("ascii")  # nothing but ASCII, and no traceback
        assert "Traceback" not in output and "\\u" in output, output


_REFUSING = """
import errno, pathlib, sys
from generator.cli import main
real = {method}
def refuse(self, *args, **kwargs):
    if {condition}:
        raise PermissionError(errno.EACCES, "Permission denied", str(self))
    return real(self, *args, **kwargs)
{patch} = refuse
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.parametrize(
    ("method", "condition", "where"),
    [
        ("pathlib.Path.write_bytes", "'/docs/' in str(self)", "docs"),  # a read-only docs/
        ("pathlib.Path.rename", "self.name == 'site'", "site"),  # a read-only site/ (cannot be moved away)
        ("pathlib.Path.mkdir", "'nowhere' in str(self)", "nowhere"),  # a folder that cannot be made
    ],
)
def test_a_folder_the_system_refuses_is_one_line_and_the_site_stays(project, method, condition, where):
    before = _tree(project / "site")
    page = project / "docs" / "enterprises" / "lunan-nongpin.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # something to write
    code = _REFUSING.format(method=method, condition=condition, patch=method)
    args = ["build", "--today", TODAY] + (["--site-dir", str(project.parent / "nowhere" / "site")] if where == "nowhere" else [])
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    result = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=project, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 1, result.stdout + result.stderr
    line = _one_line(result)
    assert line.startswith("无法创建或写入") and "没有权限" in line and where in line, result.stderr
    assert _tree(project / "site") == before
