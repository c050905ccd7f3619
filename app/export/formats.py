"""The export formats, in one registry read by the exporter, the command line and the dialog.

Each `ExportFormat` says what its suffix is, how the Export dialog and the
command line's help name it, which options apply to it, and which function
writes it (``"module:function"``, imported only when that format is
written, so that listing the formats loads neither Qt nor reportlab).  A new
format is one `register_format` call at the end of this module and its
writer; the exporter, the command line (help, errors) and the Export dialog
(format list, file filter, which options apply) follow::

    register_format(ExportFormat(
        "XLSX", ".xlsx", "an XLSX workbook", "app.export.xlsx_export:xlsx_bytes",
        drawn=False))

A *drawn* format draws the map's layout: its writer is
``write(job: DrawnExport, path: str) -> None`` and writes the temporary
``path`` it is given (`app.export.writers`).  A table format's writer is
``write(journey, persona_id, out, options) -> bytes`` (``out`` only names
the file in errors; ``options`` is the `ExportOptions`, for a format's own
settings).  The exporter makes either atomic.  Plain Python; never imports Qt.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.model.errors import JourneyError


@dataclass(frozen=True)
class ExportFormat:
    """One output format.

    Attributes:
        name: what the dialog's format list and file filter show ("PDF").
        suffix: the file suffix that picks it, lower case (".pdf").
        noun: the file described in a sentence ("a PDF", "a CSV table").
        writer: ``"module:function"`` that writes it (see the module docstring).
        drawn: whether it draws the map on a page (False: a table of cards).
        poster: whether it can tile the map over poster sheets.
        insights: whether it can carry an insights page.
        pixels: whether it is a raster image (the resolution applies).
    """

    name: str
    suffix: str
    noun: str
    writer: str
    drawn: bool = True
    poster: bool = False
    insights: bool = False
    pixels: bool = False
    #: A table format's (preview, summary) in the Export dialog; the summary
    #: may name ``{cards}`` and ``{flows}``.
    table: tuple[str, str] | None = None

    @property
    def table_texts(self) -> tuple[str, str]:
        """What the Export dialog says about a table format instead of a preview."""
        if self.table is not None:
            return self.table
        return (f"{self.noun[0].upper()}{self.noun[1:]} is a table, not a picture:\n"
                "one row per card, in the import's columns.",
                f"One {self.name} table: {{cards}} cards (one row each) and {{flows}} flows, "
                "in the columns that the import reads back")

    def write_function(self) -> Callable[..., Any]:
        """Import and return the function that writes this format."""
        module, _, function = self.writer.partition(":")
        return getattr(importlib.import_module(module), function)


_FORMATS: dict[str, ExportFormat] = {}


def register_format(fmt: ExportFormat) -> ExportFormat:
    """Add (or replace) the format for ``fmt.suffix``; returns it."""
    if not fmt.suffix.startswith(".") or fmt.suffix != fmt.suffix.lower():
        raise ValueError(f"a suffix is lower case and starts with a dot, not {fmt.suffix!r}")
    _FORMATS[fmt.suffix] = fmt
    return fmt


def export_formats() -> tuple[ExportFormat, ...]:
    """Every registered format, in registration order (the dialog's order)."""
    return tuple(_FORMATS.values())


def suffixes() -> tuple[str, ...]:
    """The suffixes of every format (".pdf", ...)."""
    return tuple(_FORMATS)


def suffix_list() -> str:
    """The suffixes for a sentence: ".pdf, .png, .svg or .csv"."""
    names = list(_FORMATS)
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def name_list() -> str:
    """The format names for a sentence: "PDF, PNG, SVG or CSV"."""
    names = [fmt.name for fmt in _FORMATS.values()]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def format_for(out: str) -> ExportFormat:
    """The format that ``out``'s suffix picks.

    Raises:
        JourneyError: no format has that suffix (the message names ``out``
            and lists the suffixes).
    """
    suffix = Path(out).suffix
    found = _FORMATS.get(suffix.lower())
    if found is None:
        raise JourneyError(f'{out}: unknown export format "{suffix}"; expected {suffix_list()}')
    return found


register_format(ExportFormat("PDF", ".pdf", "a PDF", "app.export.writers:write_pdf_export",
                             poster=True, insights=True))
register_format(ExportFormat("PNG", ".png", "a PNG image", "app.export.writers:write_png_export",
                             pixels=True))
register_format(ExportFormat("SVG", ".svg", "an SVG drawing",
                             "app.export.writers:write_svg_export"))
register_format(ExportFormat("CSV", ".csv", "a CSV table", "app.export.writers:csv_bytes",
                             drawn=False))
register_format(ExportFormat(
    "XLSX", ".xlsx", "an Excel workbook", "app.export.writers:xlsx_bytes", drawn=False,
    table=("A workbook is tables, not a picture: a sheet of cards,\n"
           "one of flows, and one each for stages, lanes,\n"
           "departments, personas and the map's title.",
           "One Excel workbook: {cards} cards on the Cards sheet and {flows} flows on the "
           "Flows sheet, which import reads back")))
