"""Vector PDF export with reportlab: one page, a page of paper, or a poster.

The map (with its title block) is drawn once as a reportlab form XObject and
placed on every page that shows it: scaled on the single page, clipped to
one tile on each poster sheet, and shrunk on the poster's assembly page.  A
poster of twenty sheets therefore weighs hardly more than the single page.
Text is real text in the bundled DejaVu Sans, embedded, so it can be
selected and searched.  This module must never import Qt: a headless
``journeymap export -o map.pdf`` starts fast and needs no display.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence

from reportlab import rl_config
from reportlab.pdfbase.pdfdoc import PDFResourceDictionary
from reportlab.pdfgen.canvas import Canvas

from app.export.drawing import Drawing
from app.export.paper import MM, PagePlan, TileGrid, label_size, paper_name, plan_pages
from app.export.pdfmap import draw_drawing
from app.layout.text import metrics, register_pdf_fonts

FORM = "journeymap-map"
MARKS_FORM, GLUE_X_FORM, GLUE_Y_FORM = "jm-crop", "jm-glue-x", "jm-glue-y"
LABEL_SIZE = 8.0
INK = (0.2, 0.24, 0.3)
GRID_INK = (0.85, 0.2, 0.2)
MARK_LENGTH = 8.0  # cut marks, in the margin
MARK_GAP = 2.0  # between the trim corner and the mark


def write_pdf(
    drawing: Drawing,
    path: str,
    *,
    page: str | None = None,
    landscape: bool | None = None,
    poster: bool = False,
    overlap_mm: float = 10.0,
    marks: bool = True,
    insights: str | None = None,
) -> PagePlan:
    """Write ``drawing`` to a PDF file.

    Args:
        drawing: the map and title block to print.
        path: the file to write (the caller makes it atomic).
        page: paper name, or None for one page fitted to the map.
        landscape: orientation of the paper; None picks the better one.
        poster: tile the map at full size (1 layout unit = 1 pt) over sheets.
        overlap_mm: glue strip shared by neighbouring sheets.
        marks: draw cut marks and glue lines on poster sheets.
        insights: text of an Insights page to append (None: no such page).

    Returns:
        The page plan that was printed.

    Raises:
        ValueError: unknown paper or impossible overlap.
    """
    plan = plan_pages(drawing.width, drawing.height, page and paper_name(page), landscape,
                      poster, overlap_mm * MM)
    with _binary_streams():
        _write(drawing, path, plan, marks, insights, page)
    return plan


@contextlib.contextmanager
def _binary_streams() -> Iterator[None]:
    """Compressed streams stay binary while writing (reportlab's default wraps
    them in ASCII85: a quarter larger and ~1.5 s slower on a 5,000-card map)."""
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


def _write(drawing: Drawing, path: str, plan: PagePlan, marks: bool, insights: str | None,
           page: str | None) -> None:
    fonts = register_pdf_fonts()
    # The bundled font from the start: no unembedded Helvetica in the file.
    canv = Canvas(path, pagesize=(plan.page_w, plan.page_h), pageCompression=1,
                  initialFontName=fonts["regular"], initialFontSize=10)
    title = drawing.journey.title or "Journey map"
    canv.setTitle(title)
    canv.setSubject("Customer journey map")
    canv.setCreator("Journeymap")
    canv.beginForm(FORM, 0, 0, drawing.width, drawing.height)
    draw_drawing(canv, drawing)
    canv.endForm(Resources=_form_resources(canv))
    if plan.grid is None:
        _place(canv, plan.placement.scale, plan.placement.x, plan.placement.y,
               plan.page_h, drawing.height)
        canv.showPage()
    else:
        if marks:
            _define_marks(canv, plan.grid)
        _assembly_page(canv, drawing, plan.grid, title)
        for tile in plan.grid.tiles():
            _sheet(canv, drawing, plan.grid, tile.column, tile.row, marks, title)
    if insights is not None:
        _insights_pages(canv, insights, page)
    canv.save()


def _form_resources(canv: Canvas) -> PDFResourceDictionary:
    """Resources of the map's form, with its transparency states.

    reportlab (5.1) leaves ExtGState out of a form's resources, so the
    form's ``gs`` operators (shadows, washes, faded cards) would name states
    that viewers cannot find; hand it a complete dictionary instead.
    """
    resources = PDFResourceDictionary()
    resources.basicFonts()
    resources.allProcs()
    states = canv._extgstate.getState()  # the states the form used (shared table)
    if states:
        resources.ExtGState = states
    return resources


def _place(canv: Canvas, scale: float, x: float, y_top: float, page_h: float,
           drawing_h: float) -> None:
    """Put the form on the page: top-left at (x, y_top) measured top-down."""
    canv.saveState()
    canv.translate(x, page_h - y_top - drawing_h * scale)
    canv.scale(scale, scale)
    canv.doForm(FORM)
    canv.restoreState()


# ----------------------------------------------------------------- posters
def _sheet(canv: Canvas, drawing: Drawing, grid: TileGrid, column: int, row: int,
           marks: bool, title: str) -> None:
    """One poster sheet: its tile of the map, cut marks and its label."""
    canv.setPageSize((grid.sheet_w, grid.sheet_h))
    tile = grid.tile(column, row)
    sx, sy, sw, sh = tile.source
    m = grid.margin
    canv.saveState()
    clip = canv.beginPath()
    clip.rect(m, m, sw, sh)
    canv.clipPath(clip, stroke=0, fill=0)
    # Drawing point (sx, sy) (top-down) lands on the printable area's top-left.
    canv.translate(m - sx, grid.sheet_h - m - (drawing.height - sy))
    canv.doForm(FORM)
    canv.restoreState()
    if marks:
        _cut_marks(canv, grid, column, row)
    _sheet_label(canv, grid, column, row, title)
    canv.showPage()


def _define_marks(canv: Canvas, grid: TileGrid) -> None:
    """Forms of the cut marks and glue ticks, shared by every sheet.

    Crop marks point at the printable area's corners.  A sheet is trimmed
    along its top and left edges and laid over the glue strip of the sheet
    above / to its left: the glue strip is the last ``overlap`` of this
    sheet's right and bottom edges, marked by dashed ticks in the margin.
    Drawn once as forms, they cost each sheet a few bytes.
    """
    m = grid.margin
    left, right, bottom, top = m, grid.sheet_w - m, m, grid.sheet_h - m
    a, b = MARK_GAP, MARK_GAP + MARK_LENGTH
    o = grid.overlap
    lines = {
        MARKS_FORM: [((x + sx * a, y), (x + sx * b, y)) for x, sx in ((left, -1), (right, 1))
                     for y, sy in ((bottom, -1), (top, 1))]
        + [((x, y + sy * a), (x, y + sy * b)) for x, sx in ((left, -1), (right, 1))
           for y, sy in ((bottom, -1), (top, 1))],
        GLUE_X_FORM: [((right - o, top + a), (right - o, top + b)),
                      ((right - o, bottom - a), (right - o, bottom - b))],
        GLUE_Y_FORM: [((left - a, bottom + o), (left - b, bottom + o)),
                      ((right + a, bottom + o), (right + b, bottom + o))],
    }
    for name, segments in lines.items():
        canv.beginForm(name, 0, 0, grid.sheet_w, grid.sheet_h)
        canv.setStrokeColorRGB(*INK)
        canv.setLineWidth(0.5)
        if name != MARKS_FORM:
            canv.setDash([2, 2], 0)
        canv.lines([(x1, y1, x2, y2) for (x1, y1), (x2, y2) in segments])
        canv.endForm()


def _cut_marks(canv: Canvas, grid: TileGrid, column: int, row: int) -> None:
    """Place the crop marks, and the glue ticks where a neighbour overlaps."""
    canv.doForm(MARKS_FORM)
    if grid.overlap > 0 and column < grid.columns - 1:
        canv.doForm(GLUE_X_FORM)
    if grid.overlap > 0 and row < grid.rows - 1:
        canv.doForm(GLUE_Y_FORM)


def _sheet_label(canv: Canvas, grid: TileGrid, column: int, row: int, title: str) -> None:
    """The sheet's grid position and neighbours, in the bottom margin."""
    fonts = register_pdf_fonts()
    tile = grid.tile(column, row)
    n = row * grid.columns + column + 1
    near = grid.neighbours(column, row)
    arrows = {"left": "\u2190", "up": "\u2191", "right": "\u2192", "down": "\u2193"}
    around = "   ".join(f"{arrows[side]} {near[side]}" for side in ("left", "up", "right", "down")
                        if side in near)
    text = f"Sheet {n} of {grid.count}  \u00b7  {around or 'no neighbours'}  \u00b7  {title}"
    y = grid.margin / 2 - LABEL_SIZE / 3
    canv.setFillColorRGB(*INK)
    canv.setFont(fonts["bold"], LABEL_SIZE + 4)
    canv.drawString(grid.margin, y - 1, tile.label)
    label_w = metrics().width(tile.label, LABEL_SIZE + 4, True)
    canv.setFont(fonts["regular"], LABEL_SIZE)
    text = _fit_text(text, grid.sheet_w - 2 * grid.margin - label_w - 10, LABEL_SIZE)
    canv.drawString(grid.margin + label_w + 10, y, text)
    canv.setFont(fonts["bold"], LABEL_SIZE)
    canv.drawRightString(grid.sheet_w - grid.margin, grid.sheet_h - grid.margin / 2 - 3,
                         tile.label)


def _fit_text(text: str, width: float, size: float) -> str:
    lines = metrics().wrap(text, width, size, max_lines=1)
    return lines[0] if lines else ""


def _assembly_page(canv: Canvas, drawing: Drawing, grid: TileGrid, title: str) -> None:
    """The whole map, shrunk, with the sheet grid and labels drawn over it.

    Printed on the same paper as the sheets, turned whichever way shows the
    poster larger.
    """
    fonts = register_pdf_fonts()
    m, head = grid.margin, 46.0
    # The poster's full extent: the tiles reach past the drawing's edges.
    step_x = grid.printable_w - grid.overlap
    step_y = grid.printable_h - grid.overlap
    full_w = step_x * (grid.columns - 1) + grid.printable_w
    full_h = step_y * (grid.rows - 1) + grid.printable_h

    def fit(w: float, h: float) -> float:
        return min((w - 2 * m) / full_w, (h - 2 * m - head) / full_h)

    page_w, page_h = max(((grid.sheet_w, grid.sheet_h), (grid.sheet_h, grid.sheet_w)),
                         key=lambda size: fit(*size) + (1e-9 if size[0] == grid.sheet_w else 0))
    scale = fit(page_w, page_h)
    canv.setPageSize((page_w, page_h))
    canv.setFillColorRGB(*INK)
    canv.setFont(fonts["bold"], 14)
    canv.drawString(m, page_h - m - 14, _fit_text(f"Assembly: {title}", page_w - 2 * m, 14))
    canv.setFont(fonts["regular"], 9)
    orient = "landscape" if grid.sheet_w > grid.sheet_h else "portrait"
    info = (f"{grid.count} sheets ({grid.columns} across \u00d7 {grid.rows} down), "
            f"{orient}, glue strip {grid.overlap / MM:g} mm. Trim each sheet at its top and "
            "left cut marks and lay it over its neighbour's glue strip.")
    for i, line in enumerate(metrics().wrap(info, page_w - 2 * m, 9, max_lines=2)):
        canv.drawString(m, page_h - m - 30 - i * 11, line)
    x0 = m + (page_w - 2 * m - full_w * scale) / 2
    top = m + head
    _place(canv, scale, x0, top, page_h, drawing.height)
    _grid_overlay(canv, grid, scale, x0, page_h - top, step_x, step_y)
    canv.showPage()


def _grid_overlay(canv: Canvas, grid: TileGrid, scale: float, x0: float, y0: float,
                  step_x: float, step_y: float) -> None:
    """Tile outlines and labels over the shrunk map; (x0, y0) is its top-left."""
    fonts = register_pdf_fonts()
    canv.saveState()
    canv.setStrokeColorRGB(*GRID_INK)
    canv.setLineWidth(0.8)
    for tile in grid.tiles():
        sx, sy, sw, sh = tile.source
        x, y = x0 + sx * scale, y0 - (sy + sh) * scale
        canv.setStrokeAlpha(0.9)
        canv.rect(x, y, sw * scale, sh * scale, stroke=1, fill=0)
        # The label sits in the part of the tile no later sheet covers.
        cell_w, cell_h = min(step_x, sw) * scale, min(step_y, sh) * scale
        size = label_size(cell_w, cell_h, tile.label)
        if size is None:
            continue
        canv.setFillColorRGB(*GRID_INK)
        canv.setFillAlpha(0.55)
        canv.setFont(fonts["bold"], size)
        cx, cy = x + cell_w / 2, y0 - sy * scale - cell_h / 2
        canv.drawCentredString(cx, cy - size / 3, tile.label)
    canv.restoreState()


# ---------------------------------------------------------------- insights
def _insights_pages(canv: Canvas, report: str, page: str | None) -> None:
    """The insights report on as many pages of ``page`` (default A4) as it needs."""
    from app.export.paper import paper_size

    fonts = register_pdf_fonts()
    w, h = paper_size(page or "A4")
    m = 20 * MM
    size, lead = 9.5, 13.0
    lines = _report_lines(report, w - 2 * m, size)
    per_page = int((h - 2 * m - 30) // lead)
    for start in range(0, max(len(lines), 1), per_page):
        canv.setPageSize((w, h))
        canv.setFillColorRGB(*INK)
        canv.setFont(fonts["bold"], 16)
        canv.drawString(m, h - m - 16, "Insights")
        y = h - m - 40
        for text, bold in lines[start:start + per_page]:
            canv.setFont(fonts["bold" if bold else "regular"], size)
            canv.drawString(m, y, text)
            y -= lead
        canv.showPage()


def _report_lines(report: str, width: float, size: float) -> Sequence[tuple[str, bool]]:
    """Wrapped lines of the report; a section heading (no indent) is bold."""
    out: list[tuple[str, bool]] = []
    for raw in report.splitlines():
        bold = bool(raw) and not raw.startswith(" ")
        indent = len(raw) - len(raw.lstrip(" "))
        for i, line in enumerate(metrics().wrap(raw.strip(), width - indent * 5, size, bold)):
            pad = " " * (indent + (4 if i and indent else 0))
            out.append((pad + line, bold))
    return out
