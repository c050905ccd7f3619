"""Second cues: what colour says on a card or a flow, said again without colour.

A black-and-white print, a grey-scale export (``--grayscale``) or a reader who
does not tell red from green still reads every meaning:

* card kind: a letter in the card's bottom-right corner (`KIND_MARKS`);
* evidence: the border (dashed: assumption; plain: anecdote; thick with
  three bars: data), see `app.layout.style.card_border`;
* emotion: the face's mouth, and the curve's height in an emotion lane;
* flow kind: the line's pattern (`flow_dash`): solid, dashed, dash-dot;
* department: the owner's name on the card's meta line is left to the legend
  and the inspector; the stripe's colour is only a reminder (see README).

Both renderers (canvas and PDF) ask this module where a mark goes, so they
agree.  Plain Python, no Qt.
"""

from __future__ import annotations

from app.layout.boxes import CardBox
from app.layout.style import Style
from app.layout.text import metrics

#: Card kind -> the letter or sign that names it without its colour.
KIND_MARKS = {
    "touchpoint": "T",
    "action": "A",
    "thought": "?",
    "pain": "!",
    "opportunity": "+",
    "partner": "P",
    "note": "N",
    "evidence": "E",
}
#: Size of the kind letter (layout units), drawn bold.
MARK_SIZE = 8.5
#: Distance of the letter from the card's right and bottom edges.
_MARK_INSET_X, _MARK_INSET_Y = 6.0, 4.5
#: The data badge: three bars, 4 units apart, 2.6 wide, left of the letter.
BADGE_BARS = ((0.0, 4.0), (4.0, 7.0), (8.0, 10.0))
BADGE_WIDTH = 10.6


def kind_mark(box: CardBox) -> tuple[str, float, float] | None:
    """``(letter, x, baseline)`` of the card's kind letter, or None for an unknown kind."""
    letter = KIND_MARKS.get(box.kind)
    if letter is None:
        return None
    r = box.rect
    width = metrics().width(letter, MARK_SIZE, bold=True)
    return letter, r.right - _MARK_INSET_X - width, r.bottom - _MARK_INSET_Y


def data_badge_bars(box: CardBox) -> list[tuple[float, float, float, float]]:
    """The rectangles ``(x, y, w, h)`` of the 'backed by data' bars, left of the letter."""
    mark = kind_mark(box)
    right = (mark[1] - 3.0) if mark else box.rect.right - _MARK_INSET_X
    x0, bottom = right - BADGE_WIDTH, box.rect.bottom - 6.0
    return [(x0 + dx, bottom - h, 2.6, h) for dx, h in BADGE_BARS]


def flow_dash(style: Style, kind: str) -> tuple[float, ...]:
    """The dash pattern of a flow of ``kind``: () solid, dashed, or dash-dot for failure."""
    if kind == "alternative":
        return style.flow_dash
    if kind == "failure":
        return style.failure_dash
    return ()
