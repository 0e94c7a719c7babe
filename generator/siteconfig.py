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
        return cls(str(data.get("site_name") or cls.site_name), url if url.endswith("/") else url + "/", categories)

    def absolute(self, url: str) -> str:
        """Site-relative URL -> the canonical public address (for QR codes, feeds, calendars)."""
        return self.site_url + url

    @property
    def host(self) -> str:
        return urlsplit(self.site_url).hostname or "example.gov.cn"
