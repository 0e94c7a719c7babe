"""Command line: python -m generator check | build | render | new | import | template | admin | clean."""

from __future__ import annotations

import argparse
import datetime as dt
import logging
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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m generator", description="枣庄电商推进行动网站生成器")
    commands = parser.add_subparsers(dest="command", required=True, metavar="命令")

    check = commands.add_parser("check", help="检查全部记录，列出所有问题")
    check.add_argument("--content", type=Path, default=Path("content"), help="内容目录（默认 content）")
    check.add_argument("--today", type=_date, help="当作今天的日期，YYYY-MM-DD")
    check.add_argument(
        "--against",
        type=Path,
        metavar="MANIFEST",
        help="上次发布的 manifest.json：检查它列出的网址这次都还在（或已跳转、已登记下线）",
    )

    for name, text in (("build", "检查、生成页面并构建站点到 site/"), ("render", "只检查并生成 Markdown 页面到 docs/")):
        sub = commands.add_parser(name, help=text)
        sub.add_argument("--content", type=Path, default=Path("content"), help="内容目录（默认 content）")
        sub.add_argument("--today", type=_date, help="培训状态按这一天计算（默认：北京时间今天）")
        if name == "build":
            sub.add_argument("--site-dir", type=Path, default=Path("site"), help="输出目录（默认 site）")
            sub.add_argument("--strict", action="store_true", help="MkDocs 有任何警告即失败")
            sub.add_argument(
                "--production",
                action="store_true",
                help="正式发布：页脚的主办单位、备案号等必须齐全且不是示例值，MkDocs 有警告即失败",
            )

    new = commands.add_parser("new", help="新建一条记录的模板")
    new.add_argument("type", choices=NAMES, help="记录类型：" + "、".join(f"{t.name}（{t.title}）" for t in BY_NAME.values()))
    new.add_argument("id", help="编号（即文件名），如 tengzhou-nongpin")
    new.add_argument("--content", type=Path, default=Path("content"), help="内容目录（默认 content）")
    types = "记录类型：" + "、".join(f"{t.name}（{t.title}）" for t in BY_NAME.values())
    sheet = commands.add_parser("import", help="从表格（.xlsx .xls .ods .csv）导入记录：每行都按检查的规则检查，有错就一条也不写")
    sheet.add_argument("file", type=Path, help="表格文件，如 企业名单.xlsx")
    sheet.add_argument("--type", required=True, choices=NAMES, help=types)
    sheet.add_argument("--update", action="store_true", help="编号已有的记录用表格里的列更新（表格没有的列保持原样）")
    sheet.add_argument("--dry-run", action="store_true", help="只检查并报告会新增、更新多少条，不写入任何文件")
    sheet.add_argument("--content", type=Path, default=Path("content"), help="内容目录（默认 content）")
    template = commands.add_parser("template", help="生成给编辑填写的空白表格（.xlsx）：中文表头、填写说明、下拉选项和一行例子")
    template.add_argument("type", choices=NAMES, help=types)
    template.add_argument("file", type=Path, help="要生成的文件，如 企业名单.xlsx")
    template.add_argument("--content", type=Path, default=Path("content"), help="内容目录（默认 content）")
    commands.add_parser("clean", help="删除生成器写入 docs/ 的页面和 site/（内容文件不受影响）")
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


def _write_editor(target: Path) -> int:
    from .admin.write import EditorBuildError, write_editor
    from .content.siteconfig import cms_problems

    problems = cms_problems(Path("mkdocs.yml"))  # an editor that cannot reach its git host is not written
    if problems:
        return _print_problems(ContentError(problems))
    try:
        write_editor(target, Path("."))
    except EditorBuildError as err:
        print(str(err), file=sys.stderr)
        return 1
    print(f"网页编辑器已写入 {target}/：用浏览器打开它所在的网址（如 https://内网地址/admin/）即可登录编辑。")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "build":
        _show_mkdocs_warnings()
    today = getattr(args, "today", None) or today_in_shanghai()
    try:
        return _run(args, today)
    except ContentError as err:
        return _print_problems(err)


def _run(args: argparse.Namespace, today: dt.date) -> int:
    if args.command == "check":
        from .content.news import check_posts
        from .content.siteconfig import SiteConfig, cms_problems
        from .content.validate import check_content

        result = check_content(args.content, today, site=bool(args.against))
        docs_dir = Path(args.content).parent / "docs"
        config = SiteConfig.read(Path(args.content).parent / "mkdocs.yml")
        result.problems += check_posts(docs_dir, list(config.news_categories))
        result.problems += cms_problems(Path(args.content).parent / "mkdocs.yml")
        if result.problems:
            return _print_problems(ContentError(result.problems))
        if args.against:
            from .build.pipeline import generated_files
            from .outputs.manifest import lost_urls, published_urls

            pages = generated_files(result.site, config)
            lost = lost_urls(args.against, published_urls(pages, result.site, docs_dir), args.content)
            if lost:
                return _print_problems(ContentError(lost))
        print(f"检查通过：{_counts_line(result.counts, result.drafts)}。")
        return 0
    if args.command == "admin":
        return _write_editor(args.dir)
    if args.command == "clean":
        from .build.writer import clean

        removed = clean(Path("docs"))
        if Path("site").is_dir():
            import shutil

            shutil.rmtree("site")
            removed.append(Path("site"))
        print(f"已删除 {len(removed)} 项生成的内容。")
        return 0
    if args.command == "import":
        from .sheets.importer import ImportFailed, import_sheet
        from .sheets.problems import summary as sheet_summary

        try:
            report = import_sheet(args.file, args.type, args.content, update=args.update, dry_run=args.dry_run)
        except ImportFailed as err:
            for problem in err.problems:
                print(problem.format(), file=sys.stderr)
            print(sheet_summary(err.problems), file=sys.stderr)
            return 1
        for line in report.lines(limit=20):
            print(line)
        if report.written:
            print(
                f"已从 {report.file} 导入{report.record_type.title}：{report.counts()}。请运行 python -m generator check 后预览。"
            )
        else:
            print(f"试运行，没有写入任何文件：{report.counts()}。")
        return 0
    if args.command == "template":
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
    if args.command == "new":
        from .content.scaffold import ScaffoldError, new_record

        try:
            path = new_record(args.content, args.type, args.id)
        except ScaffoldError as err:
            print(str(err), file=sys.stderr)
            return 1
        print(f"已新建 {path}。请按注释填写，填好后删去“draft: true”一行再运行检查。")
        return 0
    from .build.pipeline import BuildFailed, Project, build_site, generate
    from .content.siteconfig import SiteConfig, production_problems

    project = Project.at(".", args.content)
    if args.command == "render":
        result, report = generate(project, today)
        print(f"已生成页面：写入 {report.written} 个，未变 {report.unchanged} 个，删除 {report.removed} 个。")
        return 0
    if args.command == "build":
        if args.production:
            refused = production_problems(SiteConfig.read(project.config_file))
            if refused:
                print("\n".join(refused), file=sys.stderr)
                print(f"不能正式发布：{len(refused)} 项信息不全。原有的 site/ 保持不变。", file=sys.stderr)
                return 1
        try:
            # A public admin page on a .gov.cn site is a finding in a security review: production
            # builds carry the editor only when mkdocs.yml asks for it (extra.cms.publish).
            from .admin.write import editor_published

            editor = not args.production or editor_published(project.config_file)
            result = build_site(project, today, args.site_dir, strict=args.strict or args.production, editor=editor)
        except BuildFailed as err:
            print(str(err), file=sys.stderr)
            print("原有的 site/ 保持不变。", file=sys.stderr)
            return 1
        print(f"站点已构建到 {args.site_dir}/：{_counts_line(result.counts, result.drafts)}。")
        return 0
    return 2
