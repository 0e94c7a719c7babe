"""The few facts the generator needs from mkdocs.yml (site name and public URL).

Read as plain YAML, not through MkDocs, so the generator keeps working with other builders.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import yaml

DEFAULT_URL = "https://www.example.gov.cn/ecommerce/"


class _TolerantLoader(yaml.SafeLoader):
    """Safe loading that ignores MkDocs' !!python/name and !ENV tags instead of failing."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


@dataclass(frozen=True)
class SiteConfig:
    site_name: str = "枣庄市电子商务推进行动"
    site_url: str = DEFAULT_URL
    news_categories: tuple[str, ...] = ()
    compliance: tuple[tuple[str, str], ...] = ()  # footer facts from extra.compliance, as written
    theme_dir: str = "overrides"  # theme.custom_dir: the theme's own files (their CSS and JS are minified at build)

    @classmethod
    def read(cls, config_file: Path) -> "SiteConfig":
        try:
            data = yaml.load(Path(config_file).read_text(encoding="utf-8"), Loader=_TolerantLoader) or {}
        except (OSError, yaml.YAMLError):
            return cls()
        url = str(data.get("site_url") or DEFAULT_URL)
        categories: tuple[str, ...] = ()
        for plugin in data.get("plugins") or []:
            if isinstance(plugin, dict) and isinstance(plugin.get("blog"), dict):
                categories = tuple(plugin["blog"].get("categories_allowed") or ())
        extra = data.get("extra") or {}
        facts = extra.get("compliance") if isinstance(extra, dict) else None
        compliance = tuple((str(k), "" if v is None else str(v)) for k, v in (facts or {}).items())
        theme = data.get("theme") if isinstance(data.get("theme"), dict) else {}
        return cls(
            str(data.get("site_name") or cls.site_name),
            url if url.endswith("/") else url + "/",
            categories,
            compliance,
            theme_dir=str(theme.get("custom_dir") or cls.theme_dir),
        )

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
