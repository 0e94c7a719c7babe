"""The web editor's configuration (Sveltia CMS `config.yml`), derived from the record-type registry,
the JSON Schemas, taxonomy.yaml and mkdocs.yml `extra.cms`; never written by hand.

One folder collection per record type (content/<folder>/*.yaml, the file name typed in as the id
when a record is created); every field of its schema, in the schema's order, as the widget its
annotations call for: `x-taxonomy` a select of the list's entries, `x-ref` a relation to the other
type's collection found by name, `x-format` date/datetime/markdown/image, lists and groups as lists
and objects. Widget options are those of Sveltia CMS's own JSON schema
(node_modules/@sveltia/cms/schema/sveltia-cms.json, which tests/test_admin_config.py checks this
against).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..content.media import ALLOWED_SUFFIXES
from ..content.registry import TYPES, RecordType
from ..content.schemas import annotated, load_schema, schema_at
from ..content.siteconfig import CmsSettings, SiteConfig, read_cms
from ..content.taxonomy import Taxonomy

MEDIA_FOLDER = "content/media"  # where uploads go (media.py: records may only use files in there)
# The value an upload writes into a record: `./media/文件名.jpg`, which check reads as media/文件名.jpg.
# Sveltia prefixes any other public folder with a slash (`/media/…`), which check rightly refuses
# as an absolute path; a public folder starting with `.` is the one it keeps as written.
PUBLIC_FOLDER = "./media"
DATE_FORMAT = "YYYY-MM-DD"  # Day.js tokens: what values.parse_date reads
DATETIME_FORMAT = "YYYY-MM-DD HH:mm"  # without a zone: Beijing time to values.parse_datetime
# Formatting the Markdown editor offers: what bodies.py keeps (no raw HTML, no code highlighting,
# which would load its grammars from a CDN).
MARKDOWN_BUTTONS = ["bold", "italic", "link", "heading-two", "heading-three", "quote", "bulleted-list", "numbered-list"]
MARKDOWN_COMPONENTS = ["image"]  # body images from content/media/ (no code block: it loads from a CDN)
# The picker offers only the images check accepts (no SVG, GIF or AVIF).
IMAGE_TYPES = ",".join(sorted(ALLOWED_SUFFIXES))
MAX_UPLOAD_BYTES = 10_000_000  # a phone photo is 3–8 MB; the site publishes 1200-pixel copies (media.MAX_WIDTH)
LONG_TEXT = 100  # a text field allowed this many characters or more gets a text area


def _taxonomy(root: Path) -> Taxonomy:
    try:
        data = yaml.safe_load((root / "content" / "taxonomy.yaml").read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        data = {}  # check reports a broken taxonomy; the editor still opens, with empty lists
    return Taxonomy.from_data(data if isinstance(data, dict) else {})


def _type_of(node: dict) -> str:
    """The JSON type of a node; a field that may be one value or a list of them (anyOf) is a list."""
    if "type" in node:
        return node["type"]
    types = {option.get("type") for option in node.get("anyOf", [])}
    return "array" if "array" in types else next(iter(types - {None}), "string")


def _min_items(node: dict) -> int:
    return max([node.get("minItems", 0)] + [option.get("minItems", 0) for option in node.get("anyOf", [])])


class _Fields:
    """Turns one schema's fields into Sveltia fields, walking it by field path (schemas.schema_at)."""

    def __init__(self, type_name: str, taxonomy: Taxonomy):
        self.type_name = type_name
        self.taxonomy = taxonomy

    def fields(self, path: tuple) -> list[dict]:
        node = schema_at(self.type_name, path)
        required = set(node.get("required", []))
        return [self.field(path + (name,), name in required) for name in node.get("properties", {})]

    def field(self, path: tuple, required: bool) -> dict:
        node = schema_at(self.type_name, path)
        field: dict[str, Any] = {"name": path[-1], "label": node.get("title", path[-1])}
        if node.get("description"):
            field["hint"] = node["description"]
        # Sveltia's fields are required unless told otherwise; the schema says which are.
        field["required"] = required
        field.update(self.widget(path))
        return field

    def widget(self, path: tuple) -> dict:
        node = schema_at(self.type_name, path)
        kind = _type_of(node)
        many = kind == "array"
        items = schema_at(self.type_name, path + (0,)) if many else {}
        fmt = node.get("x-format")
        taxonomy = node.get("x-taxonomy") or items.get("x-taxonomy")
        ref = node.get("x-ref") or items.get("x-ref")
        if taxonomy:
            return self.select(taxonomy, many, _min_items(node))
        if ref:
            return self.relation(ref, many, _min_items(node))
        if fmt == "markdown":
            return {
                "widget": "markdown",
                "buttons": MARKDOWN_BUTTONS,
                "editor_components": MARKDOWN_COMPONENTS,
                "use_emoji_autocomplete": False,
            }
        if fmt == "date":
            return {"widget": "datetime", "type": "date", "format": DATE_FORMAT}
        if fmt == "datetime":
            return {"widget": "datetime", "format": DATETIME_FORMAT}
        if fmt == "image-path":
            return {"widget": "image", "choose_url": False, "accept": IMAGE_TYPES}
        if fmt == "image":
            return self.image(path)
        if kind == "object":
            return {"widget": "object", "fields": self.fields(path)}
        if many:
            return self.list(path, node, items)
        return self.scalar(node, kind)

    def scalar(self, node: dict, kind: str) -> dict:
        if kind == "boolean":
            return {"widget": "boolean"}
        if kind in ("integer", "number"):
            widget: dict[str, Any] = {"widget": "number", "value_type": "int" if kind == "integer" else "float"}
            for keyword, option in (("minimum", "min"), ("maximum", "max")):
                if keyword in node:
                    widget[option] = node[keyword]
            return widget
        long = node.get("maxLength", 0) >= LONG_TEXT
        # No emoji suggestions popping up after a `:` (时间:上午) on a government site.
        widget = {"widget": "text" if long else "string", "use_emoji_autocomplete": False}
        if "minLength" in node:
            widget["minlength"] = node["minLength"]
        if "maxLength" in node:
            widget["maxlength"] = node["maxLength"]
        if "pattern" in node:
            widget["pattern"] = [node["pattern"], node.get("x-hint", "格式不对")]
            if node["pattern"].startswith("^https?://") and not long:
                widget["type"] = "url"
        return widget

    def select(self, list_name: str, many: bool, minimum: int) -> dict:
        # Names, not ids: what editors, the spreadsheet template and most records write (check
        # accepts either; a record's ids stay as they are until an editor picks another entry).
        options = [entry.name for entry in self.taxonomy.entries(list_name)]
        widget: dict[str, Any] = {"widget": "select", "options": options}
        if many:
            widget["multiple"] = True
            if minimum:
                widget["min"] = minimum
        return widget

    def relation(self, type_name: str, many: bool, minimum: int) -> dict:
        target = next(t for t in TYPES if t.name == type_name)
        widget: dict[str, Any] = {
            "widget": "relation",
            "collection": target.name,
            "value_field": "{{slug}}",  # the other record's id (its file name), as check wants it
            "search_fields": [target.title_field],
            "display_fields": [target.title_field],
        }
        if many:
            widget["multiple"] = True
            if minimum:
                widget["min"] = minimum
        return widget

    def image(self, path: tuple) -> dict:
        """An image with its alt text ({src, alt}): the picture picked or uploaded, and its words."""
        fields = self.fields(path)
        for index, field in enumerate(fields):
            if field["name"] == "src":  # its file: a path in the schema, a picker in the form
                kept = {key: field[key] for key in ("name", "label", "hint", "required") if key in field}
                fields[index] = kept | {"widget": "image", "choose_url": False, "accept": IMAGE_TYPES}
        return {"widget": "object", "fields": fields}

    def list(self, path: tuple, node: dict, items: dict) -> dict:
        widget: dict[str, Any] = {"widget": "list"}
        minimum = _min_items(node)
        if minimum:
            widget["min"] = minimum
        if _type_of(items) == "object":
            fields = self.widget(path + (0,))["fields"]
            widget["fields"] = fields
            if items.get("x-format") == "image":
                widget.update({"summary": "{{alt}}", "thumbnail": "src"})
            elif fields:
                widget["summary"] = "{{" + fields[0]["name"] + "}}"
        else:
            item = {"name": "item", "label": node.get("title", path[-1]), "required": True}
            item.update(self.widget(path + (0,)))
            widget["field"] = item
        return widget


def _district_facet(record_type: RecordType):
    """The facet a record's district is kept in (its path and list), if the type has one."""
    return next((f for f in record_type.facets if f.name == "district"), None)


# Marker fields shown on a record's line in the list, and offered as filters, where a type has them.
_MARKERS = {"draft": "草稿", "example": "示例"}


def collection(record_type: RecordType, taxonomy: Taxonomy) -> dict:
    """The editor's collection for one record type."""
    schema = load_schema(record_type.name)
    builder = _Fields(record_type.name, taxonomy)
    id_rule = load_schema("_common")["$defs"]["id"]
    title = record_type.title_field
    facet = _district_facet(record_type)
    district = ".".join(facet.path) if facet else None
    markers = {name: word for name, word in _MARKERS.items() if name in schema.get("properties", {})}
    summary = "{{" + title + "}}"
    if district:
        summary += " · {{" + district + "}}"
    summary += "".join(f"{{{{{name} | ternary(' · {word}', '')}}}}" for name, word in markers.items())
    sortable = (
        [title]
        + ([district] if district else [])
        + [path for path, fmt in _formats(record_type) if fmt in ("date", "datetime") and "*" not in path]
    )
    config: dict[str, Any] = {
        "name": record_type.name,
        "label": record_type.title,
        "label_singular": record_type.short,
        "description": schema.get("description", ""),
        "folder": f"content/{record_type.folder}",
        "extension": "yaml",
        "format": "yaml",
        "create": True,
        # A record's address must never disappear without a trace: records are retired through
        # content/retired.yaml and renamed with redirect_from, never deleted from a web form.
        "delete": False,
        "identifier_field": title,
        # The file name is the id and the address: typed in once when the record is created
        # (pinyin, as the README asks), never changed afterwards from the form.
        "slug": {
            "editable": ["create"],
            "hint": "文件名就是网址，只能用小写英文字母、数字和连字符（-），如 tengzhou-nongpin；保存后不能再改",
            "pattern": [id_rule["pattern"], id_rule["x-hint"]],
        },
        "summary": summary,
        "sortable_fields": {"fields": sortable, "default": {"field": title}},
        "media_folder": "/" + MEDIA_FOLDER,
        "public_folder": PUBLIC_FOLDER,
        "fields": builder.fields(()),
    }
    filters = []
    if facet:
        # a record may name its district or give its id (滕州市 or tengzhou): the filter finds both
        filters += [
            {"name": entry.id, "label": entry.name, "field": district, "in": [entry.name, entry.id]}
            for entry in taxonomy.entries(facet.taxonomy)
        ]
        config["view_groups"] = {"groups": [{"name": "district", "label": facet.label, "field": district}]}
    filters += [{"name": name, "label": word, "field": name, "eq": True} for name, word in markers.items()]
    config["view_filters"] = {"filters": filters}
    return config


def _formats(record_type: RecordType) -> list[tuple[str, str]]:
    return [(".".join(path), fmt) for path, fmt in annotated(record_type.name, "x-format")]


def backend(settings: CmsSettings) -> dict:
    """Sveltia's `backend` from mkdocs.yml `extra.cms` (checked by siteconfig.cms_problems)."""
    name = settings.backend or "test-repo"
    config: dict[str, Any] = {"name": name}
    if name == "test-repo":
        return config
    config["repo"] = settings.repo
    if settings.branch:
        config["branch"] = settings.branch
    if settings.base_url:
        config["base_url"] = settings.base_url.rstrip("/")
    if settings.api:
        config["api_root"] = settings.api.rstrip("/")
    if name == "gitlab":
        # PKCE: the browser signs in on the bureau's GitLab with no secret and no server of ours.
        config.update({"auth_type": "pkce", "app_id": settings.app_id})
    elif name == "gitea" and settings.app_id:
        config["app_id"] = settings.app_id  # Gitea signs in with PKCE whenever an app id is given
    if name == "github" and not settings.base_url:
        # GitHub's OAuth needs a server holding a secret (base_url); without one Sveltia would send
        # the editor to Netlify's. A personal access token is the sign-in left.
        config["auth_methods"] = ["token"]
    return config


def cms_config(root: Path) -> dict:
    """The whole configuration for the project at root (mkdocs.yml and content/)."""
    root = Path(root)
    settings = read_cms(root / "mkdocs.yml")
    site = SiteConfig.read(root / "mkdocs.yml")
    taxonomy = _taxonomy(root)
    config: dict[str, Any] = {
        "backend": backend(settings),
        "app_title": f"{site.site_name}·内容编辑",
        "display_url": site.site_url,
        "media_folder": MEDIA_FOLDER,
        # 草稿 → 审核中 → 待发布, as merge requests, where the forge lets Sveltia do it (GitLab, GitHub)
        "publish_mode": "editorial_workflow" if settings.review else "simple",
        "media_libraries": {
            # Uploads go into the repository: `照片 (1).JPG` is saved as `照片-1.jpg` (a body image's
            # address must not hold a space), and a phone photo's size is the most it takes.
            "default": {"config": {"slugify_filename": True, "max_file_size": MAX_UPLOAD_BYTES}},
            # No stock photos: they come from Unsplash, Pexels, Pixabay and Picsum, other hosts.
            "stock_assets": False,
        },
        # Sveltia's preview pane lists the fields again, not the site's page: the form gets the room.
        "editor": {"preview": False},
        # An optional field left empty is left out of the file, as an editor writing YAML would:
        # check refuses an empty text (`website: ''`).
        "output": {"omit_empty_optional_fields": True, "yaml": {"quote": "none"}},
        "collections": [collection(record_type, taxonomy) for record_type in TYPES],
    }
    return config


def config_yaml(root: Path) -> str:
    """cms_config as the text of config.yml."""
    header = "# 由 python -m generator admin 从记录类型、schemas 和 mkdocs.yml 的 extra.cms 生成，请勿手改。\n"
    return header + yaml.safe_dump(cms_config(root), allow_unicode=True, sort_keys=False, width=1000)
