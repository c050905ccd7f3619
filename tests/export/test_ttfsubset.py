"""The TrueType subset the PDF embeds: the glyphs asked for, the parts of
composite glyphs, and a font file fontTools and the PDF reader accept."""

import io
from pathlib import Path

from fontTools import ttLib
from fontTools.pens.boundsPen import BoundsPen

from app.export.ttfsubset import subset_ttf

FONT = Path(__file__).resolve().parents[2] / "resources" / "fonts" / "DejaVuSans.ttf"


def bounds(font, name):
    pen = BoundsPen(font.getGlyphSet())
    font.getGlyphSet()[name].draw(pen)
    return pen.bounds


def test_a_subset_keeps_the_glyphs_asked_for_with_their_outlines_and_advances():
    full = ttLib.TTFont(str(FONT))
    order = full.getGlyphOrder()
    cmap = full.getBestCmap()
    composite = next(cmap[cp] for cp in range(0xC0, 0x17F) if cp in cmap
                     and full["glyf"][cmap[cp]].isComposite())
    wanted = {order.index(cmap[ord("A")]), order.index(composite)}
    data, new_gid, info = subset_ttf(str(FONT), 0, wanted)
    sub = ttLib.TTFont(io.BytesIO(data))
    sub_order = sub.getGlyphOrder()
    assert sub["maxp"].numGlyphs < 10 < full["maxp"].numGlyphs  # the parts, not the font
    for old in wanted:
        name, new_name = order[old], sub_order[new_gid[old]]
        assert bounds(sub, new_name) == bounds(full, name)
        assert sub["hmtx"][new_name][0] == full["hmtx"][name][0]
    assert info["psname"] == "DejaVuSans"
    assert info["ascent"] > 0 > info["descent"]
