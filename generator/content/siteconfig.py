"""The few facts the generator needs from mkdocs.yml (site name and public URL).

Read as plain YAML, not through MkDocs, so the generator keeps working with other builders.
"""

from __future__ import annotations

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
        name = str(data.get("site_name") or cls.site_name)
        return cls(name, url if url.endswith("/") else url + "/", categories, compliance, tuple(mistakes))

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
