"""Published images: phone-sized, upright copies of the images records show, written into
docs/media/ (only those out of date), without EXIF or any other metadata."""

from __future__ import annotations

import io
import os
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageOps

from ..content import files
from ..content.media import JPEG_QUALITY, MAX_BYTES, MEDIA_FOLDER, Image


def _encode(image: Image) -> bytes:
    """The published copy: turned upright, resized, re-encoded. Only pixels are carried over:
    no EXIF (a phone photo's GPS position is someone's home), no XMP, no comments."""
    # read through the same guard as the check (a regular file of bounded size), never by the path again
    with files.open_regular(image.source, MAX_BYTES) as handle, PILImage.open(handle) as source:
        upright = ImageOps.exif_transpose(source)
        picture = upright.convert("RGBA" if upright.mode in ("RGBA", "LA", "P") else "RGB")
        picture.info.clear()
        if picture.size != (image.width, image.height):
            picture = picture.resize((image.width, image.height), PILImage.LANCZOS)
        out = io.BytesIO()
        if image.source.suffix.lower() == ".png":
            picture.save(out, "PNG", optimize=True)
        elif image.source.suffix.lower() == ".webp":
            picture.save(out, "WEBP", quality=JPEG_QUALITY, method=4)
        else:
            picture.convert("RGB").save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return out.getvalue()


def publish_images(images: list[Image], docs_dir: Path) -> None:
    """Write phone-sized copies into docs/media/; skip ones already up to date; drop stale ones."""
    root = Path(docs_dir) / MEDIA_FOLDER
    wanted = {}
    for image in images:
        wanted[image.src] = image
    for src, image in sorted(wanted.items()):
        target = Path(docs_dir) / src
        if target.is_file() and target.stat().st_mtime >= image.source.stat().st_mtime:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(_encode(image))
        # Same mtime as the source: "newer than the source" means up to date, reproducibly.
        stat = image.source.stat()
        os.utime(target, (stat.st_atime, stat.st_mtime))
    if root.is_dir():
        for path in sorted(root.rglob("*"), reverse=True):
            relative = path.relative_to(docs_dir).as_posix()
            if path.is_file() and relative not in wanted and path.name != ".gitignore":
                path.unlink()
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
