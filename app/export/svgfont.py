"""Finishing touches on the SVG Qt writes: exact page size, embedded font.

QSvgGenerator takes the page size in whole points, so A4 came out
297.039 x 209.903 mm; and it names the font ("DejaVu Sans") without
embedding it, so a machine without DejaVu Sans drew the text in another
font, wider or narrower than the layout measured.  This module sets the
size in millimetres from the exact page size and embeds a subset of the
bundled font (the characters the SVG's text uses) as an ``@font-face``
data URL.  Text that needed shaping is written by Qt as outlines already
(glyph runs), so it needs no font.  No Qt.
"""

from __future__ import annotations

import base64
import html
import io
import logging
import re

from fontTools import subset as ft_subset
from fontTools import ttLib

from app.layout.text import FONT_FAMILY, FONT_FILES

_SIZE = re.compile(r'<svg width="[^"]*" height="[^"]*"')
_TEXT = re.compile(r"<text\b[^>]*>(.*?)</text>", re.S)
logging.getLogger("fontTools.subset").setLevel(logging.ERROR)


def finish_svg(path: str, page_w: float, page_h: float) -> None:
    """Rewrite the SVG at ``path``: page size in mm, bundled font embedded."""
    with open(path, encoding="utf-8") as f:
        svg = f.read()
    mm = 25.4 / 72.0
    svg = _SIZE.sub(f'<svg width="{page_w * mm:.3f}mm" height="{page_h * mm:.3f}mm"', svg,
                    count=1)
    chars = {ch for m in _TEXT.finditer(svg) for ch in html.unescape(m.group(1))}
    if chars:
        faces = "".join(_font_face(FONT_FILES[w], w == "bold", chars) for w in FONT_FILES)
        svg = svg.replace("<defs>", f"<defs>\n<style type=\"text/css\">{faces}</style>", 1)
    with open(path, "w", encoding="utf-8") as f:
        f.write(svg)


def _font_face(font_path: str, bold: bool, chars: set[str]) -> str:
    """An ``@font-face`` rule holding the subset of ``font_path`` for ``chars``."""
    font = ttLib.TTFont(font_path, lazy=True)
    opts = ft_subset.Options()
    opts.hinting = False
    opts.layout_features = []
    opts.name_IDs = [1, 2, 4, 6]
    sub = ft_subset.Subsetter(opts)
    sub.populate(unicodes=[ord(c) for c in chars])
    sub.subset(font)
    out = io.BytesIO()
    font.save(out)
    data = base64.b64encode(out.getvalue()).decode("ascii")
    return (f"@font-face {{ font-family: \"{FONT_FAMILY}\"; font-weight: "
            f"{'bold' if bold else 'normal'}; src: url(data:font/ttf;base64,{data}) "
            "format(\"truetype\"); }\n")
