"""Command line: python -m generator check | build | render | new | import | template | admin | clean."""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import logging
import os
import re
import sys
from pathlib import Path

from .content.problems import ContentError, summary_line
from .content.registry import BY_NAME, NAMES
from .content.values import today_in_shanghai

# Each command imports what it needs when it runs: `check` is run again and again by editors and
# should not wait for Jinja, MkDocs' modules, the calendar and spreadsheet libraries.


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期格式应为 YYYY-MM-DD，如 2026-12-05（收到“{text}”）") from None


# argparse's own messages, for an editor who mistypes a command (its sub-commands use this class too).
_ARGPARSE_WORDS = [
    (re.compile(r"the following arguments are required: (.+)"), "缺少必须写的参数：{0}"),
    (re.compile(r"argument (\S+): invalid choice: '?([^']*)'? \(choose from (.+)\)"), "参数 {0} 不能是“{1}”，只能是：{2}"),
    (re.compile(r"argument (\S+): expected one argument"), "参数 {0} 后面要写一个值"),
    (re.compile(r"argument (\S+): invalid (\S+) value: '?([^']*)'?"), "参数 {0} 的值“{2}”写法不对"),
    (re.compile(r"unrecognized arguments: (.+)"), "不认识这些参数：{0}"),
    (re.compile(r"argument (\S+): not allowed with argument (\S+)"), "参数 {0} 不能和 {1} 一起用"),
    (re.compile(r"argument (\S+): ignored explicit argument '?([^']*)'?"), "参数 {0} 后面不用写值（写了“{1}”）"),
    (re.compile(r"argument (\S+): (.+)"), "参数 {0}：{1}"),  # our own messages (a date written wrong)
]


class _ChineseParser(argparse.ArgumentParser):
    def format_usage(self) -> str:
        return super().format_usage().replace("usage: ", "用法：", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage: ", "用法：", 1).replace("\noptions:\n", "\n选项：\n")

    def error(self, message: str):  # type: ignore[override]
        for pattern, words in _ARGPARSE_WORDS:
            found = pattern.search(message)
            if found:
                message = words.format(*(group.replace("'", "").replace(", ", "、") for group in found.groups()))
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：{message}。运行 {self.prog} --help 查看用法\n")


def _parser() -> argparse.ArgumentParser:
    parser = _ChineseParser(prog="python -m generator", description="枣庄电商推进行动网站生成器")
    commands = parser.add_subparsers(dest="command", required=True, metavar="命令")

    check = commands.add_parser("check", help="检查全部记录，列出所有问题")
    check.add_argument("--content", type=Path, help="内容目录（默认：项目的 content）")
    check.add_argument("--today", type=_date, help="当作今天的日期，YYYY-MM-DD")
    check.add_argument(
        "--against",
        type=Path,
        metavar="MANIFEST",
        help="上次发布的 manifest.json：检查它列出的网址这次都还在（或已跳转、已登记下线）",
    )

    for name, text in (("build", "检查、生成页面并构建站点到 site/"), ("render", "只检查并生成 Markdown 页面到 docs/")):
        sub = commands.add_parser(name, help=text)
        sub.add_argument("--content", type=Path, help="内容目录（默认：项目的 content）")
        sub.add_argument("--today", type=_date, help="培训状态按这一天计算（默认：北京时间今天）")
        if name == "build":
            sub.add_argument("--site-dir", type=Path, help="输出目录（默认：项目的 site）")
            sub.add_argument("--strict", action="store_true", help="MkDocs 有任何警告即失败")
            sub.add_argument(
                "--production",
                action="store_true",
                help="正式发布：页脚的主办单位、备案号等必须齐全且不是示例值，MkDocs 有警告即失败",
            )

    new = commands.add_parser("new", help="新建一条记录的模板")
    new.add_argument("type", choices=NAMES, help="记录类型：" + "、".join(f"{t.name}（{t.title}）" for t in BY_NAME.values()))
    new.add_argument("id", help="编号（即文件名），如 tengzhou-nongpin")
    new.add_argument("--content", type=Path, help="内容目录（默认：项目的 content）")
    types = "记录类型：" + "、".join(f"{t.name}（{t.title}）" for t in BY_NAME.values())
    sheet = commands.add_parser("import", help="从表格（.xlsx .xls .ods .csv）导入记录：每行都按检查的规则检查，有错就一条也不写")
    sheet.add_argument("file", type=Path, help="表格文件，如 企业名单.xlsx")
    sheet.add_argument("--type", required=True, choices=NAMES, help=types)
    sheet.add_argument("--update", action="store_true", help="编号已有的记录用表格里的列更新（表格没有的列保持原样）")
    sheet.add_argument("--dry-run", action="store_true", help="只检查并报告会新增、更新多少条，不写入任何文件")
    sheet.add_argument(
        "--allow-removal", action="store_true", help="和 --update 一起用：允许删去已有记录里的内容（列表中的项、网店网址等）"
    )
    sheet.add_argument("--content", type=Path, help="内容目录（默认：项目的 content）")
    template = commands.add_parser("template", help="生成给编辑填写的空白表格（.xlsx）：中文表头、填写说明、下拉选项和一行例子")
    template.add_argument("type", choices=NAMES, help=types)
    template.add_argument("file", type=Path, help="要生成的文件，如 企业名单.xlsx")
    template.add_argument("--content", type=Path, help="内容目录（默认：项目的 content）")
    clean = commands.add_parser("clean", help="删除生成器写入 docs/ 的页面和 site/（内容文件不受影响）")
    clean.add_argument("--site-dir", type=Path, help="要删除的网站文件夹（默认：项目的 site；只删除构建生成的文件夹）")
    admin = commands.add_parser("admin", help="把网页编辑器（Sveltia CMS 及其配置、字体、界面翻译）写入一个目录，供内网等处托管")
    admin.add_argument("dir", type=Path, help="目标目录，如 /srv/intranet/admin")
    return parser


def _print_problems(err: ContentError) -> int:
    for problem in err.problems:
        print(problem.format(), file=sys.stderr)
    print(summary_line(err.problems), file=sys.stderr)
    return 1


def _counts_line(counts: dict[str, int], drafts: int) -> str:
    parts = [f"{BY_NAME[name].title} {number} 条" for name, number in counts.items()]
    line = "，".join(parts)
    return line + (f"（另有草稿 {drafts} 条，不发布）" if drafts else "")


def _show_mkdocs_warnings() -> None:
    """MkDocs reports broken links and the like through logging: show them to the editor."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("MkDocs %(levelname)s: %(message)s"))
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.propagate = False
    try:  # jieba (Chinese search) chatters about its dictionary on stderr: not for editors
        import jieba

        jieba.setLogLevel(logging.WARNING)
    except ImportError:
        pass


def _readable_output() -> None:
    """Messages are Chinese: a stream that cannot encode them (PYTHONIOENCODING=ascii, a pipe on
    a machine set to Latin-1) writes them as \\u escapes instead of failing with a traceback."""
    for stream in (sys.stdout, sys.stderr):
        try:
            "检查".encode(stream.encoding or "ascii")
        except (LookupError, UnicodeEncodeError):
            try:
                stream.reconfigure(errors="backslashreplace")
            except (AttributeError, ValueError):
                pass


def _locate(args: argparse.Namespace) -> None:
    """The project is the nearest folder up from here (or from --content) that has mkdocs.yml, so
    that every command works from inside content/ or any other subfolder of the project."""
    from .content.siteconfig import project_root

    here = project_root(Path.cwd())
    given = getattr(args, "content", None)
    args.root = (project_root(given) if given is not None else None) or here
    if given is None and hasattr(args, "content"):
        args.content = (args.root or Path.cwd()) / "content"
    if args.command in ("build", "render", "clean", "admin"):
        args.root = here or args.root
        if args.root is None:
            raise SystemExit(_refuse("找不到 mkdocs.yml：请在项目文件夹（有 mkdocs.yml 的那一层）或它的子文件夹里运行"))
    if hasattr(args, "site_dir") and args.site_dir is None:
        args.site_dir = args.root / "site"


def _refuse(message: str) -> int:
    print(message, file=sys.stderr)
    return 1


# Why the system refused to read or write a file, in the editor's words.
_OS_REASONS = {
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.EROFS: "所在的磁盘是只读的",
    errno.ENOSPC: "磁盘空间已满",
    errno.ENOENT: "找不到这个文件或文件夹",
    errno.ENOTDIR: "路径中有一项是文件而不是文件夹",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.EEXIST: "已经有同名的文件",
    errno.ENAMETOOLONG: "文件名太长",
}


def _os_message(err: OSError) -> str:
    reason = _OS_REASONS.get(err.errno, err.strerror or type(err).__name__)
    where = f" {err.filename}" if err.filename else ""
    return f"无法创建或写入{where}：{reason}。"


def main(argv: list[str] | None = None) -> int:
    _readable_output()
    args = _parser().parse_args(argv)
    if args.command == "build":
        _show_mkdocs_warnings()
    args.today = getattr(args, "today", None) or today_in_shanghai()
    try:
        _locate(args)
        return COMMANDS[args.command](args)
    except ContentError as err:
        return _print_problems(err)
    except KeyboardInterrupt:  # Ctrl-C: a build removes its temporary folder on the way out
        print("已中断，网站保持原样" if args.command == "build" else "已中断", file=sys.stderr)
        return 130
    except OSError as err:
        kept = "原有的 site/ 保持不变。" if args.command == "build" else ""
        return _refuse(_os_message(err) + kept)


def _check(args: argparse.Namespace) -> int:
    from .content.news import check_posts
    from .content.siteconfig import SiteConfig, cms_problems
    from .content.validate import check_content

    result = check_content(args.content, args.today, site=bool(args.against))
    root = args.root or Path(args.content).parent
    docs_dir = root / "docs"
    config = SiteConfig.read(root / "mkdocs.yml")
    result.problems += check_posts(docs_dir, list(config.news_categories)) + config.problems(root / "mkdocs.yml")
    result.problems += cms_problems(root / "mkdocs.yml")
    from .assemble.output_guard import numbers_outside_records  # what only the build's guard would meet

    result.problems += numbers_outside_records(Path(args.content), docs_dir, root / "mkdocs.yml")
    if result.problems:
        return _print_problems(ContentError(result.problems))
    if args.against:
        from .outputs.manifest import lost_urls, published_urls

        lost = lost_urls(args.against, published_urls(_generated_paths(result.site, config), result.site, docs_dir), args.content)
        if lost:
            return _print_problems(ContentError(lost))
    print(f"检查通过：{_counts_line(result.counts, result.drafts)}。")
    return 0


def _generated_paths(site, config) -> set[str]:
    """The path of every file the generator would write for the site: the pages' paths are known
    without rendering them (Renderer.page_makers); the other files are small and made as usual."""
    from .outputs import output_files
    from .outputs.progress import compute
    from .pages.render import Renderer

    progress = compute(site)
    return set(Renderer(site, config, progress).page_makers()) | set(output_files(site, config, progress))


def _admin(args: argparse.Namespace) -> int:
    from .admin.write import EditorBuildError, write_editor
    from .content.siteconfig import cms_problems

    root = args.root or Path.cwd()
    problems = cms_problems(root / "mkdocs.yml")  # an editor that cannot reach its git host is not written
    if problems:
        return _print_problems(ContentError(problems))
    try:
        write_editor(args.dir, root)
    except EditorBuildError as err:
        print(str(err), file=sys.stderr)
        return 1
    print(f"网页编辑器已写入 {args.dir}/：用浏览器打开它所在的网址（如 https://内网地址/admin/）即可登录编辑。")
    return 0


def _clean(args: argparse.Namespace) -> int:
    import shutil

    from .assemble.pipeline import Project
    from .assemble.site_folder import refusal, remove_leftovers
    from .assemble.writer import clean

    project = Project.at(args.root)
    refused = refusal(args.site_dir, project)
    if refused:
        return _refuse(f"{refused}。没有删除任何文件。")
    removed = clean(project.docs_dir) + remove_leftovers(args.site_dir)
    if args.site_dir.is_dir():
        shutil.rmtree(args.site_dir)
        removed.append(args.site_dir)
    print(f"已删除 {len(removed)} 项生成的内容。")
    return 0


def _import(args: argparse.Namespace) -> int:
    from .sheets.importer import ImportFailed, import_sheet
    from .sheets.problems import summary as sheet_summary

    try:
        report = import_sheet(
            args.file, args.type, args.content, update=args.update, dry_run=args.dry_run, allow_removal=args.allow_removal
        )
    except ImportFailed as err:
        for problem in err.problems:
            print(problem.format(), file=sys.stderr)
        print(sheet_summary(err.problems), file=sys.stderr)
        return 1
    if args.dry_run:
        print("表头对应的字段：")
        print("\n".join(report.mapping))
    for line in report.notes + report.lines(limit=20):
        print(line)
    if report.written:
        print(f"已从 {report.file} 导入{report.record_type.title}：{report.counts()}。请运行 python -m generator check 后预览。")
    else:
        print(f"试运行，没有写入任何文件：{report.counts()}。")
    return 0


def _template(args: argparse.Namespace) -> int:
    from .sheets.template import TemplateError, write_template

    try:
        path = write_template(args.type, args.file, args.content)
    except TemplateError as err:
        print(str(err), file=sys.stderr)
        return 1
    print(
        f"已生成 {path}：在“{BY_NAME[args.type].title}”页填写，把鼠标停在表头上可以看到说明；"
        f"填好后运行 python -m generator import {path} --type {args.type}"
    )
    return 0


def _new(args: argparse.Namespace) -> int:
    from .content.scaffold import ScaffoldError, new_record

    try:
        path = new_record(args.content, args.type, args.id)
    except ScaffoldError as err:
        print(str(err), file=sys.stderr)
        return 1
    print(f"已新建 {path}。请按注释填写，填好后删去“draft: true”一行再运行检查。")
    return 0


def _render(args: argparse.Namespace) -> int:
    from .assemble.pipeline import Project, generate

    result, report = generate(Project.at(args.root, args.content), args.today)
    print(f"已生成页面：写入 {report.written} 个，未变 {report.unchanged} 个，删除 {report.removed} 个。")
    return 0


def _build(args: argparse.Namespace) -> int:
    from .admin.write import editor_published
    from .assemble.pipeline import BuildFailed, Project, build_site
    from .content.siteconfig import SiteConfig, production_problems

    project = Project.at(args.root, args.content)
    if args.production:
        refused = production_problems(SiteConfig.read(project.config_file))
        if refused:
            print("\n".join(refused), file=sys.stderr)
            print(f"不能正式发布：{len(refused)} 项信息不全。原有的 site/ 保持不变。", file=sys.stderr)
            return 1
    try:
        # A public admin page on a .gov.cn site is a finding in a security review: production
        # builds carry the editor only when mkdocs.yml asks for it (extra.cms.publish).
        editor = not args.production or editor_published(project.config_file)
        result = build_site(project, args.today, args.site_dir, strict=args.strict or args.production, editor=editor)
    except BuildFailed as err:
        print(str(err), file=sys.stderr)
        print("原有的 site/ 保持不变。", file=sys.stderr)
        return 1
    print(f"站点已构建到 {os.path.relpath(args.site_dir)}/：{_counts_line(result.counts, result.drafts)}。")
    return 0


# Each command of _parser(), run with its parsed arguments; returns the exit code.
COMMANDS = {
    "check": _check,
    "build": _build,
    "render": _render,
    "new": _new,
    "import": _import,
    "template": _template,
    "admin": _admin,
    "clean": _clean,
}
