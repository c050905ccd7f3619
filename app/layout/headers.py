"""The header row of stages, the header column of lanes and the corner box.

Stage headers are slate bands with white bold names (alternating two close
shades so that neighbouring columns read apart); lane headers are pale with
their kind's accent bar on the left edge and the name near the top of the
row, where the eye starts reading; the corner holds the map's title.
"""

from __future__ import annotations

from typing import Any

from app.layout.boxes import HeaderBox, Rect
from app.layout.clamp import drawn_text
from app.layout.style import Style, lane_accent, lane_tint
from app.layout.text import TextMetrics
from app.model.waits import wait_label

Wrapped = list[tuple[str, tuple[str, ...]]]


def wrap_stage_names(stages: list[Any], s: Style, tm: TextMetrics,
                     col_w: float) -> tuple[Wrapped, float]:
    """Each stage's name wrapped to its column, and the header row's height."""
    width = col_w - 2 * s.header_pad_x
    wrapped = [
        (st.id, tuple(tm.wrap(drawn_text(st.name), width, s.stage_header_size, bold=True,
                              max_lines=s.stage_header_max_lines)))
        for st in stages
    ]
    most = max((len(lines) for _, lines in wrapped), default=1)
    need = 2 * s.header_pad_y + most * tm.line_height(s.stage_header_size)
    return wrapped, max(s.header_min_height, need)


def stage_headers(wrapped: Wrapped, s: Style, tm: TextMetrics, col_w: float,
                  header_h: float, waits: dict[str, float] | None = None) -> list[HeaderBox]:
    """The stage header boxes, left to right (``waits``: stage id -> total wait, shown
    at the bottom right of the stages that have one)."""
    out = []
    for i, (sid, lines) in enumerate(wrapped):
        rect = Rect(s.lane_header_width + i * col_w, 0.0, col_w, header_h)
        wait = (waits or {}).get(sid)
        note = wait_label(wait) if wait else ""
        size = s.card_meta_size
        note_x = rect.right - s.header_pad_x - tm.width(note, size) if note else 0.0
        out.append(HeaderBox(
            id=sid, rect=rect, lines=lines,
            baselines=centred_baselines(tm, lines, s.stage_header_size, rect),
            text_x=rect.x + s.header_pad_x, size=s.stage_header_size,
            fill=s.stage_header_fill if i % 2 == 0 else s.stage_header_alt_fill,
            text_color=s.stage_header_text, kind="stage", note=note, note_x=note_x,
            note_baseline=rect.bottom - s.header_pad_y * 0.6 - tm.descent(size) if note else 0.0,
            note_size=size if note else 0.0,
        ))
    return out


def _lane_text_width(s: Style) -> float:
    return s.lane_header_width - s.lane_header_accent_width - 2 * s.header_pad_x


def _lane_lines(name: str, s: Style, tm: TextMetrics) -> tuple[str, ...]:
    return tuple(tm.wrap(drawn_text(name), _lane_text_width(s), s.lane_header_size, bold=True,
                         max_lines=s.lane_header_max_lines))


def lane_text_height(name: str, s: Style, tm: TextMetrics) -> float:
    """Height a lane's row needs to show its wrapped name."""
    lines = _lane_lines(name, s, tm)
    return 2 * s.header_pad_y + len(lines) * tm.line_height(s.lane_header_size)


def lane_headers(lanes: list[Any], rows: dict[str, tuple[float, float]], s: Style,
                 tm: TextMetrics) -> list[HeaderBox]:
    """The lane header boxes, top to bottom."""
    out = []
    for lane in lanes:
        y, h = rows[lane.id]
        lines = _lane_lines(lane.name, s, tm)
        # Text is centred in the top of tall rows rather than their middle.
        top = Rect(0.0, y, s.lane_header_width, min(h, s.min_row_height))
        out.append(HeaderBox(
            id=lane.id, rect=Rect(0.0, y, s.lane_header_width, h), lines=lines,
            baselines=centred_baselines(tm, lines, s.lane_header_size, top),
            text_x=s.lane_header_accent_width + s.header_pad_x, size=s.lane_header_size,
            fill=s.lane_header_fill, text_color=s.lane_header_text, kind=lane.kind,
            accent=Rect(0.0, y, s.lane_header_accent_width, h),
            accent_color=lane_accent(s, lane.kind), tint=lane_tint(s, lane.kind),
        ))
    return out


def corner(title: str, s: Style, tm: TextMetrics, header_h: float) -> HeaderBox:
    """The top-left box with the map's title."""
    rect = Rect(0.0, 0.0, s.lane_header_width, header_h)
    # A step smaller than the lane names, on as many lines as the header row
    # holds: titles are often long and this box is small.
    size = s.lane_header_size - 2
    room = header_h - s.header_pad_y
    lines = tuple(tm.wrap(drawn_text(title), rect.w - 2 * s.header_pad_x, size, bold=True,
                          max_lines=max(1, int(room // tm.line_height(size)))))
    return HeaderBox(
        id="", rect=rect, lines=lines, baselines=centred_baselines(tm, lines, size, rect),
        text_x=s.header_pad_x, size=size, fill=s.corner_fill,
        text_color=s.stage_header_text, kind="corner",
    )


def centred_baselines(tm: TextMetrics, lines: tuple[str, ...], size: float,
                      rect: Rect) -> tuple[float, ...]:
    """Baselines of ``lines`` centred vertically in ``rect``."""
    lh = tm.line_height(size)
    asc, desc = tm.ascent(size), tm.descent(size)
    block = asc + desc + (len(lines) - 1) * lh
    top = rect.y + (rect.h - block) / 2
    return tuple(top + asc + i * lh for i in range(len(lines)))
