"""Emoji: drawn in monochrome outline fonts, the same files on screen and in
the PDF; a colour bitmap emoji font (Noto Color Emoji: CBDT, no outlines) is
never chosen, since the PDF could not embed it."""

import pytest
from fontTools import ttLib
from fontTools.ttLib.tables.DefaultTable import DefaultTable

from app.export.exporter import ExportOptions, export_map
from app.layout import fonts
from app.layout.shaping import shape_line
from tests.export.scripts_sample import TITLES, scripts_map
from tests.export.test_scripts import _type0_fonts

EMOJI = TITLES["emoji"]
PARTY = "\U0001F389"  # 🎉: no DejaVu glyph; Symbola (fonts-symbola) has one


def _names(path: str) -> tuple[str, str]:
    names = ttLib.TTFont(path, lazy=True)["name"]
    return names.getDebugName(6), names.getDebugName(1)


def test_emoji_are_drawn_in_the_same_outline_fonts_on_screen_and_on_paper(tmp_path, qapp):
    from app.canvas.glyphs import glyph_runs

    if fonts.chain(False).face_for(ord(PARTY)) is None:
        pytest.skip("no installed font has emoji (fonts-symbola)")
    paths = {run.face.path for run in shape_line(EMOJI).runs if run.gids}
    assert len(paths) > 1  # the bundled font and at least one found on the system
    for path in paths:
        assert "glyf" in ttLib.TTFont(path, lazy=True)  # outlines, no colour bitmaps
    export_map(scripts_map({"emoji": EMOJI}), tmp_path / "e.pdf", ExportOptions())
    printed = {name.split("+", 1)[1] for name in _type0_fonts(tmp_path / "e.pdf")}
    assert printed == {_names(p)[0] for p in paths}
    shown = {run.rawFont().familyName() for run in glyph_runs(EMOJI, 13.0, False, None)}
    assert shown == {_names(p)[1] for p in paths}


def test_a_colour_bitmap_font_is_never_chosen(tmp_path, monkeypatch):
    real = fonts.chain(False).face_for(ord(PARTY))
    if real is None:
        pytest.skip("no installed font has emoji (fonts-symbola)")
    # A colour emoji font as fontconfig lists it: "TrueType", with the
    # characters, but bitmaps (CBDT) instead of outlines.
    bitmap = ttLib.TTFont(real.path)
    del bitmap["glyf"], bitmap["loca"]
    bitmap["CBDT"] = DefaultTable("CBDT")
    bitmap["CBDT"].data = b"\0\3\0\0"
    path = tmp_path / "ColorEmoji.ttf"
    bitmap.save(str(path))
    cand = fonts._Candidate(str(path), 0, "Noto Color Emoji", False, ((ord(PARTY), ord(PARTY)),))
    installed = fonts.system_fonts()
    monkeypatch.setattr(fonts, "system_fonts", lambda: (cand, *installed))
    chosen = fonts.FallbackChain(False).face_for(ord(PARTY))
    assert chosen is not None and chosen.path == real.path
