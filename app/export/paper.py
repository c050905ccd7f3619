"""Paper sizes and the arithmetic of fitting and tiling a map onto sheets.

Pure functions on plain numbers: no Qt, no reportlab.  All lengths are in
PostScript points (1/72 inch); one layout unit is one point, so a map of
``W x H`` layout units printed "at full size" covers ``W x H`` points.

A poster is printed over a grid of sheets.  Every sheet keeps a blank margin
all round (printers cannot print to the edge; the labels and cut marks live
there) and shows one *tile* of the map in its printable area.  Neighbouring
tiles share a strip ``overlap`` wide (the glue margin): the next tile starts
``printable - overlap`` after the previous one, so the sheets can be trimmed
at the cut marks and laid over their neighbour's glue strip.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MM = 72.0 / 25.4

#: Portrait sizes (width, height) in points.  ISO sizes are defined in mm.
PAPER_SIZES: dict[str, tuple[float, float]] = {
    "A0": (841 * MM, 1189 * MM),
    "A1": (594 * MM, 841 * MM),
    "A2": (420 * MM, 594 * MM),
    "A3": (297 * MM, 420 * MM),
    "A4": (210 * MM, 297 * MM),
    "A5": (148 * MM, 210 * MM),
    "Letter": (612.0, 792.0),
    "Legal": (612.0, 1008.0),
    "Tabloid": (792.0, 1224.0),
}
PAPER_NAMES = tuple(PAPER_SIZES)

#: Blank border kept on every printed page (room for labels and cut marks).
DEFAULT_MARGIN = 10 * MM


def paper_name(name: str) -> str:
    """The canonical spelling of a paper name, accepting any case (``a4`` -> ``A4``).

    Raises:
        ValueError: for an unknown paper, naming the known ones.
    """
    for known in PAPER_NAMES:
        if known.lower() == name.strip().lower():
            return known
    raise ValueError(f"unknown paper {name!r}; expected one of {', '.join(PAPER_NAMES)}")


def paper_size(name: str, landscape: bool = False) -> tuple[float, float]:
    """Width and height in points of a paper, turned to landscape if asked."""
    w, h = PAPER_SIZES[paper_name(name)]
    return (h, w) if landscape else (w, h)


@dataclass(frozen=True)
class Placement:
    """Where a drawing goes on a page: ``scale``, then offset by ``(x, y)``.

    Coordinates are top-down like the layout: ``(x, y)`` is where the
    drawing's top-left corner lands on the page.
    """

    scale: float
    x: float
    y: float


def fit(content_w: float, content_h: float, page_w: float, page_h: float,
        margin: float = DEFAULT_MARGIN) -> Placement:
    """Scale a drawing to fit inside the page's margins, centred.

    The drawing is scaled down or up, keeping its proportions.
    """
    avail_w, avail_h = page_w - 2 * margin, page_h - 2 * margin
    if avail_w <= 0 or avail_h <= 0:
        raise ValueError("the margins leave no room on the page")
    if content_w <= 0 or content_h <= 0:
        return Placement(1.0, margin, margin)
    scale = min(avail_w / content_w, avail_h / content_h)
    x = margin + (avail_w - content_w * scale) / 2
    y = margin + (avail_h - content_h * scale) / 2
    return Placement(scale, x, y)


def best_orientation(content_w: float, content_h: float, paper: str,
                     margin: float = DEFAULT_MARGIN) -> bool:
    """Whether landscape shows a drawing larger than portrait (ties: portrait)."""
    portrait = fit(content_w, content_h, *paper_size(paper, False), margin).scale
    landscape = fit(content_w, content_h, *paper_size(paper, True), margin).scale
    return landscape > portrait + 1e-9


# ----------------------------------------------------------------- tiling
@dataclass(frozen=True)
class Tile:
    """One sheet of a poster.

    Attributes:
        column: 0-based column in the grid (left to right).
        row: 0-based row in the grid (top to bottom).
        source: ``(x, y, w, h)`` of the drawing shown on this sheet, in
            drawing units (top-down); the last column/row may reach past the
            drawing's edge, where the sheet stays blank.
    """

    column: int
    row: int
    source: tuple[float, float, float, float]

    @property
    def label(self) -> str:
        """Grid position: column letter(s) then row number, e.g. ``B3``."""
        return tile_label(self.column, self.row)


@dataclass(frozen=True)
class TileGrid:
    """How a poster is split over sheets; all lengths in points."""

    columns: int
    rows: int
    sheet_w: float
    sheet_h: float
    margin: float
    overlap: float
    content_w: float
    content_h: float

    @property
    def printable_w(self) -> float:
        """Width of the map shown on one sheet."""
        return self.sheet_w - 2 * self.margin

    @property
    def printable_h(self) -> float:
        """Height of the map shown on one sheet."""
        return self.sheet_h - 2 * self.margin

    @property
    def count(self) -> int:
        """Number of sheets."""
        return self.columns * self.rows

    def tile(self, column: int, row: int) -> Tile:
        """The tile at a grid position."""
        if not (0 <= column < self.columns and 0 <= row < self.rows):
            raise IndexError(f"no tile at column {column}, row {row}")
        step_x = self.printable_w - self.overlap
        step_y = self.printable_h - self.overlap
        return Tile(column, row,
                    (column * step_x, row * step_y, self.printable_w, self.printable_h))

    def tiles(self) -> list[Tile]:
        """All tiles in reading order: row by row, left to right."""
        return [self.tile(c, r) for r in range(self.rows) for c in range(self.columns)]

    def neighbours(self, column: int, row: int) -> dict[str, str]:
        """Labels of the sheets next to one sheet, keyed ``left/right/up/down``."""
        out = {}
        for side, (dc, dr) in (("up", (0, -1)), ("left", (-1, 0)),
                               ("right", (1, 0)), ("down", (0, 1))):
            c, r = column + dc, row + dr
            if 0 <= c < self.columns and 0 <= r < self.rows:
                out[side] = tile_label(c, r)
        return out


def sheets_needed(length: float, printable: float, overlap: float) -> int:
    """How many tiles of ``printable`` overlapping by ``overlap`` cover ``length``.

    Raises:
        ValueError: no printable area, or an overlap not below half of it.
    """
    if printable <= 0:
        raise ValueError("the margins leave no room on the sheet")
    if not 0 <= overlap < printable / 2:
        # Half a sheet of glue already puts every point of the map on two sheets.
        raise ValueError(f"the overlap must be at least 0 and less than half the printable "
                         f"area ({printable / 2 / MM:.0f} mm on this paper)")
    if length <= printable:
        return 1
    # Tolerance: a drawing that ends a rounding error past a tile needs no extra sheet.
    return 1 + math.ceil((length - printable) / (printable - overlap) - 1e-9)


def tile_grid(content_w: float, content_h: float, paper: str, landscape: bool | None = None,
              overlap: float = 10 * MM, margin: float = DEFAULT_MARGIN) -> TileGrid:
    """Split a drawing shown at full size over sheets of ``paper``.

    Args:
        content_w: drawing width in points.
        content_h: drawing height in points.
        paper: a name from `PAPER_NAMES` (any case).
        landscape: sheet orientation; ``None`` picks the one needing fewer
            sheets (portrait on a tie).
        overlap: glue strip shared by neighbouring tiles, in points.
        margin: blank border of each sheet, in points.

    Raises:
        ValueError: unknown paper, negative overlap, or an overlap that
            leaves no progress from one tile to the next.
    """
    if overlap < 0:
        raise ValueError(f"the overlap must not be negative, not {overlap / MM:g} mm")
    if landscape is None:
        grids = [tile_grid(content_w, content_h, paper, flag, overlap, margin)
                 for flag in (False, True)]
        return min(grids, key=lambda g: g.count)  # min() keeps the first (portrait) on a tie
    sheet_w, sheet_h = paper_size(paper, landscape)
    columns = sheets_needed(content_w, sheet_w - 2 * margin, overlap)
    rows = sheets_needed(content_h, sheet_h - 2 * margin, overlap)
    return TileGrid(columns, rows, sheet_w, sheet_h, margin, overlap, content_w, content_h)


def column_letters(column: int) -> str:
    """Spreadsheet-style column name: 0 -> ``A``, 25 -> ``Z``, 26 -> ``AA``."""
    letters = ""
    n = column + 1
    while n:
        n, rest = divmod(n - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def tile_label(column: int, row: int) -> str:
    """Grid label of a sheet: column letter(s) and 1-based row, e.g. ``B3``."""
    return f"{column_letters(column)}{row + 1}"


# ------------------------------------------------------------- page plans
#: Longest side of a page that PDF viewers accept (Acrobat's 200-inch limit).
MAX_PAGE = 14400.0


@dataclass(frozen=True)
class PagePlan:
    """How a drawing goes onto paper; the export dialog previews exactly this.

    Attributes:
        mode: ``"fit"`` (one page sized to the drawing), ``"paper"`` (the
            drawing scaled onto one sheet) or ``"poster"`` (full size, tiled).
        page_w: page width in points (the sheet size for a poster).
        page_h: page height in points.
        placement: where the drawing goes on the page (not for posters).
        grid: the poster's tiles (posters only).
    """

    mode: str
    page_w: float
    page_h: float
    placement: Placement | None = None
    grid: TileGrid | None = None

    @property
    def pages(self) -> int:
        """Pages of the map: one, or the assembly page plus one per sheet."""
        return 1 if self.grid is None else 1 + self.grid.count


def plan_pages(content_w: float, content_h: float, page: str | None = None,
               landscape: bool | None = None, poster: bool = False,
               overlap: float = 10 * MM, margin: float = DEFAULT_MARGIN) -> PagePlan:
    """Decide the pages for a drawing of ``content_w x content_h`` points.

    Args:
        content_w: drawing width (layout units = points at full size).
        content_h: drawing height.
        page: paper name; None fits one page to the drawing at full size,
            shrunk only if its longer side would pass 200 inches (`MAX_PAGE`);
            a poster then uses A4.
        landscape: orientation; None picks the better one.
        poster: tile the drawing at full size over sheets of ``page``.
        overlap: glue strip between poster tiles, in points.
        margin: blank border of every page, in points.

    Raises:
        ValueError: unknown paper or impossible overlap.
    """
    if poster:
        grid = tile_grid(content_w, content_h, page or "A4", landscape, overlap, margin)
        return PagePlan("poster", grid.sheet_w, grid.sheet_h, grid=grid)
    if page is None:
        # One page the size of the drawing; beyond viewers' limit the drawing is
        # shrunk, keeping its proportions, until the longer side is MAX_PAGE.
        scale = min(1.0, (MAX_PAGE - 2 * margin) / max(content_w, content_h, 1.0))
        w, h = content_w * scale + 2 * margin, content_h * scale + 2 * margin
        return PagePlan("fit", w, h, Placement(scale, margin, margin))
    if landscape is None:
        landscape = best_orientation(content_w, content_h, page, margin)
    w, h = paper_size(page, landscape)
    return PagePlan("paper", w, h, fit(content_w, content_h, w, h, margin))


def label_size(cell_w: float, cell_h: float, width_at_1pt: float, largest: float = 28.0,
               smallest: float = 5.0) -> float | None:
    """Font size for a tile's label drawn in a ``cell_w x cell_h`` box, or None
    when even ``smallest`` would not fit (tiny tiles on a big poster's overview).

    Args:
        cell_w: width of the box.
        cell_h: height of the box.
        width_at_1pt: the label's width at a font size of 1, measured in the
            font it is drawn with (a bold ``W`` is half as wide again as a ``1``).
        largest: the size of labels in roomy boxes.
        smallest: the smallest size worth printing.
    """
    size = min(largest, cell_h * 0.5, cell_w * 0.7 / max(width_at_1pt, 1e-6))
    return size if size >= smallest else None
