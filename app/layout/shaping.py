"""Shaped lines of text: fonts per run, bidi order, HarfBuzz glyphs (no Qt).

`shape_line` turns one line of text into glyph runs in visual order, each
drawn with one face of the fallback chain (`app.layout.fonts`), with glyph
ids, positions and, per glyph, the text it stands for (so that the PDF's
ToUnicode map gives back the title in logical order).  The layout measures
these runs and both renderers draw them glyph for glyph, so wraps, widths
and what is drawn agree on screen and on paper.

Units are 1/1000 em, as in `app.layout.text`.  Results are cached: titles
repeat across layouts and the canvas and PDF ask for the same lines.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from app.layout.fonts import Face, chain

#: Characters that carry right-to-left or explicit bidi behaviour.
_RTL_CLASSES = frozenset({"R", "AL", "AN", "RLE", "RLO", "RLI", "LRE", "LRO", "LRI",
                          "PDF", "PDI", "FSI"})
#: Bidi classes that can raise a level in a right-to-left paragraph.
_LTR_OR_NUMBER = frozenset({"L", "EN", "AN", "LRE", "LRO", "RLE", "RLO", "PDF", "LRI", "RLI",
                            "FSI", "PDI"})
_LEVEL = re.compile(r"Level\(\s*(\d+),?\s*\)")


@dataclass(frozen=True, slots=True)
class GlyphRun:
    """Glyphs of one face and one direction, positioned from the line's start."""

    face: Face
    gids: tuple[int, ...]
    #: Pen position of each glyph (x offset included) and its y offset (up), 1/1000 em.
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    #: The text each glyph stands for: a cluster's text on one of its glyphs, "" on the rest.
    texts: tuple[str, ...]
    rtl: bool
    width: float
    #: Index in the line's text of the run's first character (runs are in visual order).
    start: int = 0
    #: Each glyph's shaped advance (1/1000 em), which the PDF gives as its width.
    advances: tuple[float, ...] = ()


@dataclass(frozen=True, slots=True)
class ShapedLine:
    """A line in visual order: its runs, width (1/1000 em) and base direction."""

    text: str
    runs: tuple[GlyphRun, ...]
    width: float
    rtl: bool
    #: Characters no installed font has (drawn as the bundled font's empty box).
    missing: frozenset[str]


def needs_bidi(text: str) -> bool:
    """Whether ``text`` holds any right-to-left or explicit bidi character."""
    bidi = unicodedata.bidirectional
    return any(bidi(ch) in _RTL_CLASSES for ch in text if ord(ch) >= 0x590)


@lru_cache(maxsize=65536)
def base_rtl(text: str) -> bool:
    """Whether the paragraph ``text`` reads right to left (its first strong character)."""
    if not needs_bidi(text):
        return False
    # Imported when first needed, as HarfBuzz (`app.layout.fonts.Face`).
    from bidi import get_base_level

    return get_base_level(text) == 1


def _levels(text: str, rtl: bool) -> list[int]:
    """The bidi embedding level of each character (rules X1-I2 of UAX #9)."""
    if not needs_bidi(text):
        return [1 if rtl else 0] * len(text) if rtl else [0] * len(text)
    if rtl and _LTR_OR_NUMBER.isdisjoint(map(unicodedata.bidirectional, text)):
        return [1] * len(text)  # right to left throughout: every character at level 1
    from bidi import get_display

    debug = get_display(text, base_dir="R" if rtl else "L", debug=True)
    section = debug[debug.find("levels:"):debug.find("paragraphs:")]
    per_byte = [int(m) for m in _LEVEL.findall(section)]
    levels = []
    i = 0
    for ch in text:
        levels.append(per_byte[i] if i < len(per_byte) else (1 if rtl else 0))
        i += len(ch.encode("utf-8"))
    # L1: trailing whitespace takes the paragraph level.
    base = 1 if rtl else 0
    j = len(text)
    while j > 0 and text[j - 1].isspace():
        j -= 1
        levels[j] = base
    return levels


def _attaches(ch: str) -> bool:
    """Marks, joiners and variation selectors stay in the run of the character before them."""
    cp = ord(ch)
    return unicodedata.category(ch) in ("Mn", "Me", "Mc", "Cf") or 0xFE00 <= cp <= 0xFE0F or (
        0xE0020 <= cp <= 0xE007F)


def _one_face(text: str, bold: bool) -> Face | None:
    """The one face that draws all of ``text``: the bundled font if it has
    every character, else a fallback font that has them all when the bundled
    font has none of them but spaces (the bundled font comes first: a Latin
    word beside an emoji stays in it, and goes the long way)."""
    fb = chain(bold)
    cps = frozenset(map(ord, text))
    primary = fb.primary.unicodes
    if cps <= primary:
        return fb.primary
    if any(cp in primary and not chr(cp).isspace() for cp in cps):
        return None
    f = fb.face_for_all(frozenset(cp for cp in cps if not chr(cp).isspace()))
    return f if f is not None and cps <= f.unicodes else None


def _group_faces(text: str, bold: bool) -> dict[int, Face]:
    """Faces for the characters the bundled font lacks, one per stretch of them.

    A stretch (such characters with the spaces and marks between them) gets
    the best font that has all of it, so a word is never drawn in two fonts
    because one of them lacks a few of its letters."""
    fb = chain(bold)
    primary = fb.primary.unicodes
    out: dict[int, Face] = {}
    i, n = 0, len(text)
    while i < n:
        if ord(text[i]) in primary or text[i].isspace() or _attaches(text[i]):
            i += 1
            continue
        j = i
        while j < n and (ord(text[j]) not in primary or text[j].isspace() or _attaches(text[j])):
            j += 1
        cps = frozenset(ord(c) for c in text[i:j] if not c.isspace() and not _attaches(c))
        f = fb.face_for_all(cps) if len(cps) > 1 else None
        if f is not None:
            for k in range(i, j):
                out[k] = f
        i = j
    return out


def _itemise(text: str, levels: list[int], bold: bool):
    """Split into maximal runs of one face and one level: (start, end, face, level)."""
    fb = chain(bold)
    single = _one_face(text, bold)
    if single is not None:  # the common case: one font has the whole line
        runs: list[list] = []
        for i, level in enumerate(levels):
            if runs and runs[-1][3] == level:
                runs[-1][1] = i + 1
            else:
                runs.append([i, i + 1, single, level])
        return runs, set()
    grouped = _group_faces(text, bold)
    runs: list[list] = []
    missing = set()
    for i, ch in enumerate(text):
        cp = ord(ch)
        prev = runs[-1] if runs else None
        if prev is not None and prev[3] == levels[i] and (
                (_attaches(ch) and (cp in prev[2].unicodes or unicodedata.category(ch) == "Cf"
                                    or 0xFE00 <= cp <= 0xFE0F))
                or (ch.isspace() and cp in prev[2].unicodes)):
            prev[1] = i + 1
            continue
        f = grouped.get(i) or fb.face_for(cp)
        if f is None:
            missing.add(ch)
            f = prev[2] if prev is not None else fb.primary
        if prev is not None and prev[2] is f and prev[3] == levels[i]:
            prev[1] = i + 1
        else:
            runs.append([i, i + 1, f, levels[i]])
    return runs, missing


def _visual_order(levels: list[int]) -> list[int]:
    """Indices of ``levels`` in display order (rule L2 of UAX #9)."""
    order = list(range(len(levels)))
    if not levels:
        return order
    top = max(levels)
    low = min(lv for lv in levels if lv % 2) if any(lv % 2 for lv in levels) else top + 1
    for level in range(top, low - 1, -1):
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = order[i:j][::-1]
                i = j
            else:
                i += 1
    return order


def _shape_run(text: str, start: int, end: int, f: Face, rtl: bool, x0: float) -> GlyphRun:
    import uharfbuzz as hb  # loaded with the face already (`Face`)

    buf = hb.Buffer()
    buf.add_str(text[start:end])
    buf.guess_segment_properties()
    buf.direction = "rtl" if rtl else "ltr"
    hb.shape(f.hb_font, buf, {})
    infos, positions = buf.glyph_infos, buf.glyph_positions
    scale = 1000.0 / f.upem
    gids, xs, ys, advs = [], [], [], []
    pen = x0
    for info, pos in zip(infos, positions, strict=True):
        gids.append(info.codepoint)
        xs.append(pen + pos.x_offset * scale)
        ys.append(pos.y_offset * scale)
        advs.append(pos.x_advance * scale)
        pen += pos.x_advance * scale
    texts = _glyph_texts(text[start:end], [info.cluster for info in infos], rtl)
    return GlyphRun(f, tuple(gids), tuple(xs), tuple(ys), tuple(texts), rtl, pen - x0, start,
                    tuple(advs))


def _glyph_texts(text: str, clusters: list[int], rtl: bool) -> list[str]:
    """The text each glyph stands for, so that reading the glyphs in order
    (right to left in an RTL run) gives ``text`` back.

    A cluster's characters are dealt out over its glyphs in reading order,
    one each, the first glyph taking any surplus (a conjunct, a ligature);
    glyphs beyond the characters (rare decompositions) stand for nothing."""
    if len(clusters) == len(text) and len(set(clusters)) == len(text):
        return [text[c] for c in clusters]  # one glyph per character (CJK, most text)
    bounds = sorted(set(clusters) | {len(text)})
    nxt = {c: bounds[k + 1] for k, c in enumerate(bounds[:-1])}
    members: dict[int, list[int]] = {}
    for i, c in enumerate(clusters):
        members.setdefault(c, []).append(i)
    texts = [""] * len(clusters)
    for c, idx in members.items():
        chars = text[c:nxt[c]]
        order = idx[::-1] if rtl else idx
        surplus = max(len(chars) - len(order), 0)
        texts[order[0]] = chars[:surplus + 1]
        for k, gi in enumerate(order[1:], start=1):
            texts[gi] = chars[surplus + k:surplus + k + 1]
    return texts


@lru_cache(maxsize=65536)
def shape_line(text: str, bold: bool = False, rtl: bool | None = None) -> ShapedLine:
    """Shape one line (no newline) in visual order.

    ``rtl``: the paragraph's base direction; None takes it from the line.
    """
    if rtl is None:
        rtl = base_rtl(text)
    levels = _levels(text, rtl)
    items, missing = _itemise(text, levels, bold)
    order = _visual_order([it[3] for it in items])
    runs = []
    x = 0.0
    for k in order:
        start, end, f, level = items[k]
        run = _shape_run(text, start, end, f, level % 2 == 1, x)
        runs.append(run)
        x += run.width
    return ShapedLine(text, tuple(runs), x, rtl, frozenset(missing))
