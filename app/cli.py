"""The ``journeymap`` command (docs/command-line.md).

::

    journeymap [FILE]                         open the editor
    journeymap new -o FILE [--template NAME]  write a new map from a template
    journeymap templates                      list the templates
    journeymap import CSV|XLSX -o FILE [--force]  build a map from a CSV or a workbook
    journeymap export FILE -o OUT [options]   write .pdf, .png, .svg, .csv or .xlsx
    journeymap check FILE [--json]            validate and print insights
    journeymap diff OLD NEW [--json|--text]   what changed (app.cli_compare)
    journeymap merge BASE OURS THEIRS         three-way merge (git's merge driver)
    journeymap desktop install|uninstall      menu entry and file type for this user

Every error is one line ``journeymap: error: ...`` on stderr and exit status
2, with no traceback and no output file left behind.  The editor and the
PDF/image exporters are imported only when needed, so that the other commands
never load Qt.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from app.model.gcpause import paused_gc

with paused_gc():  # imports make objects that all stay: see `app.model.gcpause`
    from app.desktop.command import add_desktop_parser
    from app.model.errors import JourneyError
    from app.model.journey import Journey

COMMANDS = ("new", "templates", "import", "export", "check", "diff", "merge", "desktop")
#: Imported as workbooks (an old .xls gets a message that says what to do).
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")
DELIMITERS = {",": ",", ";": ";", "tab": "\t", "\t": "\t"}
DPI_RANGE = (10, 1200)


class _UsageError(Exception):
    """A command line argparse could not make sense of."""


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one line, reported by `main`."""

    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix("journeymap").strip()
        raise _UsageError(f"{command}: {message}" if command else message)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 2 bad input)."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        return _dispatch(args)
    except (JourneyError, _UsageError) as exc:
        print(f"journeymap: error: {exc}", file=sys.stderr)
        return 2
    except SystemExit as exc:  # --help and --version
        return exc.code if isinstance(exc.code, int) else 0
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader (``| head``) went away: stop quietly, as other tools do.
        with contextlib.suppress(OSError):
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 1


def _dispatch(args: list[str]) -> int:
    if args and (args[0] in COMMANDS or args[0] in ("-h", "--help", "--version")):
        options = build_parser().parse_args(args)
        return options.run(options)
    options = _open_parser().parse_args(args)
    return _open(options.file)


def build_parser() -> argparse.ArgumentParser:
    """The parser of the subcommands (``journeymap FILE`` is handled apart)."""
    parser = _Parser(
        prog="journeymap",
        description="Customer journey maps: open the editor with 'journeymap [FILE]', "
        "or use one of these commands.",
    )
    parser.add_argument("--version", action="version", version=f"journeymap {_version()}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND", required=True,
                                parser_class=_Parser)
    new = sub.add_parser("new", help="write a new map from a template")
    new.add_argument("-o", "--output", required=True, metavar="FILE", help="the map to write")
    new.add_argument("--template", metavar="NAME", help="a name from 'journeymap templates'")
    new.add_argument("--force", action="store_true", help="replace FILE if it exists")
    new.set_defaults(run=_new)
    templates = sub.add_parser("templates", help="list the templates")
    templates.set_defaults(run=_templates)
    imp = sub.add_parser("import", help="build a map from a CSV file or an .xlsx workbook")
    imp.add_argument("csv", metavar="CSV|XLSX")
    imp.add_argument("-o", "--output", required=True, metavar="FILE", help="the map to write")
    imp.add_argument("--force", action="store_true", help="replace FILE if it exists")
    imp.add_argument("--sheet", metavar="NAME",
                     help="the workbook's sheet with the cards (default: Cards, else the first)")
    imp.add_argument("--encoding", metavar="NAME",
                     help="the CSV's encoding, e.g. cp1252 (default: UTF-8, or as its BOM says)")
    imp.set_defaults(run=_import)
    _add_export_parser(sub)
    check = sub.add_parser("check", help="validate a map and print its insights")
    check.add_argument("file", metavar="FILE")
    check.add_argument("--json", action="store_true", help="print the insights as JSON")
    check.add_argument("--persona", metavar="NAME", help="narrow the insights to one persona")
    check.set_defaults(run=_check)
    from app.cli_compare import add_parsers

    add_parsers(sub)
    add_desktop_parser(sub)
    return parser


def _add_export_parser(sub: argparse._SubParsersAction) -> None:
    from app.export.formats import name_list, suffix_list

    export = sub.add_parser("export", help=f"write the map as {name_list()}")
    export.add_argument("file", metavar="FILE")
    export.add_argument("-o", "--output", required=True, metavar="OUT",
                        help=f"file to write; its suffix picks the format ({suffix_list()})")
    add_paper_options(export)
    export.add_argument("--persona", metavar="NAME", help="only that persona's cards")
    export.add_argument("--insights", action="store_true", help="add an insights page (PDF)")
    export.add_argument("--notes", action="store_true",
                        help="print each card's notes under its title (PDF, PNG, SVG)")
    export.add_argument("--grayscale", action="store_true",
                        help="every colour as its grey (PDF, PNG, SVG)")
    export.add_argument("--department", metavar="NAME",
                        help="only that department's cards (and, faded, their flows' other ends)")
    export.add_argument("--delimiter", choices=(",", ";", "tab"), metavar="{,|;|tab}",
                        help="the CSV's separator (default: comma)")
    export.set_defaults(run=_export)


def add_paper_options(parser: argparse.ArgumentParser) -> None:
    """The paper, poster and resolution options of ``export`` (and ``diff -o``)."""
    parser.add_argument("--page", metavar="PAPER",
                        help="A0..A5, Letter, Legal or Tabloid (default: one page that fits)")
    side = parser.add_mutually_exclusive_group()
    side.add_argument("--landscape", dest="landscape", action="store_const", const=True)
    side.add_argument("--portrait", dest="landscape", action="store_const", const=False)
    parser.add_argument("--poster", action="store_true",
                        help="tile the map at full size over sheets of --page")
    parser.add_argument("--overlap", type=float, default=None, metavar="MM",
                        help="glue margin between poster tiles (default 10)")
    parser.add_argument("--no-marks", dest="marks", action="store_false",
                        help="no cut marks on poster sheets")
    parser.add_argument("--dpi", type=int, default=150, metavar="N",
                        help="PNG resolution (default 150)")


def _open_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="journeymap",
        usage=f"journeymap [FILE] | journeymap {{{','.join(COMMANDS)}}} ...",
        description="Open the journey map editor (on FILE when given). "
        "'journeymap --help' lists the other commands.",
    )
    parser.add_argument("file", nargs="?", metavar="FILE")
    return parser


def _version() -> str:
    from app.desktop.identity import version

    return version()


# ---------------------------------------------------------------- commands
def _open(path: str | None) -> int:
    if path is not None:
        _check_openable(path)
    from app.display import check_display

    check_display()  # before Qt, which would abort the process without a display
    try:
        with paused_gc():  # (the same for Qt and the editor's modules)
            from app.window.main_window import run_editor
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("PySide6"):
            raise JourneyError("the editor needs PySide6 (pip install the project)") from None
        if exc.name != "app.window.main_window":
            raise
        return _open_without_editor(path)
    return run_editor(path)


def _check_openable(path: str) -> None:
    """A missing or unreadable file is reported before any window opens."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        hint = "" if os.path.splitext(path)[1] else (
            f"; the commands are {', '.join(COMMANDS)} (see 'journeymap --help')")
        raise JourneyError(f"{path}: no such file{hint}") from None
    except OSError as exc:
        raise JourneyError(f"{path}: cannot read: {exc.strerror or exc}") from None
    from app.model.reading import check_kind

    check_kind(path, info.st_mode)


def _open_without_editor(path: str | None) -> int:
    # Until the editor lands, show what the file holds rather than nothing.
    if path is None:
        print("journeymap: the editor is not part of this build yet; see 'journeymap --help'")
        return 0
    from app.model.fileformat import load

    print(summary(load(path), path))
    return 0


def _new(options: argparse.Namespace) -> int:
    from app.model.fileformat import save
    from app.model.templates import DEFAULT_TEMPLATE, load_template

    out = Path(options.output)
    if out.exists() and not options.force:
        raise JourneyError(f"{options.output}: already exists; use --force to replace it")
    journey = load_template(options.template or DEFAULT_TEMPLATE)
    save(journey, out)
    print(f"wrote {options.output}: {_counts(journey)}")
    return 0


def _templates(options: argparse.Namespace) -> int:
    from app.model.templates import template_names, template_summary

    names = template_names()
    width = max(map(len, names), default=0)
    for name in names:
        print(f"{name:<{width}}  {template_summary(name)}")
    return 0


def _import(options: argparse.Namespace) -> int:
    from app.model.fileformat import save

    _check_import_output(options.csv, options.output, options.force)
    journey = _read_table(options)
    save(journey, options.output)
    print(f"wrote {options.output}: {_counts(journey)}")
    return 0


def _check_import_output(source: str, output: str, force: bool) -> None:
    """Refuse to replace an existing map without --force, and the CSV itself ever."""
    _not_the_input(source, output, "the CSV being imported")
    if os.path.exists(output) and not force:
        raise JourneyError(f"{output}: already exists; use --force to replace it")


def _not_the_input(source: str, output: str, what: str) -> None:
    """Refuse an output that is the input file (by any name or link)."""
    with contextlib.suppress(OSError):
        if os.path.samefile(source, output):
            raise JourneyError(f"{output}: is {what}; write to another file")


def _read_table(options: argparse.Namespace) -> Journey:
    """The map in the CSV or workbook to import (by the file's suffix)."""
    from app.model.csv_source import EncodingError

    if Path(options.csv).suffix.lower() in WORKBOOK_SUFFIXES:
        if options.encoding is not None:
            raise JourneyError("--encoding: only for CSV files; a workbook knows its encoding")
        from app.model.xlsx_import import import_xlsx

        return import_xlsx(options.csv, options.sheet)
    if options.sheet is not None:
        raise JourneyError("--sheet: only for .xlsx workbooks")
    from app.model.csv_import import import_csv

    try:
        return import_csv(options.csv, options.encoding)
    except EncodingError as exc:
        if options.encoding is not None:
            raise
        raise JourneyError(
            f"{exc}, or name its encoding with --encoding (for example --encoding cp1252)"
        ) from None


def _check(options: argparse.Namespace) -> int:
    from app.model import analysis
    from app.model.fileformat import load

    journey = load(options.file)
    persona = persona_id(journey, options.persona, options.file)
    if options.json:
        print(json.dumps(analysis.insights(journey, persona), indent=2, ensure_ascii=False))
        return 0
    print(summary(journey, options.file))
    print()
    print(analysis.format_report(journey, persona).rstrip("\n"))
    return 0


def _export(options: argparse.Namespace) -> int:
    from app.export.formats import format_for
    from app.model.fileformat import load

    format_for(options.output)  # an unknown format is reported before the map is read
    _not_the_input(options.file, options.output, "the map being exported")
    if options.delimiter is not None and format_for(options.output).suffix != ".csv":
        raise JourneyError("--delimiter: only for .csv output")
    page = _check_export_options(options)
    journey = load(options.file)
    persona = persona_id(journey, options.persona, options.file)
    if options.department:
        from app.export.department import resolve_department

        try:
            resolve_department(journey, options.department)
        except JourneyError as exc:
            raise JourneyError(f"{options.file}: {exc}") from None
    _write_export(journey, Path(options.output), page, persona, options)
    return 0


def _check_export_options(options: argparse.Namespace) -> str | None:
    """Validate the paper, overlap and DPI; returns the paper's canonical name."""
    from app.export.paper import PAPER_NAMES, paper_name

    page = None
    if options.page is not None:
        try:
            page = paper_name(options.page)
        except ValueError:
            raise JourneyError(
                f'--page: unknown paper "{options.page}"; expected one of {", ".join(PAPER_NAMES)}'
            ) from None
    if options.overlap is not None and (not math.isfinite(options.overlap)
                                        or options.overlap < 0):
        raise JourneyError(
            f"--overlap: expected a glue margin of 0 mm or more, got {options.overlap:g}"
        )
    _check_poster_options(options, page)
    if options.overlap is None:
        options.overlap = 10.0
    low, high = DPI_RANGE
    if not low <= options.dpi <= high:
        raise JourneyError(f"--dpi: expected a resolution from {low} to {high}, got {options.dpi}")
    return page


def _check_poster_options(options: argparse.Namespace, page: str | None) -> None:
    """Options that would do nothing in this combination are errors, not silence."""
    side = {True: "--landscape", False: "--portrait"}.get(options.landscape)
    if options.poster and page is None:
        raise JourneyError("--poster: tile the map over which paper? add --page A4 (or A0..A5, "
                           "Letter, Legal, Tabloid)")
    if side and page is None:
        raise JourneyError(f"{side}: the page is sized to the map; choose a paper with --page "
                           "to choose its orientation")
    if options.overlap is not None and not options.poster:
        raise JourneyError("--overlap: only poster sheets overlap; add --poster and --page")
    if not options.marks and not options.poster:
        raise JourneyError("--no-marks: only poster sheets have cut marks; add --poster and "
                           "--page")


def _write_export(
    journey: Journey, out: Path, page: str | None, persona: str | None,
    options: argparse.Namespace,
) -> None:
    # Every format goes through the exporter, which writes atomically: a
    # failure leaves no file behind and reports one line.
    from app.export.exporter import ExportOptions, export_map

    try:
        export_map(
            journey,
            str(out),
            ExportOptions(
                page=page,
                landscape=options.landscape,
                poster=options.poster,
                overlap_mm=options.overlap,
                marks=options.marks,
                dpi=options.dpi,
                persona=persona,
                insights=options.insights,
                notes=options.notes,
                grayscale=options.grayscale,
                department=options.department,
                delimiter=DELIMITERS[options.delimiter or ","],
            ),
        )
    except JourneyError as exc:
        # The paper cannot take that much glue: the option is at fault, not the file.
        prefix = f"{out}: the overlap"
        if str(exc).startswith(prefix):
            raise JourneyError(f"--overlap: the overlap{str(exc)[len(prefix):]}") from None
        raise


# ----------------------------------------------------------------- helpers
def persona_id(journey: Journey, name: str | None, source: str) -> str | None:
    """The id of the persona called ``name`` (or with that id); None for None.

    Raises:
        JourneyError: the map has no such persona.
    """
    if name is None:
        return None
    found = journey.persona_named(name)
    if found is not None:
        return found.id
    for persona in journey.personas:
        if persona.name.casefold() == name.casefold():
            return persona.id
    known = ", ".join(f'"{p.name}"' for p in journey.personas) or "none"
    raise JourneyError(f'{source}: no persona named "{name}"; the personas are: {known}')


def summary(journey: Journey, source: str) -> str:
    """A few lines saying what a map holds."""
    title = f'"{journey.title}"' if journey.title else "(untitled)"
    return f"{source}: a valid journey map\n{title}\n{_counts(journey)}"


def _counts(journey: Journey) -> str:
    counts = {
        "stage": len(journey.stages),
        "lane": len(journey.lanes),
        "card": journey.graph.number_of_nodes(),
        "flow": len(journey.flows),
        "department": len(journey.departments),
        "persona": len(journey.personas),
    }
    return ", ".join(f"{n} {what}{'' if n == 1 else 's'}" for what, n in counts.items())
