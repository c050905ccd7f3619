"""One card's box: its text wrapped and measured (relative to its top-left
corner, so that a card that only moves is never measured again), then
placed at an absolute position.

A card's box is a pure function of its `CardSignature` (position, measured
text, owner colour, faded, cell and index, and the value of every field the
card's look depends on): a recompute that finds the same signature reuses
the same `CardBox` object.  A new drawn field of `app.model.fields` is one
more attribute here, read by `card_box`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

from app.layout.boxes import CardBox, Rect
from app.layout.clamp import MAX_LINE_CHARS, drawn_text
from app.layout.dots import vote_dots
from app.layout.shaping import base_rtl
from app.layout.style import Style, card_border, card_colors, emotion_color
from app.layout.text import TextMetrics, metrics
from app.model.waits import wait_label

#: Between a card's wait and its channel on the meta line.
META_SEPARATOR = "  \u00b7  "


def meta_text(card: Any) -> str:
    """A card's meta line before wrapping: its wait ("◷ 2 d", first: never cut), its channel."""
    wait = wait_label(card.wait)
    if wait and card.channel:
        return wait + META_SEPARATOR + card.channel
    return wait or card.channel


class Measured(NamedTuple):
    """A card's text laid out relative to its top-left corner.

    A named tuple rather than a frozen dataclass: one is made per card on
    every open, and a tuple is made three times faster.
    """

    lines: tuple[str, ...]
    height: float
    baselines: tuple[float, ...]
    meta: str
    meta_baseline: float | None
    #: Right-to-left title: each line's x offset from the text's left edge (flush right).
    offsets: tuple[float, ...] = ()
    rtl: bool = False
    #: The card's notes, wrapped, under the title (``Style.card_notes``), and their baselines.
    notes: tuple[str, ...] = ()
    notes_baselines: tuple[float, ...] = ()


def measure(title: str, channel: str, mark: bool, s: Style, tm: TextMetrics,
            notes: str = "") -> Measured:
    """Wrap and measure a card's title, notes (when the style prints them) and
    meta line (``mark``: room for the emotion mark)."""
    title, channel = drawn_text(title), drawn_text(channel, MAX_LINE_CHARS)
    full = s.card_width - s.stripe_width - 2 * s.card_pad_x
    width = full - (s.emotion_mark_size + 4) if mark else full
    size = s.card_title_size
    wrapped, simple = tm.wrap_simple(title, width, size, max_lines=s.card_title_max_lines)
    lines = tuple(wrapped)
    # Only text off the fast path can read right to left.
    rtl = not simple and base_rtl(title)
    offsets = tuple([tm.line_offset(line, width, size, True) for line in lines]) if rtl else ()
    asc, desc, lh = tm.vertical(size)
    top = s.card_pad_top + asc
    baselines = tuple([top + i * lh for i in range(len(lines))])
    height = top + desc + (len(lines) - 1) * lh + s.card_pad_bottom
    note_lines: tuple[str, ...] = ()
    note_baselines: tuple[float, ...] = ()
    if notes and s.card_notes:
        note_lines, note_baselines, grown = _notes(drawn_text(notes), height - s.card_pad_bottom,
                                                   s, tm)
        height += grown
    if not channel:
        return Measured(lines, max(height, s.card_min_height), baselines, "", None, offsets,
                        rtl, note_lines, note_baselines)
    meta_size = s.card_meta_size
    m_asc, m_desc, _ = tm.vertical(meta_size)
    height = max(height + (s.card_meta_gap + m_asc + m_desc), s.card_min_height)
    return Measured(lines, height, baselines, _meta_line(channel, full, meta_size, tm),
                    height - s.card_pad_bottom - m_desc, offsets, rtl, note_lines,
                    note_baselines)


def _notes(notes: str, top: float, s: Style, tm: TextMetrics
           ) -> tuple[tuple[str, ...], tuple[float, ...], float]:
    """The notes' lines and baselines below ``top``, and the height they add."""
    notes = notes.strip()
    if not (s.card_notes and notes):
        return (), (), 0.0
    size = s.card_meta_size
    width = s.card_width - s.stripe_width - 2 * s.card_pad_x
    lines = tuple(tm.wrap(notes, width, size, max_lines=s.card_notes_max_lines))
    lh, asc = tm.line_height(size), tm.ascent(size)
    first = top + s.card_meta_gap + asc
    baselines = tuple(first + i * lh for i in range(len(lines)))
    return lines, baselines, s.card_meta_gap + asc + tm.descent(size) + (len(lines) - 1) * lh


@lru_cache(maxsize=1024)
def _meta_line(channel: str, width: float, size: float, tm: TextMetrics) -> str:
    """A card's channel cut to one line (channels repeat: measured once each)."""
    return tm.wrap(channel, width, size, max_lines=1)[0]


def is_faded(card: Any, persona: str | None) -> bool:
    """Whether a card belongs to other personas only (cards with none are for everyone)."""
    return persona is not None and bool(card.personas) and persona not in card.personas


@dataclass(frozen=True, slots=True)
class CardSignature:
    """Everything a card's box depends on: equal signatures give equal boxes.

    The placement (``x``, ``y``: top-left corner; ``stage``, ``lane``,
    ``index``: cell and place in it), the text as measured, the owner's
    colour (None: no owner), whether the card is faded (another persona's),
    and the drawn fields of the card (`app.model.fields.TABLE.drawn`).
    """

    x: float
    y: float
    measured: Measured
    stripe_color: tuple[str, str] | None  # the owner's (colour, short code)
    faded: bool
    stage: str
    lane: str
    index: int
    kind: str
    emotion: int | None
    evidence: str | None
    votes: int = 0  # dot votes (app/layout/dots.py)
    fail_point: bool = False


def signature(card: Any, x: float, y: float, measured: Measured,
              stripe_color: tuple[str, str] | None,
              faded: bool, cell: tuple[str, str], index: int) -> CardSignature:
    """The signature of ``card`` placed at (x, y), ``index`` in ``cell``."""
    return CardSignature(x, y, measured, stripe_color, faded, cell[0], cell[1], index,
                         card.kind, card.emotion, card.evidence, card.votes, card.fail_point)


def card_box(card: Any, s: Style, sig: CardSignature) -> CardBox:
    """The box of ``card`` for its signature."""
    x, y, m, emotion = sig.x, sig.y, sig.measured, sig.emotion
    stripe_color, owner_code = sig.stripe_color or (None, "")
    rect = Rect(x, y, s.card_width, m.height)
    fill, border = card_colors(s, card)
    border_width, dashed = card_border(s, sig.evidence)
    stripe = Rect(x, y, s.stripe_width, m.height) if stripe_color else None
    text_x = x + s.stripe_width + s.card_pad_x
    mark = None
    if emotion is not None:
        size = s.emotion_mark_size
        mark = Rect(x + s.card_width - s.card_pad_x * 0.6 - size, y + s.card_pad_top * 0.6,
                    size, size)
    return CardBox(
        id=card.id, rect=rect, title_lines=m.lines, title_size=s.card_title_size,
        title_baselines=tuple([y + b for b in m.baselines]),
        text_x=text_x, meta=m.meta,
        meta_baseline=None if m.meta_baseline is None else y + m.meta_baseline,
        meta_size=s.card_meta_size, stripe=stripe, stripe_color=stripe_color,
        fill=fill, border=border, border_dashed=dashed, border_width=border_width,
        emotion=emotion, emotion_mark=mark,
        emotion_color=None if emotion is None else emotion_color(s, emotion),
        evidence=sig.evidence, kind=sig.kind, faded=sig.faded, stage=sig.stage, lane=sig.lane,
        index=sig.index,
        title_xs=tuple([text_x + dx for dx in m.offsets]), title_rtl=m.rtl,
        notes_lines=m.notes, notes_baselines=tuple([y + b for b in m.notes_baselines]),
        owner_code=owner_code,
        dots=vote_dots(sig.votes, x + s.stripe_width + s.card_pad_x, y + m.height, s),
        fail_mark=_fail_mark(x, y, s) if sig.fail_point else None,
    )


FAIL_LETTER = "F"


def fail_letter(mark: Rect) -> tuple[float, float, float]:
    """(x, baseline, size) of the bold "F" centred in a fail point badge."""
    tm = metrics()
    size = mark.h * 0.68
    x = mark.cx - tm.width(FAIL_LETTER, size, True) / 2
    # Cap height of DejaVu Sans is 0.73 em: centre the capital, not the line.
    return x, mark.cy + size * 0.73 / 2, size


def _fail_mark(x: float, y: float, s: Style) -> Rect:
    # Centred on the top-left corner, like a badge: it takes no room from the text.
    size = s.fail_mark_size
    return Rect(x - size * 0.35, y - size * 0.35, size, size)
