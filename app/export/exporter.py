"""One entry point for every map export: `export_map` dispatches by suffix.

The formats and their writers are registered in `app.export.formats`
(PDF, PNG, SVG, CSV, XLSX...).  A drawn format is laid out once (`build_drawing`)
and planned on pages, then written by its writer; ``.pdf`` goes through
reportlab and never imports Qt (a headless command-line export starts fast
and needs no display), ``.png`` and ``.svg`` are drawn with Qt by
`app.export.image`, from the same layout.  A table format (``.csv``,
``.xlsx``) has no pages, so only the persona applies.  Every export is atomic
(`app.model.atomic`): a failure never leaves a partial file, and an output
that is a symbolic link is written through.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import os
from collections.abc import Callable
from dataclasses import dataclass

from app.export.coverage import missing_note
from app.export.drawing import Drawing, build_drawing, resolve_persona
from app.export.formats import ExportFormat, export_formats, format_for
from app.export.paper import MAX_PAGE, MM, PAPER_NAMES, PagePlan, paper_name, plan_pages
from app.export.writers import DrawnExport
from app.layout.grayscale import drawn_in_grey
from app.layout.style import DEFAULT_STYLE, Style
from app.model.atomic import atomic_path, atomic_write
from app.model.errors import JourneyError
from app.model.journey import Journey

DPI_RANGE = (10, 1200)
#: Widest image we render (QPainter's raster engine works in 32-bit ints);
#: the height is rendered in bands and only limited by time.
MAX_IMAGE_SIDE = 32_000

Progress = Callable[[float], None]

#: Notes for the user (a map shrunk to fit the largest page).  Nothing
#: configures logging in the command line, so Python prints a warning as the
#: bare message, one line on stderr; the editor shows the same in its dialog.
log = logging.getLogger(__name__)


@dataclass
class ExportOptions:
    """What to export and how; the defaults give one page fitted to the map.

    Attributes:
        page: paper name (A0..A5, Letter, Legal, Tabloid, any case); None
            sizes one page to the map.
        landscape: paper orientation; None picks the one that suits the map.
        poster: PDF only: print the map at full size tiled over sheets of
            ``page`` (A4 when None), with an assembly page first.
        overlap_mm: glue strip shared by neighbouring poster sheets.
        marks: cut marks and glue lines on poster sheets.
        dpi: PNG resolution (layout units are points: 72 per inch).
        persona: a persona id (or name): show the map as that persona sees it.
        insights: PDF only: add an Insights page.
        notes: print each card's notes under its title (PDF, PNG, SVG).
        department: a department's name (or id): only its cards, and faded the
            cards at the other end of their flows (PDF, PNG, SVG).
        style: the theme; None for the canvas's default style.
        grayscale: drawn formats: every colour as its grey (checks that each
            meaning has a cue besides its colour, `app.layout.marks`).
    """

    page: str | None = None
    landscape: bool | None = None
    poster: bool = False
    overlap_mm: float = 10.0
    marks: bool = True
    dpi: int = 150
    persona: str | None = None
    insights: bool = False
    notes: bool = False
    style: Style | None = None
    department: str | None = None
    #: CSV only: the column separator ("," ";" or a tab).
    delimiter: str = ","
    grayscale: bool = False


def export_map(journey: Journey, out_path: str | os.PathLike[str],
               options: ExportOptions | None = None, *,
               progress: Progress | None = None, drawing: Drawing | None = None) -> list[str]:
    """Write ``journey`` to ``out_path`` as PDF, PNG, SVG or CSV (by its suffix).

    Args:
        journey: the map.
        out_path: the file to write; replaced atomically if it exists.
        options: how to export (defaults: one page fitted to the map).
        progress: called with a fraction 0..1 as the export advances (from
            the exporting thread).
        drawing: what to draw instead of ``journey`` as it is (a change
            map, `app.export.changemap`); not for CSV.

    Returns:
        The notes for the user (also logged, one line each): a map shrunk to
        fit its page, characters no installed font has.

    Raises:
        JourneyError: a bad option (unknown format, paper or persona, an
            impossible overlap or DPI) or a file that cannot be written; the
            message names the output file.  Nothing is written then.
    """
    options = options or ExportOptions()
    out = str(out_path)
    fmt = format_for(out)
    check_options(out, options)
    report = progress or (lambda fraction: None)
    try:
        persona = resolve_persona(journey, options.persona)
    except JourneyError as exc:
        raise JourneyError(f"{out}: {exc}") from None
    if not fmt.drawn:
        report(0.1)
        atomic_write(out, fmt.write_function()(journey, persona, out, options))
        report(1.0)
        return []
    # Every colour through `app.layout.grayscale.ink`: its grey when asked.
    with drawn_in_grey(options.grayscale):
        return _write_drawn(journey, out, fmt, persona, options, report, drawing)


def _write_drawn(journey: Journey, out: str, fmt: ExportFormat, persona: str | None,
                 options: ExportOptions, report: Progress, drawing: Drawing | None) -> list[str]:
    if drawing is None:
        style = options.style or DEFAULT_STYLE
        if options.notes:
            style = dataclasses.replace(style, card_notes=True)
        try:
            drawing = build_drawing(journey, persona=persona, style=style,
                                    department=options.department)
        except JourneyError as exc:
            raise JourneyError(f"{out}: {exc}") from None
    report(0.1)
    plan = page_plan(out, drawing, options, fmt.suffix)
    texts = {c.id: f"{c.title} {c.channel}" for c in drawing.journey.cards}
    notes = [n for n in (shrink_note(plan, drawing.width, drawing.height), missing_note(texts))
             if n]
    for note in notes:
        log.warning("journeymap: note: %s: %s", out, note)
    if fmt.suffix != ".pdf":
        _check_image_size(out, plan, options.dpi if fmt.pixels else 72)
    insights = _insights_text(out, drawing.journey, persona) if options.insights else None
    job = DrawnExport(drawing, plan, options, insights, lambda f: report(0.1 + 0.85 * f))
    with atomic_path(out) as tmp:
        fmt.write_function()(job, tmp)
    report(1.0)
    return notes


def check_options(out: str, options: ExportOptions) -> str:
    """Validate the options for writing ``out``; returns its lower-case suffix.

    Raises:
        JourneyError: naming ``out`` and the bad option.
    """
    fmt = format_for(out)
    if options.page is not None:
        try:
            paper_name(options.page)
        except ValueError:
            raise JourneyError(f'{out}: unknown paper "{options.page}"; expected one of '
                               f'{", ".join(PAPER_NAMES)}') from None
    overlap = options.overlap_mm
    if not isinstance(overlap, int | float) or not math.isfinite(overlap) or overlap < 0:
        raise JourneyError(f"{out}: the overlap must be 0 mm or more, not {overlap!r}")
    if options.poster and not fmt.poster:
        raise JourneyError(f"{out}: poster tiling is for {_names('poster')}; "
                           f"export {_suffixes('poster')} for a poster")
    if options.department and not fmt.drawn:
        raise JourneyError(f"{out}: --department is for drawn maps (PDF, PNG, SVG)")
    if options.insights and not fmt.insights:
        raise JourneyError(f"{out}: the insights page is for {_names('insights')}; "
                           f"export {_suffixes('insights')} to include it")
    low, high = DPI_RANGE
    if fmt.pixels and not (isinstance(options.dpi, int) and low <= options.dpi <= high):
        raise JourneyError(f"{out}: the resolution must be {low} to {high} dpi, "
                           f"not {options.dpi!r}")
    return fmt.suffix


def _capable(feature: str) -> list[ExportFormat]:
    return [fmt for fmt in export_formats() if getattr(fmt, feature)]


def _names(feature: str) -> str:
    return " and ".join(fmt.name for fmt in _capable(feature))


def _suffixes(feature: str) -> str:
    return " or ".join(f"a {fmt.suffix}" for fmt in _capable(feature))


def page_plan(out: str, drawing: Drawing, options: ExportOptions,
              suffix: str = ".pdf") -> PagePlan:
    """The pages (or the image's page) ``options`` give for ``drawing``.

    Raises:
        JourneyError: an overlap too wide for the paper.
    """
    page = options.page and paper_name(options.page)
    try:
        return plan_pages(drawing.width, drawing.height, page, options.landscape,
                          options.poster and format_for("x" + suffix).poster,
                          options.overlap_mm * MM)
    except ValueError as exc:
        raise JourneyError(f"{out}: {exc}") from None


def shrink_note(plan: PagePlan, content_w: float, content_h: float) -> str | None:
    """Why the default page shows the map smaller than full size, or None.

    Without ``--page`` the page is the map at full size (one layout unit is
    one point), unless its longer side would pass 200 inches, the largest page
    PDF viewers accept: then the map is shrunk, keeping its proportions, until
    the page's longer side is 200 inches.  PNG and SVG show that same page.
    """
    if plan.mode != "fit" or plan.placement is None or plan.placement.scale >= 1.0:
        return None
    w_in, h_in = content_w / 72.0, content_h / 72.0
    return (f"the map is {w_in:,.0f} x {h_in:,.0f} inches, shrunk to "
            f"{plan.placement.scale:.0%} for a page at most {MAX_PAGE / 72:.0f} inches long "
            "(the largest PDF viewers accept); --page or --poster print it on paper")


def _check_image_size(out: str, plan: PagePlan, dpi: int) -> None:
    w, h = (round(v * dpi / 72.0) for v in (plan.page_w, plan.page_h))
    if w > MAX_IMAGE_SIDE or h > 8 * MAX_IMAGE_SIDE:
        raise JourneyError(f"{out}: the image would be {w} x {h} pixels, too large; "
                           "choose a lower resolution or a smaller paper")


def _insights_text(out: str, journey: Journey, persona: str | None) -> str:
    try:
        from app.model.analysis import format_report
    except ImportError:
        raise JourneyError(f"{out}: the insights page needs app.model.analysis, "
                           "which this build lacks") from None
    return format_report(journey, persona)
