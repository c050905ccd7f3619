"""The change map: ``journeymap diff OLD NEW -o OUT.pdf|.png|.svg``.

NEW is drawn from the shared layout (with the ghosts of what it lost,
`app.export.changeview`), and the changes are marked over it as title-block
primitives, which the PDF (reportlab) and the images (Qt) already draw the
same way:

* added cards: a green frame; removed cards: faded ghosts in their old cell
  with a red dashed frame and a strike;
* moved cards: a violet frame and a dashed arrow from the cell they came from;
  a card reordered within its cell gets the frame only;
* changed cards: an amber badge at the top-right corner with the number of
  fields that changed;
* flows: added green, removed (ghost) red dashed, changed amber, traced over
  the flow's path;
* stages and lanes: added green bar, removed (ghost) red dashed frame,
  renamed amber frame with the old name beside it;
* the old emotion curve dashed over the new one.

Below the map: a legend of these marks and a summary block (counts, the
added and removed cards by title, insight counts before -> after), then the
usual title block.  No Qt here.
"""

from __future__ import annotations

from dataclasses import replace

from app.export.changeview import ghost_id, ghost_journey, is_ghost
from app.export.drawing import BLOCK_GAP, Drawing
from app.export.exporter import ExportOptions, export_map
from app.export.titleblock import Block, Box, Line, Primitive, Text, title_block
from app.layout.boxes import Rect, bezier_point
from app.layout.geometry import MapLayout, compute_layout
from app.layout.style import DEFAULT_STYLE, Style
from app.layout.text import metrics
from app.model.diff import INSIGHT_KEYS, MapDiff

ADDED = "#16A34A"
REMOVED = "#DC2626"
MOVED = "#7C3AED"
CHANGED = "#D97706"
OLD_CURVE = "#475569"
MARK_WIDTH = 3.0
PAD = 18.0
LIST_LIMIT = 12  # titles listed per group in the summary


def change_drawing(diff: MapDiff, style: Style = DEFAULT_STYLE) -> Drawing:
    """NEW with the changes of ``diff`` marked, a legend and a summary below."""
    shown = ghost_journey(diff)
    layout = compute_layout(shown, style)
    for card_id, box in list(layout.cards.items()):
        if is_ghost(card_id):
            layout.cards[card_id] = replace(box, faded=True)
    items = change_marks(diff, layout)
    width = max(layout.width, 640.0)
    y = layout.height + BLOCK_GAP
    legend_h = _legend_and_summary(diff, width, y, items)
    block = title_block(shown, style, width, (0.0, y + legend_h))
    items += block.items
    return Drawing(shown, layout, Block(width, legend_h + block.height, items), style, None)


def export_change_map(diff: MapDiff, out: str, options: ExportOptions) -> None:
    """Write the change map of ``diff`` as PDF (page or poster), PNG or SVG.

    Raises:
        JourneyError: a bad option or an unwritable file; nothing is written.
    """
    style = options.style or DEFAULT_STYLE
    export_map(diff.new, out, options, drawing=change_drawing(diff, style))


# -------------------------------------------------------------- the marks
def change_marks(diff: MapDiff, layout: MapLayout,
                 ghosts: dict[str, Rect] | None = None) -> list[Primitive]:
    """The marks of every change, in layout units over ``layout``.

    Args:
        diff: the changes.
        layout: the layout of the ghost map (`ghost_journey`), or of NEW
            itself when ``ghosts`` is given.
        ghosts: where to draw each removed card (OLD id -> rectangle) on a
            layout without ghosts (the editor's canvas): a ghost is then drawn
            there, faded, with its title.
    """
    items: list[Primitive] = []
    _header_marks(diff, layout, items)
    _flow_marks(diff, layout, items)
    if ghosts is not None:
        _removed_flow_lines(diff, layout, ghosts, items)
    _old_curve(diff, layout, items)
    cards = layout.cards
    for card_id in diff.added_cards:
        if card_id in cards:
            items.append(_frame(cards[card_id].rect, ADDED))
    for card_id in diff.removed_cards:
        if ghosts is None:
            r = cards[ghost_id(card_id)].rect
        elif card_id in ghosts:
            r = ghosts[card_id]
            items.extend(_ghost(r, diff.old.card(card_id).title))
        else:
            continue
        items.append(_frame(r, REMOVED, dash=(5.0, 3.0)))
        items.append(Line(((r.x + 4, r.bottom - 4), (r.right - 4, r.y + 4)), REMOVED, 1.6))
    back = {new: old for old, new in diff.card_pairs.items()} if diff.moved else {}
    for card_id, (before, after) in diff.moved.items():
        if card_id not in cards:
            continue
        r = cards[card_id].rect
        items.append(_frame(r, MOVED))
        if before != after:
            items.append(_origin_arrow(diff, layout, card_id, back[card_id]))
    for card_id, fields in diff.changed.items():
        if card_id in cards:
            items.extend(_badge(cards[card_id].rect, len(fields)))
    return [item for item in items if item is not None]


def _ghost(r: Rect, title: str) -> list[Primitive]:
    lines = metrics().wrap(title, r.w - 16, 10.0, False, max_lines=2)
    items: list[Primitive] = [Box(r.x, r.y, r.w, r.h, "#F8FAFC", None, 1.0, (), 7.0)]
    items += [Text(r.x + 8, r.y + 16 + 13 * i, line, 10.0, False, "#94A3B8")
              for i, line in enumerate(lines)]
    return items


def _frame(r: Rect, color: str, dash: tuple[float, ...] = ()) -> Box:
    o = MARK_WIDTH
    return Box(r.x - o, r.y - o, r.w + 2 * o, r.h + 2 * o, None, color, MARK_WIDTH, dash, 7.0)


def _badge(r: Rect, count: int) -> list[Primitive]:
    size = 15.0
    x, y = r.right - size * 0.6, r.y - size * 0.4
    text = str(count)
    w = max(size, metrics().width(text, 9.0, True) + 8.0)
    return [Box(x, y, w, size, CHANGED, "#FFFFFF", 1.2, (), size / 2),
            Text(x + (w - metrics().width(text, 9.0, True)) / 2, y + 11.0, text, 9.0, True,
                 "#FFFFFF")]


def _origin_arrow(diff: MapDiff, layout: MapLayout, card_id: str, old_id: str) -> Line | None:
    card = diff.old.card(old_id)
    stage = diff.stages.pairs.get(card.stage, ghost_id(card.stage))
    lane = diff.lanes.pairs.get(card.lane, ghost_id(card.lane))
    cell = layout.cells.get((stage, lane))
    if cell is None:
        return None
    target = layout.cards[card_id].rect
    start = (cell.x + cell.w / 2, cell.y + min(cell.h / 2, 40.0))
    end = (target.x + target.w / 2, target.y + target.h / 2)
    # Solid: hundreds of long dashed lines take Qt a second to stroke.
    return _arrow((start, end), MOVED)


def _arrow(points: tuple, color: str, dash: tuple[float, ...] = ()) -> Line:
    (x0, y0), (x1, y1) = points[-2], points[-1]
    length = max(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5, 1e-6)
    ux, uy = (x1 - x0) / length, (y1 - y0) / length
    back = (x1 - 9 * ux, y1 - 9 * uy)
    head = ((x1, y1), (back[0] - 4 * uy, back[1] + 4 * ux), (back[0] + 4 * uy, back[1] - 4 * ux))
    return Line(tuple(points[:-1]) + (back,), color, 2.0, dash, head)


def _flow_marks(diff: MapDiff, layout: MapLayout, items: list[Primitive]) -> None:
    marked = [(fid, ADDED, ()) for fid in diff.added_flows]
    marked += [(ghost_id(fid), REMOVED, (5.0, 3.0)) for fid in diff.removed_flows]
    marked += [(fid, CHANGED, ()) for fid in diff.changed_flows]
    for flow_id, color, dash in marked:
        path = layout.flows.get(flow_id)
        if path is None:
            continue
        points = [bezier_point(*piece, t / 8) for piece in path.segments() for t in range(9)]
        items.append(Line(tuple(points), color, 3.2, dash))


def _removed_flow_lines(diff: MapDiff, layout: MapLayout, ghosts: dict[str, Rect],
                        items: list[Primitive]) -> None:
    """Removed flows on a layout without ghost flows: a dashed line between the
    cards (or ghosts) at their ends."""
    for flow_id in diff.removed_flows:
        flow = diff.old.flow(flow_id)
        ends = []
        for old_id in (flow.source, flow.target):
            new_id = diff.card_pairs.get(old_id)
            box = layout.cards.get(new_id) if new_id else None
            rect = box.rect if box is not None else ghosts.get(old_id)
            if rect is None:
                break
            ends.append((rect.x + rect.w / 2, rect.y + rect.h / 2))
        if len(ends) == 2 and ends[0] != ends[1]:
            items.append(_arrow(tuple(ends), REMOVED, (5.0, 3.0)))


def _header_marks(diff: MapDiff, layout: MapLayout, items: list[Primitive]) -> None:
    headers = {h.id: h for h in (*layout.stage_headers, *layout.lane_headers)}
    for changes in (diff.stages, diff.lanes):
        for entity_id in changes.added_ids:
            if entity_id not in headers:
                continue
            r = headers[entity_id].rect
            items.append(Box(r.x + 2, r.bottom - 6, r.w - 4, 5, ADDED))
        for entity_id in changes.removed_ids:
            if ghost_id(entity_id) not in headers:
                continue  # the editor's canvas has no ghost headers
            r = headers[ghost_id(entity_id)].rect
            items.append(Box(r.x + 2, r.y + 2, r.w - 4, r.h - 4, None, REMOVED, 2.0, (5.0, 3.0)))
        renamed = {new for _, new in changes.renamed}
        for old_id, new_id in changes.pairs.items():
            header = headers.get(new_id)
            if header is None:
                continue
            if not header.lines or header.lines[0] == "" or _name_of(diff, new_id) not in renamed:
                continue
            r = header.rect
            items.append(Box(r.x + 2, r.y + 2, r.w - 4, r.h - 4, None, CHANGED, 2.0))
            old_name = _old_name(diff, old_id)
            items.append(Text(r.x + 6, r.bottom - 5, f"was: {old_name}", 8.0, False, CHANGED))


def _name_of(diff: MapDiff, entity_id: str) -> str:
    for entity in (*diff.new.stages, *diff.new.lanes):
        if entity.id == entity_id:
            return entity.name
    return ""


def _old_name(diff: MapDiff, old_id: str) -> str:
    for entity in (*diff.old.stages, *diff.old.lanes):
        if entity.id == old_id:
            return entity.name
    return ""


def _old_curve(diff: MapDiff, layout: MapLayout, items: list[Primitive]) -> None:
    """The old stage means, dashed, in every emotion band."""
    back = {new: old for old, new in diff.stages.pairs.items()}
    old_names = {s.id: s.name for s in diff.old.stages}
    for curve in layout.curves:
        points = []
        for stage_id, (x, w) in layout.columns.items():
            old_id = back.get(stage_id) or (stage_id[8:] if is_ghost(stage_id) else None)
            mean = diff.emotion.get(old_names.get(old_id, ""), [None])[0] if old_id else None
            if mean is not None:
                zero, gap = curve.levels[0], curve.levels[0] - curve.levels[1]
                points.append((x + w / 2, zero - mean * gap))
        if len(points) > 1:
            items.append(Line(tuple(points), OLD_CURVE, 1.8, (6.0, 4.0)))


# -------------------------------------------------- legend and summary
def _legend_and_summary(diff: MapDiff, width: float, y0: float,
                        items: list[Primitive]) -> float:
    """Draw the legend of marks and the summary; returns the height used."""
    m = metrics()
    x, y = PAD, y0 + PAD + m.ascent(14.0)
    items.append(Text(x, y, f"Changes: {diff.old.title or 'old map'} \u2192 "
                            f"{diff.new.title or 'new map'}", 14.0, True))
    y += 22.0
    legend = ((ADDED, (), "Added"), (REMOVED, (5.0, 3.0), "Removed (ghost in its old cell)"),
              (MOVED, (), "Moved (arrow from where it was)"),
              (CHANGED, (), "Changed (badge: fields changed)"),
              (OLD_CURVE, (6.0, 4.0), "Old emotion curve"))
    lx = x
    for color, dash, label in legend:
        items.append(Box(lx, y - 9, 22, 12, None, color, 2.4, dash, 3.0))
        items.append(Text(lx + 28, y, label, 9.5))
        lx += 40 + m.width(label, 9.5)
    y += 22.0
    for line in summary_lines(diff):
        bold = not line.startswith("  ")
        for part in m.wrap(line, width - 2 * PAD, 9.5, bold) or [""]:
            items.append(Text(x, y, part, 9.5, bold))
            y += 13.0
    return y - y0 + PAD / 2


def summary_lines(diff: MapDiff) -> list[str]:
    """The summary block: counts, added and removed cards by title, insights."""
    lines = [
        f"Cards: {len(diff.added_cards)} added, {len(diff.removed_cards)} removed, "
        f"{len(diff.moved)} moved, {len(diff.changed)} changed. "
        f"Flows: {len(diff.added_flows)} added, {len(diff.removed_flows)} removed, "
        f"{len(diff.changed_flows)} changed. Stages: {len(diff.stages.added)} added, "
        f"{len(diff.stages.removed)} removed, {len(diff.stages.renamed)} renamed. "
        f"Lanes: {len(diff.lanes.added)} added, {len(diff.lanes.removed)} removed, "
        f"{len(diff.lanes.renamed)} renamed."]
    for heading, journey, ids in (("Added cards", diff.new, diff.added_cards),
                                  ("Removed cards", diff.old, diff.removed_cards)):
        if ids:
            titles = [journey.card(i).title or i for i in sorted(ids)]
            more = f" and {len(titles) - LIST_LIMIT} more" if len(titles) > LIST_LIMIT else ""
            lines.append(f"{heading}: " + ", ".join(titles[:LIST_LIMIT]) + more)
    if diff.insights:
        lines.append("Insights before \u2192 after: " + ", ".join(
            f"{key.replace('_', ' ')} {a} \u2192 {b}" for key, (a, b) in
            ((k, diff.insights[k]) for k in INSIGHT_KEYS)))
    return lines
