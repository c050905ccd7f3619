"""Second cues: what colour says on a card or a flow, said again without colour.

A black-and-white print, a grey-scale export (``--grayscale``) or a reader who
does not tell red from green still reads every meaning:

* card kind: a letter in the card's bottom-right corner (`KIND_MARKS`);
* evidence: the border (dashed: assumption; plain: anecdote; thick with
  three bars: data), see `app.layout.style.card_border`;
* emotion: the face's mouth, and the curve's height in an emotion lane;
* flow kind: the line's pattern (`flow_dash`): solid, dashed, dash-dot;
* owner department: its short code (`department_codes`: "DB" for Digital
  banking) beside the kind letter, and in the legends beside the colour.

Both renderers (canvas and PDF) ask this module where a mark goes, so they
agree.  Plain Python, no Qt.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

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


def department_codes(departments: Iterable[Any]) -> dict[str, str]:
    """Department id -> a short code unique in the map, from its name.

    The initials of the first two words ("Digital banking" -> "DB"), or the
    first two letters of a one-word name ("Marketing" -> "MA"); a code taken
    already gets a number ("CC", "CC2").
    """
    codes: dict[str, str] = {}
    taken: set[str] = set()
    for department in departments:
        words = re.findall(r"[^\W_]+", department.name or department.id)
        if len(words) >= 2:
            code = (words[0][0] + words[1][0]).upper()
        else:
            code = (words[0][:2] if words else "?").upper()
        unique, n = code, 2
        while unique in taken:
            unique, n = f"{code}{n}", n + 1
        taken.add(unique)
        codes[department.id] = unique
    return codes


def corner_marks(box: CardBox) -> list[tuple[str, float, float, bool]]:
    """``(text, x, baseline, bold)`` of the marks in the card's bottom-right corner,
    right-aligned: the owner's code, then the kind letter (bold)."""
    tm = metrics()
    r = box.rect
    x, baseline = r.right - _MARK_INSET_X, r.bottom - _MARK_INSET_Y
    marks = []
    letter = KIND_MARKS.get(box.kind)
    if letter:
        x -= tm.width(letter, MARK_SIZE, bold=True)
        marks.append((letter, x, baseline, True))
        x -= 4.0  # a word space: the code and the letter read (and copy) as two words
    if box.owner_code:
        x -= tm.width(box.owner_code, MARK_SIZE)
        marks.append((box.owner_code, x, baseline, False))
    return marks[::-1]  # in reading order, so that a PDF's text reads "DB T"


def data_badge_bars(box: CardBox) -> list[tuple[float, float, float, float]]:
    """The rectangles ``(x, y, w, h)`` of the 'backed by data' bars, left of the marks."""
    marks = corner_marks(box)
    right = min(x for _t, x, _b, _w in marks) - 3.0 if marks else box.rect.right - 6.0
    x0, bottom = right - BADGE_WIDTH, box.rect.bottom - 6.0
    return [(x0 + dx, bottom - h, 2.6, h) for dx, h in BADGE_BARS]


def flow_dash(style: Style, kind: str) -> tuple[float, ...]:
    """The dash pattern of a flow of ``kind``: () solid, dashed, or dash-dot for failure."""
    if kind == "alternative":
        return style.flow_dash
    if kind == "failure":
        return style.failure_dash
    return ()
