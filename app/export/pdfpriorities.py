"""The Priorities page of a PDF exported with ``--insights``: the impact x
effort matrix of `app.layout.matrix` (the same layout the Priorities dock
draws), the ranked list and the quick wins.

Never imports Qt.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfgen.canvas import Canvas

from app.export.paper import MM, paper_size
from app.layout.matrix import GRID, INK, QUICK_FILL, matrix_layout
from app.layout.text import metrics, register_pdf_fonts
from app.model.priorities import RANKED_KINDS, priorities


def _rgb(hex_color: str) -> tuple[float, float, float]:
    h = hex_color.lstrip("#")
    return tuple(int(h[i:i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]


def priorities_page(canv: Canvas, journey: Any, page: str | None) -> bool:
    """Draw the Priorities page (default A4); False (no page) when the map
    has no pain point or opportunity."""
    if not any(c.kind in RANKED_KINDS for c in journey.cards):
        return False
    fonts = register_pdf_fonts()
    w, h = paper_size(page or "A4")
    m = 20 * MM
    canv.setPageSize((w, h))
    canv.setFillColorRGB(*_rgb(INK))
    canv.setFont(fonts["bold"], 16)
    canv.drawString(m, h - m - 16, "Priorities")
    side = min(w - 2 * m, (h - 2 * m) * 0.55)
    top = h - m - 30  # the matrix's top edge, in PDF coordinates (y grows up)
    matrix = matrix_layout(journey, w - 2 * m, side, printed=True)

    def y(v: float) -> float:
        return top - v

    for r in matrix.quick:
        canv.setFillColorRGB(*_rgb(QUICK_FILL))
        canv.rect(m + r.x, y(r.bottom), r.w, r.h, stroke=0, fill=1)
    canv.setStrokeColorRGB(*_rgb(GRID))
    canv.setLineWidth(0.8)
    for r in matrix.cells.values():
        canv.rect(m + r.x, y(r.bottom), r.w, r.h, stroke=1, fill=0)
    canv.setDash(3, 2)
    t = matrix.tray
    canv.rect(m + t.x, y(t.bottom), t.w, t.h, stroke=1, fill=0)
    canv.setDash()
    for label in matrix.labels:
        canv.setFillColorRGB(*_rgb(label.color))
        canv.setFont(fonts["bold" if label.bold else "regular"], label.size)
        canv.drawString(m + label.x, y(label.baseline), label.text)
    for chip in matrix.chips:
        r = chip.rect
        canv.setFillColorRGB(*_rgb(chip.fill))
        canv.setStrokeColorRGB(*_rgb(chip.border))
        canv.roundRect(m + r.x, y(r.bottom), r.w, r.h, 2.5, stroke=1, fill=1)
        if chip.text:
            canv.setFillColorRGB(*_rgb(INK))
            canv.setFont(fonts["regular"], min(8.5, r.h - 3))
            canv.drawString(m + chip.text_x, y(chip.baseline), chip.text)
    _lists(canv, journey, fonts, m, y(side) - 24, w - 2 * m)
    canv.showPage()
    return True


def _lists(canv: Canvas, journey: Any, fonts: dict[str, str], x: float, top: float,
           width: float) -> None:
    """The ranked list and the quick wins, as far as the page goes."""
    result = priorities(journey)
    cards = {c.id: c for c in journey.cards}
    tm = metrics()
    yy = top
    for heading, ids in (("Ranked", result["ranked"]), ("Quick wins", result["quick_wins"])):
        if yy < 30 * MM:
            break
        canv.setFillColorRGB(*_rgb(INK))
        canv.setFont(fonts["bold"], 11)
        canv.drawString(x, yy, f"{heading}: {len(ids)}")
        yy -= 15
        canv.setFont(fonts["regular"], 9)
        for n, cid in enumerate(ids, start=1):
            if yy < 20 * MM:
                canv.drawString(x, yy, "\u2026")
                yy -= 13
                break
            c = cards[cid]
            rated = ", ".join(f"{k} {v}" for k, v in (("impact", c.impact),
                                                       ("effort", c.effort)) if v is not None)
            tail = f" \u2014 {c.votes} dot{'' if c.votes == 1 else 's'}" + (
                f", {rated}" if rated else "")
            title = tm.wrap(c.title or "(untitled)", width - tm.width(tail, 9) - 20, 9,
                            max_lines=1)
            canv.drawString(x, yy, f"{n}. {title[0] if title else ''}{tail}")
            yy -= 13
        yy -= 10
