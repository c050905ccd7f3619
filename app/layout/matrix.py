"""The impact x effort matrix of the Priorities view, laid out once for the
dock (Qt) and the PDF page (reportlab) alike.

Effort runs left to right (1: very small ... 5: very large), impact bottom
to top (1 ... 5).  Each pain point and opportunity rated on both is a chip
in its cell (title cut to one line, its dots as a number); the quick-win
cells (impact >= 4, effort <= 2) are shaded; the cards not yet rated on
both wait in a tray below the axis, from where a drag rates them.

Qt-free: every value here is plain numbers and strings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.layout.boxes import Rect
from app.layout.style import DEFAULT_STYLE, Style
from app.layout.text import metrics
from app.model.priorities import QUICK_WIN_EFFORT, QUICK_WIN_IMPACT, RANKED_KINDS

LEVELS = (1, 2, 3, 4, 5)
QUICK_FILL = "#E3F4E8"
GRID = "#C9D1DB"
INK = "#1F2933"
MUTED = "#5F6B7A"
LABEL_SIZE = 9.0
CHIP_SIZE = 8.5


@dataclass(frozen=True, slots=True)
class Chip:
    """One card in the matrix: draw ``rect`` in ``fill``/``border``, ``text``
    at (``text_x``, ``baseline``)."""

    card_id: str
    rect: Rect
    text: str
    text_x: float
    baseline: float
    fill: str
    border: str


@dataclass(frozen=True, slots=True)
class Label:
    """A line of text at (``x``, ``baseline``)."""

    text: str
    x: float
    baseline: float
    size: float
    bold: bool = False
    color: str = MUTED


@dataclass(frozen=True, slots=True)
class Matrix:
    """The whole matrix in a ``width`` x ``height`` box (y grows down)."""

    width: float
    height: float
    cells: dict[tuple[int, int], Rect]  #: (impact, effort) -> its cell
    quick: tuple[Rect, ...]  #: the quick-win cells
    tray: Rect  #: where unrated cards wait
    chips: tuple[Chip, ...]
    labels: tuple[Label, ...]

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        """(impact, effort) of the cell under (x, y), or None."""
        for key, rect in self.cells.items():
            if rect.contains(x, y):
                return key
        return None

    def chip_at(self, x: float, y: float) -> Chip | None:
        """The chip under (x, y), or None."""
        return next((c for c in reversed(self.chips) if c.rect.contains(x, y)), None)


def matrix_layout(journey: Any, width: float, height: float,
                  style: Style = DEFAULT_STYLE, printed: bool = False) -> Matrix:
    """The matrix of ``journey``'s pain points and opportunities in ``width`` x ``height``
    (``printed``: for paper, where nothing can be dragged)."""
    tm = metrics()
    left, top, bottom_axis, tray_h = 26.0, 18.0, 30.0, 70.0
    grid_w = max(width - left - 6.0, 50.0)
    grid_h = max(height - top - bottom_axis - tray_h, 50.0)
    cw, ch = grid_w / 5, grid_h / 5
    cells = {(impact, effort): Rect(left + (effort - 1) * cw, top + (5 - impact) * ch, cw, ch)
             for impact in LEVELS for effort in LEVELS}
    quick = tuple(r for (i, e), r in cells.items()
                  if i >= QUICK_WIN_IMPACT and e <= QUICK_WIN_EFFORT)
    tray = Rect(left, top + grid_h + bottom_axis, grid_w, tray_h - 4.0)
    labels = _axis_labels(cells, left, top, grid_h, tray, tm, printed)
    groups: dict[Any, list[Any]] = {}
    for card in journey.cards:
        if card.kind not in RANKED_KINDS:
            continue
        rated = card.impact is not None and card.effort is not None
        groups.setdefault((card.impact, card.effort) if rated else None, []).append(card)
    chips: list[Chip] = []
    for key, cards in groups.items():
        box = tray if key is None else cells[key]
        chips += _chips(cards, box, style, tm, columns=4 if key is None else 1)
    return Matrix(width, height, cells, quick, tray, tuple(chips), tuple(labels))


def _axis_labels(cells, left, top, grid_h, tray, tm, printed: bool) -> list[Label]:
    size = LABEL_SIZE
    out = [Label(str(i), left - 10, cells[(i, 1)].cy + size / 3, size) for i in LEVELS]
    out += [Label(str(e), cells[(1, e)].cx - 2.5, top + grid_h + 12, size) for e in LEVELS]
    out.append(Label("Impact \u2191", 2, top - 6, size, True, INK))
    out.append(Label("Effort \u2192", left, top + grid_h + 25, size, True, INK))
    hint = "Quick wins: shaded (impact \u2265 4, effort \u2264 2)"
    out.append(Label(hint, tray.right - tm.width(hint, size), top + grid_h + 25, size))
    tray_caption = "Not rated" if printed else "Not rated (drag onto the grid)"
    out.append(Label(tray_caption, tray.x + 3, tray.y + size + 2, size))
    return out


def _chips(cards, box: Rect, style: Style, tm, columns: int) -> list[Chip]:
    """Chips for ``cards`` stacked in ``box`` (the tray: in ``columns`` columns)."""
    head = LABEL_SIZE + 5 if columns > 1 else 2.0  # the tray's own caption
    rows = max(1, -(-len(cards) // columns))
    step = min(16.0, (box.h - head - 2) / rows)
    cw = (box.w - 4) / columns
    out = []
    for n, card in enumerate(sorted(cards, key=lambda c: (-c.votes, c.id))):
        col, row = n % columns, n // columns
        rect = Rect(box.x + 2 + col * cw, box.y + head + row * step, cw - 2, max(step - 2, 3.0))
        fill, border = style.card_colors.get(card.kind, style.card_colors["action"])
        size = min(CHIP_SIZE, rect.h - 3)
        text = ""
        if size >= 5:
            dots = f" \u25cf{card.votes}" if card.votes else ""
            title = card.title or "(untitled)"
            line = tm.wrap(title, rect.w - 6 - tm.width(dots, size), size, max_lines=1)
            text = (line[0] if line else "") + dots
        out.append(Chip(card.id, rect, text, rect.x + 3, rect.y + rect.h / 2 + size / 3,
                        fill, border))
    return out
