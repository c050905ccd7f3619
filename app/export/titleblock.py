"""The title block and legend printed under an exported map, as plain data.

`title_block` lays out the map's title, the persona filter, the date and a
legend (departments, card kinds, evidence levels, flow kinds, emotions) into
a list of drawing primitives.  The PDF (reportlab) and the images (Qt) each
draw those primitives with a few lines of code, so the two cannot disagree.
No Qt and no reportlab here: measuring uses `app.layout.text`.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from app.layout.boxes import Rect
from app.layout.cards import FAIL_LETTER, fail_letter
from app.layout.grayscale import grey
from app.layout.marks import KIND_MARKS, MARK_SIZE, department_codes, flow_dash
from app.layout.style import (
    Style,
    card_border,
    card_colors,
    emotion_color,
    flow_color,
)
from app.layout.text import metrics
from app.model.journey import CARD_KINDS, EVIDENCE_LEVELS, FLOW_KINDS, Card, Journey
from app.model.vocabulary import (
    BLUEPRINT_MARK_NAMES,
    CARD_KIND_NAMES,
    EMOTION_NAMES,
    EVIDENCE_NAMES,
    FLOW_KIND_NAMES,
    LEGEND_HEADINGS,
)
from app.model.waits import CLOCK

Point = tuple[float, float]

TITLE_SIZE = 22.0
INFO_SIZE = 11.0
HEADING_SIZE = 10.0
ITEM_SIZE = 9.5
ROW = 16.0  # one legend entry
SWATCH_W, SWATCH_H = 22.0, 12.0
PAD = 18.0  # around the whole block
GROUP_GAP = 28.0  # between legend groups
MAX_ROWS = 6  # a longer group continues in a second column
TEXT_COLOR = "#1F2933"
MUTED_COLOR = "#5F6B7A"
RULE_COLOR = "#C9D0D9"


@dataclass(frozen=True)
class Text:
    """One line of text drawn with its baseline at (x, y)."""

    x: float
    y: float
    text: str
    size: float
    bold: bool = False
    color: str = TEXT_COLOR


@dataclass(frozen=True)
class Box:
    """A rectangle (rounded when ``radius`` > 0); no fill or border when None."""

    x: float
    y: float
    w: float
    h: float
    fill: str | None
    border: str | None = None
    border_width: float = 1.0
    dash: tuple[float, ...] = ()
    radius: float = 0.0


@dataclass(frozen=True)
class Line:
    """A polyline; ``head`` is an optional filled arrow-head triangle."""

    points: tuple[Point, ...]
    color: str
    width: float
    dash: tuple[float, ...] = ()
    head: tuple[Point, Point, Point] | None = None


@dataclass(frozen=True)
class Mark:
    """An emotion mark (as on the cards) inside the square at (x, y)."""

    x: float
    y: float
    size: float
    emotion: int
    color: str


Primitive = Text | Box | Line | Mark


@dataclass
class Block:
    """A laid-out title block: its size and what to draw, in absolute units."""

    width: float
    height: float
    items: list[Primitive] = field(default_factory=list)


@dataclass(frozen=True)
class _Entry:
    label: str
    swatch: tuple[Primitive, ...]  # drawn relative to the entry's (0, 0)


def title_block(
    journey: Journey,
    style: Style,
    width: float,
    origin: Point = (0.0, 0.0),
    *,
    persona: str | None = None,
    cards: Iterable[Card] | None = None,
    today: _dt.date | None = None,
    department: str | None = None,
) -> Block:
    """Lay out the title block and legend in a band ``width`` wide.

    Args:
        journey: the map (title, departments, personas).
        style: the theme the map is drawn with (legend swatches match it).
        width: the band's width; legend groups wrap onto new rows to fit.
        origin: top-left corner of the band in drawing units.
        persona: the persona id the export is filtered to, or None.
        cards: the cards shown (default: all), to list only the departments,
            kinds and flows that appear.
        today: the date printed (default: today).
        department: the name of the department whose map this is, or None.
    """
    shown = list(journey.cards if cards is None else cards)
    x0, y0 = origin
    items: list[Primitive] = [Line(((x0, y0), (x0 + width, y0)), RULE_COLOR, 1.0)]
    info_w, info_h = _info(journey, persona, today or _dt.date.today(), x0 + PAD, y0 + PAD,
                           min(360.0, max(200.0, width * 0.3)), items, department)
    x, y = x0 + PAD + info_w + GROUP_GAP, y0 + PAD
    row_bottom = y0 + PAD + info_h
    for heading, entries in _groups(journey, style, shown):
        w, h = _group_size(heading, entries)
        if x + w > x0 + width - PAD and x > x0 + PAD + info_w + GROUP_GAP:
            x, y = x0 + PAD + info_w + GROUP_GAP, row_bottom + GROUP_GAP / 2
        _place_group(heading, entries, x, y, items)
        x += w + GROUP_GAP
        row_bottom = max(row_bottom, y + h)
    # The block ends at its last legend row: white space below it would only
    # grow the drawing (a poster gained a whole row of sheets for 7 mm of it);
    # pages and images get their margins from the paper.
    return Block(width, row_bottom - y0, items)


def _info(journey: Journey, persona: str | None, today: _dt.date, x: float, y: float,
          max_w: float, items: list[Primitive],
          department: str | None = None) -> tuple[float, float]:
    """Title, persona filter, date and counts; returns the column's size."""
    m = metrics()
    title = m.wrap(journey.title or "Untitled journey", max_w, TITLE_SIZE, True, max_lines=2)
    who = "All personas" if persona is None else "Persona: " + journey.persona(persona).name
    info = [who, f"Printed {today.isoformat()}"]
    if department is not None:
        info.insert(0, f"Department: {department}")
    baseline = y + m.ascent(TITLE_SIZE)
    used_w = 0.0
    for line in title:
        items.append(Text(x, baseline, line, TITLE_SIZE, True))
        used_w = max(used_w, m.width(line, TITLE_SIZE, True))
        baseline += m.line_height(TITLE_SIZE)
    baseline += 2.0
    for line in info:
        items.append(Text(x, baseline, line, INFO_SIZE, False, MUTED_COLOR))
        used_w = max(used_w, m.width(line, INFO_SIZE))
        baseline += m.line_height(INFO_SIZE)
    return max(used_w, 160.0), baseline - m.line_height(INFO_SIZE) + m.descent(INFO_SIZE) - y


def _groups(journey: Journey, style: Style, shown: Sequence[Card]
            ) -> list[tuple[str, list[_Entry]]]:
    owners = {c.owner for c in shown}
    kinds = {c.kind for c in shown} or set(CARD_KINDS)
    shown_ids = {c.id for c in shown}
    flow_kinds = {f.kind for f in journey.flows
                  if f.source in shown_ids and f.target in shown_ids}
    emotions = {c.emotion for c in shown if c.emotion is not None}
    groups = []
    heading = LEGEND_HEADINGS
    departments = [d for d in journey.departments if d.id in owners]
    if departments:
        codes = department_codes(journey.departments)
        groups.append((heading["departments"], [
            _department_entry(d.name, d.color, codes[d.id]) for d in departments]))
    groups.append((heading["card_kinds"],
                   [_kind_entry(style, k) for k in CARD_KINDS if k in kinds]))
    groups.append((heading["evidence"], [_evidence_entry(style, e) for e in EVIDENCE_LEVELS]))
    if flow_kinds:
        groups.append((heading["flows"],
                       [_flow_entry(style, k) for k in FLOW_KINDS if k in flow_kinds]))
    if emotions:
        size = SWATCH_H + 2
        groups.append((heading["emotion"], [
            _entry(EMOTION_NAMES[e], (Mark((SWATCH_W - size) / 2, -1, size, e,
                                            emotion_color(style, e)),))
            for e in sorted(emotions, reverse=True)]))
    marks = _blueprint_entries(style, shown)
    if marks:
        groups.append((heading["blueprint"], marks))
    return groups


def _blueprint_entries(style: Style, shown: Sequence[Card]) -> list[_Entry]:
    """The fail point badge and the wait mark, when a shown card has one."""
    entries = []
    if any(c.fail_point for c in shown):
        size = SWATCH_H + 2
        x = (SWATCH_W - size) / 2
        badge = Box(x, -1, size, size, style.fail_mark_fill, "#FFFFFF", 1.0, (), size / 2)
        # The "F" as every card's badge centres it (`app.layout.cards.fail_letter`).
        lx, baseline, letter_size = fail_letter(Rect(x, -1, size, size))
        letter = Text(lx, baseline, FAIL_LETTER, letter_size, True, style.fail_mark_text)
        entries.append(_entry(BLUEPRINT_MARK_NAMES["fail_point"], (badge, letter)))
    if any(c.wait is not None for c in shown):
        clock = Text(4, SWATCH_H / 2 + ITEM_SIZE * 0.36, CLOCK, ITEM_SIZE, False,
                     style.card_meta_color)
        entries.append(_entry(BLUEPRINT_MARK_NAMES["wait"], (clock,)))
    return entries


def _entry(label: str, swatch: tuple[Primitive, ...]) -> _Entry:
    return _Entry(label, swatch)


def _department_entry(name: str, fill: str, code: str) -> _Entry:
    # The code the cards carry, on the department's colour.
    x = (SWATCH_W - metrics().width(code, MARK_SIZE)) / 2
    ink = TEXT_COLOR if int(grey(fill)[1:3], 16) > 150 else "#FFFFFF"  # reads on the fill
    label = Text(x, SWATCH_H / 2 + MARK_SIZE * 0.36, code, MARK_SIZE, False, ink)
    return _entry(name, (Box(0, 0, SWATCH_W, SWATCH_H, fill), label))


def _kind_entry(style: Style, kind: str) -> _Entry:
    fill, border = style.card_colors.get(kind, style.card_colors["action"])
    swatch: tuple[Primitive, ...] = (Box(0, 0, SWATCH_W, SWATCH_H, fill, border, 1.0, (), 2.5),)
    letter = KIND_MARKS.get(kind)
    if letter:  # the letter the cards carry, centred on the swatch
        x = (SWATCH_W - metrics().width(letter, MARK_SIZE, bold=True)) / 2
        swatch += (Text(x, SWATCH_H / 2 + MARK_SIZE * 0.36, letter, MARK_SIZE, True,
                        style.card_meta_color),)
    return _entry(CARD_KIND_NAMES[kind], swatch)


def _evidence_entry(style: Style, evidence: str) -> _Entry:
    sample = Card("legend", "", "", kind="touchpoint", evidence=evidence)
    fill, border = card_colors(style, sample)
    width, dashed = card_border(style, evidence)
    dash = style.assumption_dash if dashed else ()
    inset = width / 2  # keep thick borders inside the swatch
    box = Box(inset, inset, SWATCH_W - width, SWATCH_H - width, fill, border, width, dash, 2.5)
    return _entry(EVIDENCE_NAMES[evidence], (box,))


def _flow_entry(style: Style, kind: str) -> _Entry:
    color = flow_color(style, kind)
    dash = flow_dash(style, kind)
    y = SWATCH_H / 2
    tip = SWATCH_W
    head = ((tip, y), (tip - 7.0, y - 3.5), (tip - 7.0, y + 3.5))
    line = Line(((0.0, y), (tip - 6.0, y)), color, style.flow_width, dash, head)
    return _entry(FLOW_KIND_NAMES[kind], (line,))


def _group_size(heading: str, entries: Sequence[_Entry]) -> tuple[float, float]:
    m = metrics()
    columns = _split(entries)
    col_w = [SWATCH_W + 6 + max(m.width(e.label, ITEM_SIZE) for e in col) for col in columns]
    width = max(sum(col_w) + GROUP_GAP / 2 * (len(columns) - 1),
                m.width(heading, HEADING_SIZE, True))
    height = ROW + ROW * max(len(col) for col in columns)
    return width, height


def _split(entries: Sequence[_Entry]) -> list[Sequence[_Entry]]:
    """As few columns as MAX_ROWS allows, filled evenly (7 entries: 4 + 3, not 6 + 1)."""
    columns = max(1, math.ceil(len(entries) / MAX_ROWS))
    out, start = [], 0
    for i in range(columns):
        n = len(entries) // columns + (1 if i < len(entries) % columns else 0)
        out.append(entries[start:start + n])
        start += n
    return out


def _place_group(heading: str, entries: Sequence[_Entry], x: float, y: float,
                 items: list[Primitive]) -> None:
    m = metrics()
    items.append(Text(x, y + m.ascent(HEADING_SIZE), heading, HEADING_SIZE, True))
    col_x = x
    for col in _split(entries):
        row_y = y + ROW
        for entry in col:
            sy = row_y + (ROW - SWATCH_H) / 2 - 1
            items.extend(_moved(p, col_x, sy) for p in entry.swatch)
            baseline = row_y + ROW / 2 + m.ascent(ITEM_SIZE) * 0.36
            items.append(Text(col_x + SWATCH_W + 6, baseline, entry.label, ITEM_SIZE))
            row_y += ROW
        col_x += SWATCH_W + 6 + max(m.width(e.label, ITEM_SIZE) for e in col) + GROUP_GAP / 2


def _moved(p: Primitive, dx: float, dy: float) -> Primitive:
    """A swatch primitive shifted from entry coordinates to the page."""
    if isinstance(p, Box):
        return Box(p.x + dx, p.y + dy, p.w, p.h, p.fill, p.border, p.border_width, p.dash,
                   p.radius)
    if isinstance(p, Mark):
        return Mark(p.x + dx, p.y + dy, p.size, p.emotion, p.color)
    if isinstance(p, Line):
        head = None if p.head is None else tuple((x + dx, y + dy) for x, y in p.head)
        return Line(tuple((x + dx, y + dy) for x, y in p.points), p.color, p.width, p.dash,
                    head)  # type: ignore[arg-type]
    return Text(p.x + dx, p.y + dy, p.text, p.size, p.bold, p.color)
