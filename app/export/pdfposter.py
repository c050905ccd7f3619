"""Poster pages of the PDF: an assembly page, then one sheet per tile.

The map is one form XObject (drawn by `app.export.pdf`); every sheet places
it clipped to its tile.  What makes a sheet cost a few hundred bytes rather
than a copy of the map:

- everything that is the same on every sheet (cut marks, glue ticks and the
  map's title) is one of at most four shared *sheet forms*, one per
  combination of glue ticks;
- every sheet's page dictionary points to one shared, indirect resource
  dictionary instead of repeating reportlab's inline one;
- the sheet's own content is the clip, two numbers placing the map, and its
  labels as real text (grid position, neighbours, sheet number), so they can
  be selected and searched.

No Qt.
"""

from __future__ import annotations

import math

from reportlab.pdfbase.pdfdoc import PDFObjectReference, PDFResourceDictionary, xObjectName
from reportlab.pdfgen.canvas import Canvas

from app.export.drawing import Drawing
from app.export.paper import MM, TileGrid, column_letters, label_size
from app.export.pdffonts import draw_string
from app.export.pdfmap import MAP_FORM, place_map
from app.layout.text import metrics, register_pdf_fonts

LABEL_SIZE = 8.0  # neighbours, sheet number and title in the margins
GRID_LABEL_SIZE = 12.0  # the sheet's grid position, bottom left
INK = (0.2, 0.24, 0.3)
GRID_INK = (0.85, 0.2, 0.2)
MARK_LENGTH = 8.0  # cut marks, in the margin
MARK_GAP = 2.0  # between the trim corner and the mark
LABEL_INSET = 4.0  # left labels start clear of the vertical cut mark above/below them
#: Nothing is printed closer to the paper's edge: many printers cannot print
#: within 4-5 mm of it (README, "Posters").
SAFE_MARGIN = 5 * MM
ARROWS = {"left": "\u2190", "up": "\u2191", "right": "\u2192", "down": "\u2193"}
RESOURCES = "JMSheetResources"  # internal name of the shared resource dictionary


def write_poster(canv: Canvas, drawing: Drawing, grid: TileGrid, marks: bool,
                 title: str) -> None:
    """The assembly page and every sheet of a poster, onto ``canv``.

    The map's form (`MAP_FORM`) must already be defined.
    """
    forms = _sheet_forms(canv, grid, marks, title)
    resources = _shared_resources(canv, sorted(set(forms.values())))
    _assembly_page(canv, drawing, grid, title)
    for tile in grid.tiles():
        glue = (grid.overlap > 0 and tile.column < grid.columns - 1,
                grid.overlap > 0 and tile.row < grid.rows - 1)
        _sheet(canv, drawing, grid, tile.column, tile.row, forms[glue])
        _use_shared_resources(canv, resources)


# ------------------------------------------------------------------ sheets
def _sheet(canv: Canvas, drawing: Drawing, grid: TileGrid, column: int, row: int,
           form: str) -> None:
    """One sheet: its tile of the map, its shared marks form and its labels."""
    canv.setPageSize((grid.sheet_w, grid.sheet_h))
    sx, sy, sw, sh = grid.tile(column, row).source
    m = grid.margin
    # Drawing point (sx, sy) (top-down) lands on the printable area's top-left.
    tx, ty = m - sx, grid.sheet_h - m - (drawing.height - sy)
    canv.addLiteral(f"q {m:.2f} {m:.2f} {sw:.2f} {sh:.2f} re W n 1 0 0 1 {tx:.2f} {ty:.2f} cm "
                    f"/{xObjectName(MAP_FORM)} Do Q /{xObjectName(form)} Do")
    _sheet_labels(canv, grid, column, row)
    canv.showPage()


def sheet_caption(grid: TileGrid, column: int, row: int) -> str:
    """The line beside a sheet's grid label: its number and its neighbours,
    e.g. ``Sheet 5 of 288 · ← D1  ↑ E0  → F1  ↓ E2``."""
    near = grid.neighbours(column, row)
    around = "   ".join(f"{ARROWS[side]} {near[side]}" for side in ("left", "up", "right", "down")
                        if side in near)
    n = row * grid.columns + column + 1
    return f"Sheet {n} of {grid.count}  \u00b7  {around or 'no neighbours'}"


def _sheet_labels(canv: Canvas, grid: TileGrid, column: int, row: int) -> None:
    """Grid position and neighbours in the bottom margin, the position again
    top right: one text object, the sheet's only text of its own."""
    fonts = register_pdf_fonts()
    label = grid.tile(column, row).label
    m = grid.margin
    y = SAFE_MARGIN + metrics().descent(GRID_LABEL_SIZE) + 1
    x = m + LABEL_INSET
    label_w = metrics().width(label, GRID_LABEL_SIZE, True)
    caption = fit_text(sheet_caption(grid, column, row),
                       grid.sheet_w - m - x - label_w - 10, LABEL_SIZE)
    text = canv.beginText()
    text.setFillColorRGB(*INK)
    text.setFont(fonts["bold"], GRID_LABEL_SIZE)
    text.setTextOrigin(x, y - 1)
    text.textOut(label)
    text.setFont(fonts["regular"], LABEL_SIZE)
    text.setTextOrigin(x + label_w + 10, y)
    text.textOut(caption)
    text.setFont(fonts["bold"], LABEL_SIZE)
    text.setTextOrigin(grid.sheet_w - m - metrics().width(label, LABEL_SIZE, True),
                       _top_baseline(grid))
    text.textOut(label)
    canv.drawText(text)


def _top_baseline(grid: TileGrid) -> float:
    return grid.sheet_h - SAFE_MARGIN - metrics().ascent(LABEL_SIZE) - 1


def fit_text(text: str, width: float, size: float, bold: bool = False) -> str:
    """The first line of ``text`` wrapped to ``width`` (shortened if too long)."""
    lines = metrics().wrap(text, width, size, bold, max_lines=1)
    return lines[0] if lines else ""


def _sheet_forms(canv: Canvas, grid: TileGrid, marks: bool, title: str
                 ) -> dict[tuple[bool, bool], str]:
    """Forms of what every sheet shares, keyed by (glue ticks right, glue ticks below).

    Crop marks point at the printable area's corners.  A sheet is trimmed
    along its top and left edges and laid over the glue strip of the sheet
    above / to its left: the glue strip is the last ``overlap`` of this
    sheet's right and bottom edges, marked by dashed ticks in the margin.
    The map's title goes top left, where the grid label top right leaves room.
    """
    m = grid.margin
    left, right, bottom, top = m, grid.sheet_w - m, m, grid.sheet_h - m
    a, b = MARK_GAP, MARK_GAP + MARK_LENGTH
    o = grid.overlap
    crop = [((x + sx * a, y), (x + sx * b, y)) for x, sx in ((left, -1), (right, 1))
            for y in (bottom, top)]
    crop += [((x, y + sy * a), (x, y + sy * b)) for x in (left, right)
             for y, sy in ((bottom, -1), (top, 1))]
    glue_x = [((right - o, top + a), (right - o, top + b)),
              ((right - o, bottom - a), (right - o, bottom - b))]
    glue_y = [((left - a, bottom + o), (left - b, bottom + o)),
              ((right + a, bottom + o), (right + b, bottom + o))]
    # The widest grid label on this poster (the last column's letters are the longest).
    last = grid.tile(grid.columns - 1, grid.rows - 1).label
    room = right - left - LABEL_INSET - metrics().width(last, LABEL_SIZE, True) - 2 * LABEL_SIZE
    heading = fit_text(title, room, LABEL_SIZE)
    forms: dict[tuple[bool, bool], str] = {}
    for gx, gy in ((False, False), (True, False), (False, True), (True, True)):
        if not marks:
            forms[(gx, gy)] = "sheet"  # no marks: the four variants are one form
            if gx or gy:
                continue
        else:
            forms[(gx, gy)] = "sheet" + ("-x" if gx else "") + ("-y" if gy else "")
        canv.beginForm(forms[(gx, gy)], 0, 0, grid.sheet_w, grid.sheet_h)
        if marks:
            _segments(canv, crop, ())
            _segments(canv, (glue_x if gx else []) + (glue_y if gy else []), (2, 2))
        canv.setFillColorRGB(*INK)
        canv.setFont(register_pdf_fonts()["regular"], LABEL_SIZE)
        canv.drawString(left + LABEL_INSET, _top_baseline(grid), heading)
        canv.endForm()
    return forms


def _segments(canv: Canvas, segments: list, dash: tuple[float, ...]) -> None:
    if not segments:
        return
    canv.saveState()
    canv.setStrokeColorRGB(*INK)
    canv.setLineWidth(0.5)
    if dash:
        canv.setDash(list(dash), 0)
    canv.lines([(x1, y1, x2, y2) for (x1, y1), (x2, y2) in segments])
    canv.restoreState()


def _shared_resources(canv: Canvas, forms: list[str]) -> PDFObjectReference:
    """One indirect resource dictionary for every sheet: fonts, the map, the sheet forms.

    reportlab writes a page's resources inline, a few hundred bytes on each
    of what can be hundreds of sheets; it builds them only for a page whose
    ``Resources`` is unset (``PDFPage.check_format``), so a page given this
    reference keeps it.
    """
    resources = PDFResourceDictionary()
    resources.basicFonts()
    resources.XObject = canv._doc.xobjDict([MAP_FORM, *forms])
    return canv._doc.Reference(resources, RESOURCES)


def _use_shared_resources(canv: Canvas, resources: PDFObjectReference) -> None:
    """Point the page just finished at the shared resources, and drop the
    empty defaults reportlab writes on every page (``/Rotate 0 /Trans <<>>``)."""
    page = canv._doc.Pages.pages[-1]
    page.Resources = resources
    page.Rotate = page.Trans = None


# ---------------------------------------------------------------- assembly
HEAD = 46.0  # title and two lines of instructions above the overview
HEADING_SIZE = 7.0  # column letters and row numbers round a grid too fine for labels
HEADING_ROOM = HEADING_SIZE + 5.0  # the column letters' row above the grid


def _assembly_page(canv: Canvas, drawing: Drawing, grid: TileGrid, title: str) -> None:
    """The whole map, shrunk, with the sheet grid and labels drawn over it.

    Printed on the same paper as the sheets, turned whichever way shows the
    poster larger.  A poster far taller than the paper is cut into bands of
    sheet rows set side by side (like newspaper columns), so that it fills
    the page instead of running down it as a thin strip.  Each tile is
    labelled in its middle; when the tiles are too small for that (hundreds
    of sheets), the columns and rows are named round the grid instead, as in
    a spreadsheet.
    """
    fonts = register_pdf_fonts()
    m = grid.margin
    page_w, page_h, scale, bands = _assembly_paper(grid, HEAD)
    size = _tile_label_size(grid, scale)
    head = HEAD if size is not None else HEAD + HEADING_ROOM
    if size is None:
        page_w, page_h, scale, bands = _assembly_paper(grid, head)
    canv.setPageSize((page_w, page_h))
    canv.setFillColorRGB(*INK)
    draw_string(canv, m, page_h - m - 14,
                fit_text(f"Assembly: {title}", page_w - 2 * m, 14, True), 14, True)
    canv.setFont(fonts["regular"], 9)
    for i, line in enumerate(metrics().wrap(_instructions(grid), page_w - 2 * m, 9,
                                            max_lines=2)):
        canv.drawString(m, page_h - m - 30 - i * 11, line)
    full_w, _ = _poster_extent(grid)
    step_y = grid.printable_h - grid.overlap
    per = math.ceil(grid.rows / bands)
    used_w = bands * full_w * scale + (bands - 1) * BAND_GAP
    x0 = m + (page_w - 2 * m - used_w) / 2
    top = m + head
    for b in range(bands):
        rows = range(b * per, min(grid.rows, (b + 1) * per))
        if not rows:
            continue
        y_from = rows.start * step_y
        y_to = (rows.stop - 1) * step_y + grid.printable_h
        bx = x0 + b * (full_w * scale + BAND_GAP)
        canv.saveState()
        clip = canv.beginPath()
        clip.rect(bx, page_h - top - (y_to - y_from) * scale, full_w * scale,
                  (y_to - y_from) * scale)
        canv.clipPath(clip, stroke=0, fill=0)
        place_map(canv, scale, bx, top - y_from * scale, page_h, drawing.height)
        canv.restoreState()
        _grid_overlay(canv, grid, scale, bx, page_h - top + y_from * scale, size, rows,
                      page_h - top)
    canv.showPage()


def _instructions(grid: TileGrid) -> str:
    """The assembly page's line on the sheets and how to join them."""
    orient = "landscape" if grid.sheet_w > grid.sheet_h else "portrait"
    if grid.overlap > 0:
        join = (f"glue strip {grid.overlap / MM:g} mm. Trim each sheet at its top and left cut "
                "marks and lay it over its neighbour's glue strip.")
    else:
        join = ("no overlap. Trim each sheet at its cut marks and butt it edge to edge "
                "against its neighbours.")
    return f"{grid.count} sheets ({grid.columns} across \u00d7 {grid.rows} down), {orient}, {join}"


#: Between two bands of sheet rows on the assembly page (room for row numbers).
BAND_GAP = 22.0


def _poster_extent(grid: TileGrid) -> tuple[float, float]:
    """Width and height of the whole poster: the tiles reach past the drawing."""
    return ((grid.printable_w - grid.overlap) * (grid.columns - 1) + grid.printable_w,
            (grid.printable_h - grid.overlap) * (grid.rows - 1) + grid.printable_h)


def _assembly_paper(grid: TileGrid, head: float) -> tuple[float, float, float, int]:
    """Page width, height, the overview's scale and its number of bands, on
    the sheets' paper turned whichever way (and cut into however many bands
    of rows) shows the poster largest (portrait and fewer bands on a tie)."""
    full_w, _ = _poster_extent(grid)
    m = grid.margin
    step_y = grid.printable_h - grid.overlap

    def fit(w: float, h: float, bands: int) -> float:
        band_h = (math.ceil(grid.rows / bands) - 1) * step_y + grid.printable_h
        return min((w - 2 * m - (bands - 1) * BAND_GAP) / (bands * full_w),
                   (h - 2 * m - head) / band_h)

    options = [(fit(w, h, k) - k * 1e-9 + (1e-12 if w == grid.sheet_w else 0), w, h, k)
               for w, h in ((grid.sheet_w, grid.sheet_h), (grid.sheet_h, grid.sheet_w))
               for k in range(1, grid.rows + 1)]
    _, page_w, page_h, bands = max(options)
    return page_w, page_h, fit(page_w, page_h, bands), bands


def _cell(grid: TileGrid, column: int, row: int, scale: float) -> tuple[float, float]:
    """Size on the overview of the part of a tile no later sheet covers."""
    _, _, sw, sh = grid.tile(column, row).source
    return (min(grid.printable_w - grid.overlap, sw) * scale,
            min(grid.printable_h - grid.overlap, sh) * scale)


def _tile_label_size(grid: TileGrid, scale: float) -> float | None:
    """One font size for every tile's label on the overview, or None when
    some label would not fit its tile."""
    sizes = [label_size(*_cell(grid, t.column, t.row, scale),
                        metrics().width(t.label, 1.0, True)) for t in grid.tiles()]
    return None if None in sizes else min(sizes)


def _grid_overlay(canv: Canvas, grid: TileGrid, scale: float, x0: float, y0: float,
                  size: float | None, rows: range | None = None,
                  top: float | None = None) -> None:
    """Tile outlines over the shrunk map, (x0, y0) its top-left; each tile's
    label at ``size``, or the grid's column and row names when None.  Only
    the tiles of ``rows`` (default all), whose band starts at ``top``."""
    fonts = register_pdf_fonts()
    rows = range(grid.rows) if rows is None else rows
    tiles = [t for t in grid.tiles() if t.row in rows]
    canv.saveState()
    canv.setStrokeColorRGB(*GRID_INK)
    canv.setLineWidth(0.8 if size is not None else 0.4)
    canv.setStrokeAlpha(0.9)
    for tile in tiles:
        sx, sy, sw, sh = tile.source
        canv.rect(x0 + sx * scale, y0 - (sy + sh) * scale, sw * scale, sh * scale,
                  stroke=1, fill=0)
    canv.setFillColorRGB(*GRID_INK)
    if size is None:
        _grid_headings(canv, grid, scale, x0, y0, rows, y0 if top is None else top)
    else:
        canv.setFillAlpha(0.55)
        canv.setFont(fonts["bold"], size)
        for tile in tiles:
            # The label sits in the middle of the part of the tile no later sheet covers.
            cell_w, cell_h = _cell(grid, tile.column, tile.row, scale)
            sx, sy, _, _ = tile.source
            cx, cy = x0 + sx * scale + cell_w / 2, y0 - sy * scale - cell_h / 2
            canv.drawCentredString(cx, cy - size / 3, tile.label)
    canv.restoreState()


def _grid_headings(canv: Canvas, grid: TileGrid, scale: float, x0: float, y0: float,
                   rows: range, top: float) -> None:
    """Column letters above the band (at ``top``) and its row numbers left of
    it; where the tiles are narrower than a name, every second (third...) one."""
    canv.setFont(register_pdf_fonts()["bold"], HEADING_SIZE)
    last = grid.tile(grid.columns - 1, grid.rows - 1).label
    widest = metrics().width(last[:len(last.rstrip("0123456789"))], HEADING_SIZE, True)
    cell_w, cell_h = _cell(grid, 0, 0, scale)
    every_x = max(1, math.ceil((widest + 2) / cell_w))
    every_y = max(1, math.ceil(HEADING_SIZE * 1.2 / cell_h))
    for column in range(0, grid.columns, every_x):
        cx = x0 + grid.tile(column, 0).source[0] * scale + cell_w / 2
        canv.drawCentredString(cx, top + 3, column_letters(column))
    for row in range(rows.start, rows.stop, every_y):
        cy = y0 - grid.tile(0, row).source[1] * scale - cell_h / 2
        canv.drawRightString(x0 - 3, cy - HEADING_SIZE / 3, str(row + 1))
