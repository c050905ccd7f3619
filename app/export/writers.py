"""The writers the export registry (`app.export.formats`) names, one per format.

A drawn format's writer takes a `DrawnExport` and the temporary path to
write; a table format's writer returns the file's bytes.  The exporter makes
either atomic (`app.model.atomic`).  The PDF writer needs no Qt; the image
writers import it only when called.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.model.journey import Journey

if TYPE_CHECKING:
    from app.export.drawing import Drawing
    from app.export.exporter import ExportOptions
    from app.export.paper import PagePlan


@dataclass(frozen=True)
class DrawnExport:
    """Everything a drawn format's writer needs besides the path.

    Attributes:
        drawing: the laid-out map and title block.
        plan: the pages (or the image's page) to draw it on.
        options: the export options (paper, poster, marks, dpi...).
        insights: the text of an insights page, or None for none.
        progress: called with the writer's own fraction 0..1 as it advances.
    """

    drawing: Drawing
    plan: PagePlan
    options: ExportOptions
    insights: str | None
    progress: Callable[[float], None]


def write_pdf_export(job: DrawnExport, path: str) -> None:
    """Write ``job`` as a PDF (reportlab, no Qt)."""
    from app.export.paper import paper_name
    from app.export.pdf import write_pdf

    options = job.options
    write_pdf(job.drawing, path, page=options.page and paper_name(options.page),
              landscape=options.landscape, poster=options.poster,
              overlap_mm=options.overlap_mm, marks=options.marks, insights=job.insights)


def write_png_export(job: DrawnExport, path: str) -> None:
    """Write ``job`` as a PNG at the options' resolution."""
    from app.export import image

    image.write_png(job.drawing, job.plan, path, job.options.dpi, job.progress)


def write_svg_export(job: DrawnExport, path: str) -> None:
    """Write ``job`` as an SVG drawing."""
    from app.export import image

    image.write_svg(job.drawing, job.plan, path)


def csv_bytes(journey: Journey, persona: str | None, out: str,
              options: ExportOptions | None = None) -> bytes:
    """The CSV export's bytes (UTF-8 with a byte order mark, as `export_csv` writes)."""
    from app.export.csv_export import to_csv

    delimiter = options.delimiter if options is not None else ","
    return ("\ufeff" + to_csv(journey, persona, out, delimiter)).encode("utf-8")


def xlsx_bytes(journey: Journey, persona: str | None, out: str,
               options: ExportOptions | None = None) -> bytes:
    """The workbook's bytes (`app.export.xlsx_export`)."""
    from app.export.xlsx_export import to_xlsx

    return to_xlsx(journey, persona, out)
