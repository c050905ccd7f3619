"""Wrapping text in any script: UAX #14 line breaks, graphemes, shaped widths.

Break opportunities come from ICU (through ``icu4py``, which ships ICU in its
wheels, so nothing is compiled): the Unicode line breaking algorithm plus
ICU's dictionaries for scripts written without spaces (Thai, Lao, Khmer,
Burmese) and per-character breaks for CJK.  ``pyicu`` has no wheels (it
needs a compiler and the ICU headers) and ``uniseg`` implements UAX #14
without the dictionaries, so Thai would break mid-word.

Widths are those of the shaped lines (`app.layout.shaping`), so a line is
never wider than the space it was wrapped for in the fonts it is drawn in.
Cuts (a word wider than the line, the "…" of a truncated title) fall on
grapheme-cluster boundaries, never inside an accented letter or an emoji.
"""

from __future__ import annotations

from functools import lru_cache

from icu4py.breakers import CharacterBreaker, LineBreaker
from icu4py.locale import Locale

from app.layout.shaping import shape_line

ELLIPSIS = "\u2026"
_ROOT = Locale("en")


def _code_point_offsets(text: str, offsets: list[int]) -> list[int]:
    """ICU counts UTF-16 units; turn its offsets into indices of ``text``."""
    if all(ord(ch) < 0x10000 for ch in text):
        return offsets
    to_cp = {}
    unit = 0
    for i, ch in enumerate(text):
        to_cp[unit] = i
        unit += 2 if ord(ch) >= 0x10000 else 1
    to_cp[unit] = len(text)
    return [to_cp[o] for o in offsets if o in to_cp]


def _pieces(text: str, breaker: type) -> tuple[str, ...]:
    """``text`` cut at the boundaries an ICU break iterator class finds."""
    ends = _code_point_offsets(text, [e for _, e in breaker(text, _ROOT).segments()])
    pieces, start = [], 0
    for end in ends:
        if end > start:
            pieces.append(text[start:end])
            start = end
    if start < len(text):
        pieces.append(text[start:])
    return tuple(pieces)


@lru_cache(maxsize=16384)
def line_segments(text: str) -> tuple[str, ...]:
    """``text`` cut at its line break opportunities (each piece keeps its spaces)."""
    return _pieces(text, LineBreaker)


@lru_cache(maxsize=16384)
def graphemes(text: str) -> tuple[str, ...]:
    """``text`` cut into user-perceived characters (extended grapheme clusters)."""
    return _pieces(text, CharacterBreaker)


@lru_cache(maxsize=64)
def _spaces(blank: str, bold: bool) -> float:
    return width(blank, bold) if blank else 0.0


def width(text: str, bold: bool, rtl: bool | None = None) -> float:
    """Width of one line in 1/1000 em, as it will be drawn: unshaped when the
    fast path draws it (a piece of Latin cut from a longer line), else shaped."""
    if not text:
        return 0.0
    from app.layout.text import metrics  # (text imports this module)

    tm = metrics()
    if tm.is_simple(text, bold):
        return tm.width(text, 1000.0, bold)
    return shape_line(text, bold, rtl).width


def wrap_paragraph(text: str, limit: float, bold: bool, rtl: bool) -> list[str]:
    """Greedy fill of one paragraph into lines no wider than ``limit`` (1/1000 em).

    Pieces are measured one by one (shaping caches them: words repeat) and
    summed; a line is shaped whole only when the sum comes close to the
    limit, since joining pieces can change their shapes (Arabic joins,
    kerning across the break)."""
    lines: list[str] = []
    current, used = "", 0.0
    for seg in line_segments(text):
        bare = seg.rstrip()
        w_bare = width(bare, bold, rtl)
        # The trailing spaces in the bundled font: one shaping per piece, not two.
        w_full = w_bare + _spaces(seg[len(bare):], bold)
        if current:
            trial = current + bare
            guess = used + w_bare
            if guess <= limit * 0.9 or (guess <= limit * 1.1 and width(trial, bold, rtl) <= limit):
                current, used = current + seg, used + w_full
                continue
            lines.append(current.rstrip())
            current, used = "", 0.0
        if w_bare <= limit:
            current, used = seg, w_full
            continue
        pieces = _split_graphemes(seg, limit, bold, rtl)
        lines.extend(pieces[:-1])
        current = pieces[-1]
        used = width(current, bold, rtl)
    lines.append(current.rstrip() if current.strip() else "")
    return lines


def _split_graphemes(word: str, limit: float, bold: bool, rtl: bool) -> list[str]:
    """Cut a too-long piece between grapheme clusters; each piece holds >= 1."""
    pieces: list[str] = []
    current = ""
    for g in graphemes(word):
        if current and width((current + g).rstrip(), bold, rtl) > limit:
            pieces.append(current)
            current = g
        else:
            current += g
    pieces.append(current)
    return pieces


def with_ellipsis(line: str, limit: float, bold: bool, rtl: bool) -> str:
    """``line`` shortened at a grapheme boundary until it fits with "…" (which always shows)."""
    clusters = list(graphemes(line))
    while clusters:
        candidate = "".join(clusters).rstrip() + ELLIPSIS
        if width(candidate, bold, rtl) <= limit:
            return candidate
        clusters.pop()
    return ELLIPSIS
