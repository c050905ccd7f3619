"""Semantic zoom: card titles (and header names) stay legible when the map
is zoomed out.

Fitting a map to a 1280x720 projector shrinks the zoom to about a third, and
a title drawn at its layout size would be a few pixels high: unreadable, so
it used not to be drawn at all.  Below `LEGIBLE_PX` on screen, a card's
title is drawn instead at that size, word-wrapped into as many lines as the
card holds and shortened with an ellipsis, without the channel line; the
card keeps its place and size, so nothing moves as the zoom changes.  Cards
too small on screen to hold a word (`MIN_CARD_PX`) stay plain.

The wrapping is measured with Qt's metrics of the same font and cached per
title, card size and zoom step, so a repaint at a steady zoom measures
nothing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetricsF

from app.layout.text import FONT_FAMILY

#: Smallest title size on screen, in pixels, that reads from a few metres.
LEGIBLE_PX = 11.0
#: A card narrower than this on screen gets no title at all.
MIN_CARD_PX = 44.0
#: Zoom steps the cache tells apart (1 / 100 of the zoom).
_LOD_STEP = 100
_ELIDE_RIGHT = Qt.TextElideMode.ElideRight


@dataclass(frozen=True)
class LegibleTitle:
    """A title laid out for drawing at a legible size, in item units."""

    size: float
    lines: tuple[str, ...]
    baselines: tuple[float, ...]
    x: float


def needs_legible_title(title_size: float, lod: float) -> bool:
    """Whether a title of ``title_size`` units would be drawn too small at ``lod``."""
    return title_size * lod < LEGIBLE_PX


def legible_title(
    title: str, width: float, height: float, pad: float, lod: float, bold: bool = False
) -> LegibleTitle | None:
    """The title wrapped at `LEGIBLE_PX` on screen inside a card ``width`` x
    ``height`` (item units, ``pad`` inside each edge) drawn at ``lod``.

    Returns None when the card is too small on screen for any word.
    """
    if not title.strip() or width * lod < MIN_CARD_PX:
        return None
    # Rounded down: the cached size is never smaller than legible.
    step = max(1, math.floor(lod * _LOD_STEP))
    return _layout(title, round(width, 1), round(height, 1), round(pad, 1), step, bold)


@lru_cache(maxsize=20000)
def _layout(
    title: str, width: float, height: float, pad: float, step: int, bold: bool
) -> LegibleTitle | None:
    lod = step / _LOD_STEP
    size = LEGIBLE_PX / lod
    font = QFont(FONT_FAMILY)
    # As `app.canvas.painting.font` makes it (at 96 dpi), so that what is
    # measured here is what is drawn.
    font.setPointSizeF(size * 72.0 / 96.0)
    font.setKerning(False)
    font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    font.setBold(bold)
    fm = QFontMetricsF(font)
    # Padding shrinks with the card on screen: a few pixels, never more.
    inset = min(pad, 4.0 / lod)
    room_w = width - 2 * inset
    line_h = fm.height()
    fit = int((height - 2 * min(pad, 1.5 / lod)) // line_h)
    if room_w <= 0 or fit < 1:
        return None
    lines = _wrap(" ".join(title.split()), fm, room_w, fit)
    top = (height - len(lines) * line_h) / 2
    baselines = tuple(top + fm.ascent() + i * line_h for i in range(len(lines)))
    return LegibleTitle(size, tuple(lines), baselines, inset)


def _wrap(text: str, fm: QFontMetricsF, width: float, max_lines: int) -> list[str]:
    lines: list[str] = []
    words = text.split(" ")
    current = ""
    for i, word in enumerate(words):
        trial = f"{current} {word}" if current else word
        if fm.horizontalAdvance(trial) <= width:
            current = trial
            continue
        if current:
            lines.append(current)
        current = word
        if len(lines) == max_lines:
            rest = " ".join([lines.pop(), *words[i:]])
            lines.append(fm.elidedText(rest, _ELIDE_RIGHT, width))
            return lines
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        rest = " ".join(lines[max_lines - 1:])
        lines = [*lines[: max_lines - 1], fm.elidedText(rest, _ELIDE_RIGHT, width)]
    # A single word wider than the card is elided too.
    return [fm.elidedText(line, _ELIDE_RIGHT, width) for line in lines]

