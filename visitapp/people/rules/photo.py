"""An agent's photo as it is kept: checked by its content, turned upright, cropped square from the middle,
512 x 512 px, re-encoded as JPEG (which drops every metadata block: camera, time, GPS position).

Pillow does the decoding (it comes with fpdf2 and is pinned in requirements.txt): a file that is not a
JPEG, PNG or WebP image, is truncated, or is larger than 40 megapixels (a decompression bomb) is refused.
"""

from __future__ import annotations

import io

from PIL import Image, ImageOps, UnidentifiedImageError

SIZE = 512
MAX_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000
FORMATS = ("JPEG", "PNG", "WEBP")


def square(data: bytes) -> tuple[bytes | None, str]:
    """(the stored JPEG, "") or (None, the message key of the refusal)."""
    if not data:
        return None, "people.photo.empty"
    if len(data) > MAX_BYTES:
        return None, "people.photo.too_big"
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in FORMATS:
                return None, "people.photo.type"
            if probe.width * probe.height > MAX_PIXELS:
                return None, "people.photo.too_big"
            probe.verify()  # the whole file, not only its header
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            upright = ImageOps.exif_transpose(image)
            side = min(upright.width, upright.height)
            if side < 64:
                return None, "people.photo.too_small"
            cropped = ImageOps.fit(upright.convert("RGB"), (SIZE, SIZE), method=Image.Resampling.LANCZOS)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None, "people.photo.type"
    out = io.BytesIO()
    cropped.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue(), ""
