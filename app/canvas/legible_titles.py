"""Semantic zoom: card titles (and header names) stay legible when the map
is zoomed out.

Fitting a map to a 1280x720 projector shrinks the zoom to about a third, and
a title drawn at its layout size would be a few pixels high: unreadable, so
it used not to be drawn at all.  Below `LEGIBLE_PX` on screen, a card's
title is drawn instead at that size, word-wrapped into as many lines as the
card holds and shortened with an ellipsis, without the channel line; the
card keeps its place and size, so nothing moves as the zoom changes.  Cards
too small on screen to hold a word (`MIN_CARD_PX`) stay plain.

The wrapping is measured with the layout's metrics of the bundled font (the
ones every title is laid out with; making Qt font metrics in the middle of a
paint crashed Qt) and cached per title, card size and zoom step, so a
repaint at a steady zoom measures nothing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from app.layout.text import metrics

#: Smallest title size on screen, in pixels, that reads from a few metres.
LEGIBLE_PX = 11.0
#: A card narrower than this on screen gets no title at all.
MIN_CARD_PX = 44.0
#: Zoom steps the cache tells apart (1 / 100 of the zoom).
_LOD_STEP = 100


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
    # Measured with the layout's metrics of the bundled font (what the
    # layout measures every title with): no Qt font object is made while a
    # paint is under way.
    tm = metrics()
    # Padding shrinks with the card on screen: a few pixels, never more.
    inset = min(pad, 4.0 / lod)
    room_w = width - 2 * inset
    line_h = tm.line_height(size)
    fit = int((height - 2 * min(pad, 1.5 / lod)) // line_h)
    if room_w <= 0 or fit < 1:
        return None
    lines = [line for line in tm.wrap(" ".join(title.split()), room_w, size, bold, fit) if line]
    if not lines:
        return None
    ascent = tm.ascent(size)
    top = (height - len(lines) * line_h) / 2 + (line_h - ascent - tm.descent(size)) / 2
    baselines = tuple(top + ascent + i * line_h for i in range(len(lines)))
    return LegibleTitle(size, tuple(lines), baselines, inset)
