"""The few facts the generator needs from mkdocs.yml (site name and public URL, footer facts, the
web editor's git host in `extra.cms`, checked by cms_problems).

Read as plain YAML, not through MkDocs, so the generator keeps working with other builders.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

DEFAULT_URL = "https://www.example.gov.cn/ecommerce/"
CONFIG_FILE = "mkdocs.yml"


def project_root(start: Path) -> Path | None:
    """The nearest folder at or above start that holds mkdocs.yml (None: not inside a project)."""
    here = Path(start).absolute()
    for folder in (here, *here.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
    return None


class _TolerantLoader(yaml.SafeLoader):
    """Safe loading that ignores MkDocs' !!python/name and !ENV tags instead of failing."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class SiteConfig:
    site_name: str = "枣庄市电子商务推进行动"
    site_url: str = DEFAULT_URL
    news_categories: tuple[str, ...] = ()
    compliance: tuple[tuple[str, str], ...] = ()  # footer facts from extra.compliance, as written
    mistakes: tuple[tuple[str, str], ...] = ()  # (setting, what is wrong with it): see problems()
    theme_dir: str = "overrides"  # theme.custom_dir: the theme's own files (their CSS and JS are minified at build)

    @classmethod
    def read(cls, config_file: Path) -> "SiteConfig":
        try:
            data = yaml.load(Path(config_file).read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
        except (OSError, yaml.YAMLError):
            return cls()
        if not isinstance(data, dict):
            return cls(mistakes=(("", "整个文件应该是一组“设置名: 值”"),))
        url = str(data.get("site_url") or DEFAULT_URL)
        categories: tuple[str, ...] = ()
        for plugin in data.get("plugins") or [] if isinstance(data.get("plugins"), list) else []:
            if isinstance(plugin, dict) and isinstance(plugin.get("blog"), dict):
                categories = tuple(map(str, plugin["blog"].get("categories_allowed") or ()))
        extra = data.get("extra") or {}
        facts = extra.get("compliance") if isinstance(extra, dict) else None
        mistakes: list[tuple[str, str]] = []
        if facts is not None and not isinstance(facts, dict):
            written = "一段文字" if isinstance(facts, str) else "一个列表" if isinstance(facts, list) else "一个值"
            mistakes.append(
                (
                    "extra.compliance（页脚备案信息）",
                    f"应该是一组“名称: 内容”（如 sponsor: 枣庄市商务局，每项一行），现在是{written}",
                )
            )
            facts = None
        compliance = tuple((str(k), "" if v is None else str(v)) for k, v in (facts or {}).items())
        theme = data.get("theme") if isinstance(data.get("theme"), dict) else {}
        return cls(
            str(data.get("site_name") or cls.site_name),
            url if url.endswith("/") else url + "/",
            categories,
            compliance,
            tuple(mistakes),
            theme_dir=str(theme.get("custom_dir") or cls.theme_dir),
        )

    def problems(self, config_file: Path | str = "mkdocs.yml") -> list:
        """The settings the site cannot be built with, as the check's Problems."""
        from .loader import display_path
        from .problems import Problem

        return [Problem(display_path(Path(config_file)), 0, 0, setting, message) for setting, message in self.mistakes]

    def absolute(self, url: str) -> str:
        """Site-relative URL -> the canonical public address (for QR codes, feeds, calendars)."""
        return self.site_url + url

    @property
    def host(self) -> str:
        return urlsplit(self.site_url).hostname or "example.gov.cn"


# Footer facts a .gov.cn column must show (mkdocs.yml extra.compliance), with their Chinese names.
REQUIRED_FACTS = {
    "sponsor": "主办单位",
    "contact": "联系方式",
    "icp": "ICP 备案号",
    "icp_url": "ICP 备案查询网址",
    "police": "公安机关备案号",
    "police_url": "公安备案查询网址",
    "site_code": "政府网站标识码",
    "privacy_page": "隐私说明页面",
    "report_error_page": "纠错页面",
}


def production_problems(config: SiteConfig, config_file: str = "mkdocs.yml") -> list[str]:
    """Why this configuration may not be published as the real site (empty means it may)."""
    facts = dict(config.compliance)
    problems = []
    for key, title in REQUIRED_FACTS.items():
        value = facts.get(key, "").strip()
        if not value:
            problems.append(f"{config_file}: extra.compliance.{key}（{title}）: 正式发布前必须填写")
        elif "示例" in value or "0000000" in value:
            problems.append(f"{config_file}: extra.compliance.{key}（{title}）: 还是示例值“{value}”，请换成真实信息")
    if "example" in config.site_url:
        problems.append(f"{config_file}: site_url（站点网址）: 还是示例网址 {config.site_url}，请换成正式网址")
    return problems


# The web editor (Sveltia CMS) and the git host it saves to: mkdocs.yml `extra.cms`. Each key with
# its Chinese name, for the messages of `check`.
CMS_KEYS = {
    "backend": "代码托管平台",
    "repo": "仓库",
    "branch": "分支",
    "base_url": "平台网址",
    "api_root": "接口地址",
    "app_id": "应用 ID",
    "publish": "随网站发布编辑器",
}
CMS_BACKENDS = {
    "gitlab": "GitLab（含极狐GitLab）",
    "gitea": "Gitea / Forgejo",
    "github": "GitHub",
    "test-repo": "测试仓库（只存在浏览器里）",
}
# The backends whose changes can go through review (草稿 → 审核中 → 待发布): Sveltia CMS implements its
# editorial workflow on merge requests / pull requests of these two only.
CMS_REVIEW_BACKENDS = ("gitlab", "github")
# Where each backend's REST API lives below its address, when api_root is not given.
CMS_API_PATHS = {"gitlab": "/api/v4", "gitea": "/api/v1"}
_LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")
_REPO = re.compile(r"^[^/:\s]+(?:/[^/:\s]+)+$")  # group/project, group/subgroup/project (Sveltia's own rule)
_APP_ID = re.compile(r"^[A-Za-z0-9_.-]+$")


@dataclass(frozen=True)
class CmsSettings:
    """mkdocs.yml `extra.cms`, as written (checked by cms_problems)."""

    backend: str = ""
    repo: str = ""
    branch: str = ""
    base_url: str = ""
    api_root: str = ""
    app_id: str = ""
    publish: bool = False

    @property
    def review(self) -> bool:
        """Whether changes go through review before they reach the branch the site is built from."""
        return self.backend in CMS_REVIEW_BACKENDS

    @property
    def api(self) -> str:
        """The REST API: api_root, or the backend's usual path below base_url (a self-managed host)."""
        if self.api_root or not self.base_url or self.backend not in CMS_API_PATHS:
            return self.api_root
        return self.base_url.rstrip("/") + CMS_API_PATHS[self.backend]


def _config_data(config_file: Path) -> dict:
    try:
        data = yaml.load(Path(config_file).read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def _cms_section(config_file: Path) -> object:
    extra = _config_data(config_file).get("extra")
    return extra.get("cms") if isinstance(extra, dict) else None


def read_cms(config_file: Path) -> CmsSettings:
    """The editor's settings; missing or malformed values read as empty (cms_problems reports them)."""
    section = _cms_section(config_file)
    if not isinstance(section, dict):
        return CmsSettings()
    text = {key: "" if section.get(key) is None else str(section.get(key)).strip() for key in CMS_KEYS if key != "publish"}
    return CmsSettings(**text, publish=section.get("publish") is True)


def _cms_positions(config_file: Path) -> dict[str, tuple[int, int]]:
    """Line and column of `extra.cms` and of each key under it (for the messages)."""
    try:
        root = yaml.compose(Path(config_file).read_text(encoding="utf-8"), Loader=_TolerantLoader)
    except (OSError, yaml.YAMLError):
        return {}
    positions: dict[str, tuple[int, int]] = {}

    def child(node, name):
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == name:
                    return key, value
        return None, None

    _, extra = child(root, "extra")
    key, cms = child(extra, "cms")
    if key is not None:
        positions[""] = (key.start_mark.line + 1, key.start_mark.column + 1)
    if isinstance(cms, yaml.MappingNode):
        for key, _value in cms.value:
            positions[str(key.value)] = (key.start_mark.line + 1, key.start_mark.column + 1)
    return positions


def _is_secure_url(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.netloc) and (parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in _LOCAL_HOSTS))


def cms_problems(config_file: Path, shown_as: str = "mkdocs.yml") -> list:
    """What is wrong with `extra.cms`, as Problems in Chinese (empty when the web editor can be set up)."""
    from .problems import Problem

    config_file = Path(config_file)
    section = _cms_section(config_file)
    positions = _cms_positions(config_file)

    def problem(key: str, message: str) -> Problem:
        line, column = positions.get(key, positions.get("", (0, 0)))
        field = f"extra.cms.{key}（{CMS_KEYS[key]}）" if key in CMS_KEYS else f"extra.cms.{key}" if key else "extra.cms"
        return Problem(shown_as, line, column, field, message)

    if section is None:
        return []  # no web editor configured: nothing to check
    if not isinstance(section, dict):
        return [problem("", "应该是一组设置（backend、repo 等，每项一行，缩进两个空格），现在不是")]
    problems = []
    for key in section:
        if key not in CMS_KEYS:
            close = difflib.get_close_matches(str(key), list(CMS_KEYS), n=1, cutoff=0.5)
            hint = f"你是不是要写“{close[0]}”（{CMS_KEYS[close[0]]}）？" if close else f"可以用的设置有：{'、'.join(CMS_KEYS)}"
            problems.append(problem(str(key), f"没有“{key}”这项设置。{hint}"))
    for key, value in section.items():
        if key in CMS_KEYS and key != "publish" and value is not None and not isinstance(value, (str, int)):
            problems.append(problem(key, "应该是一段文字"))
    if "publish" in section and not isinstance(section["publish"], bool):
        problems.append(
            problem("publish", f"只能写 true（网站上带编辑器 admin/）或 false（不带），现在写的是“{section['publish']}”")
        )
    settings = read_cms(config_file)
    choices = "、".join(f"{name}（{title}）" for name, title in CMS_BACKENDS.items())
    if not settings.backend:
        problems.append(problem("backend" if "backend" in section else "", f"缺少 backend（代码托管平台），可以写：{choices}"))
        return problems
    if settings.backend not in CMS_BACKENDS:
        close = difflib.get_close_matches(settings.backend.lower(), list(CMS_BACKENDS), n=1, cutoff=0.5)
        hint = f"你是不是要写“{close[0]}”？" if close else f"可以写：{choices}"
        problems.append(problem("backend", f"不认识“{settings.backend}”这个平台。{hint}"))
        return problems
    if settings.backend == "test-repo":
        return problems  # keeps its files in the browser: nothing else to set
    if not settings.repo:
        problems.append(problem("repo" if "repo" in section else "", "缺少 repo（仓库）：写成“组/项目”，如 swj/ecommerce-site"))
    elif not _REPO.match(settings.repo):
        problems.append(problem("repo", f"仓库要写成“组/项目”（如 swj/ecommerce-site），不要写网址，现在写的是“{settings.repo}”"))
    for key in ("base_url", "api_root"):
        url = getattr(settings, key)
        if url and not _is_secure_url(url):
            problems.append(problem(key, f"必须是 https:// 开头的完整网址（登录凭据不能用 http 明文传输），现在写的是“{url}”"))
    if settings.backend in ("gitlab", "gitea") and not settings.base_url:
        site = "gitlab.com" if settings.backend == "gitlab" else "gitea.com"
        problems.append(
            problem(
                "base_url" if "base_url" in section else "",
                f"缺少 base_url（平台网址）：本单位自建的平台写它的网址，如 https://git.example.gov.cn；不写就会连到境外的 {site}",
            )
        )
    if settings.backend == "gitlab" and not settings.app_id:
        problems.append(
            problem(
                "app_id" if "app_id" in section else "",
                "缺少 app_id（应用 ID）：在 GitLab 的“应用”里新建一个应用（不勾选“机密”，权限选 api），把它的应用 ID 填在这里，编辑才能登录",
            )
        )
    elif settings.app_id and not _APP_ID.match(settings.app_id):
        problems.append(
            problem("app_id", f"应用 ID 只含字母、数字和连字符，请从平台的应用页面复制，现在写的是“{settings.app_id}”")
        )
    return problems
