"""Vector PDF export with reportlab: one page, a page of paper, or a poster.

The map (with its title block) is drawn once as a reportlab form XObject and
placed on every page that shows it: scaled on the single page, clipped to
one tile on each poster sheet, and shrunk on the poster's assembly page
(`app.export.pdfposter`).  A poster of hundreds of sheets therefore weighs
hardly more than the single page.
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
from app.export.paper import MM, PagePlan, paper_name, plan_pages
from app.export.pdffonts import draw_string
from app.export.pdfmap import MAP_FORM, draw_drawing, place_map
from app.export.pdfposter import INK, write_poster
from app.export.pdfpriorities import priorities_page
from app.layout.grayscale import ink_rgb
from app.layout.text import metrics, register_pdf_fonts


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
    # reportlab writes "anonymous" unless told otherwise; a map has no author field.
    canv.setAuthor("")
    canv.setSubject("Customer journey map")
    canv.setCreator("Journeymap")
    canv.beginForm(MAP_FORM, 0, 0, drawing.width, drawing.height)
    draw_drawing(canv, drawing)
    canv.endForm(Resources=_form_resources(canv))
    if plan.grid is None:
        place_map(canv, plan.placement.scale, plan.placement.x, plan.placement.y,
                  plan.page_h, drawing.height)
        canv.showPage()
    else:
        write_poster(canv, drawing, plan.grid, marks, title)
    if insights is not None:
        _insights_pages(canv, insights, page)
        priorities_page(canv, drawing.journey, page)  # the impact x effort matrix (issue 13)
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
        canv.setFillColorRGB(*ink_rgb(INK))
        canv.setFont(fonts["bold"], 16)
        canv.drawString(m, h - m - 16, "Insights")
        y = h - m - 40
        for text, bold in lines[start:start + per_page]:
            draw_string(canv, m, y, text, size, bold)
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
