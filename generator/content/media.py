"""Images that records point to: only files inside content/media/, each with alt text and a
size that is not a decompression bomb; their display width and height (upright, at most
MAX_WIDTH) are known to the templates. The published copies are made by outputs.images."""

from __future__ import annotations

import os
import posixpath
import warnings
from dataclasses import dataclass
from pathlib import Path

from PIL import Image as PILImage
from PIL import UnidentifiedImageError

from . import files

MEDIA_FOLDER = "media"
ALLOWED_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp"}
MAX_WIDTH = 1200  # wide enough for a desktop column, small enough for a 4G phone
JPEG_QUALITY = 80  # of the published copies (outputs.images)
MAX_PIXELS = 40_000_000  # refuse decompression bombs
MAX_BYTES = 50 * 1024 * 1024  # a phone's photo is a few MB
PILImage.MAX_IMAGE_PIXELS = MAX_PIXELS  # Pillow's own guard, at the same size
_ORIENTATION = 0x0112  # EXIF tag
_ORIENTATION_SWAPS_SIDES = {5: True, 6: True, 7: True, 8: True}


@dataclass(frozen=True)
class Image:
    src: str  # site-relative URL, e.g. media/lunan/logo.jpg
    alt: str
    width: int
    height: int
    source: Path


class MediaError(ValueError):
    pass


def resolve(content_dir: Path, src: str, alt: str) -> Image:
    """Check that src names an image file inside content/media/; return it with its display size."""
    text = str(src).strip().replace("\\", "/")
    if "://" in text or text.startswith(("/", "data:", "javascript:")) or ":" in text.split("/")[0]:
        raise MediaError(f"图片只能用 content/{MEDIA_FOLDER}/ 里的文件，不能写网址或绝对路径（现在是“{text}”）")
    normal = posixpath.normpath(text)
    if normal.startswith("../") or normal == ".." or "/../" in f"/{text}/":
        raise MediaError(f"图片路径不能包含“..”，请写成 {MEDIA_FOLDER}/文件名.jpg")
    if not normal.startswith(f"{MEDIA_FOLDER}/"):
        normal = f"{MEDIA_FOLDER}/{normal}"
    path = Path(content_dir) / normal
    if path.suffix.lower() not in ALLOWED_SUFFIXES:
        raise MediaError(f"只支持 JPG、PNG、WebP 图片（现在是“{path.suffix or '无扩展名'}”）")
    if not os.path.lexists(path):
        raise MediaError(f"找不到图片文件 content/{normal}，请检查文件名（区分大小写）是否放进了 content/{MEDIA_FOLDER}/")
    if not str(alt or "").strip():
        raise MediaError("图片缺少说明文字（alt），请写一句话描述图片内容，给看不见图片的读者")
    try:
        # a regular file inside the project: a link to /etc/… or to a device is never published
        handle = files.open_regular(path, MAX_BYTES, content_dir)
    except files.Refused as refused:
        raise MediaError(f"图片 content/{normal}：{refused}") from None
    try:
        with warnings.catch_warnings(), handle:
            # A small file that claims a huge picture (a decompression bomb) is refused, not decoded.
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(handle) as image:
                width, height = image.size
                if _ORIENTATION_SWAPS_SIDES.get(image.getexif().get(_ORIENTATION), False):
                    width, height = height, width  # a phone photo taken upright is shown upright
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        raise MediaError(f"图片太大（content/{normal} 的像素超过 {MAX_PIXELS // 1_000_000} 百万），请缩小后再放入") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise MediaError(f"content/{normal} 不是能打开的图片文件，请重新导出为 JPG 或 PNG") from None
    if width * height > MAX_PIXELS:
        raise MediaError(f"图片太大（{width}×{height} 像素），请缩小后再放入")
    if width > MAX_WIDTH:
        width, height = MAX_WIDTH, round(height * MAX_WIDTH / width)
    return Image(normal, str(alt).strip(), width, height, path)
