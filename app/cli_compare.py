"""``journeymap diff`` and ``journeymap merge`` (DESIGN.md, "Compare and merge maps").

::

    journeymap diff OLD NEW [--json | --text] [-o OUT.pdf|.png|.svg] [paper options]
    journeymap merge BASE OURS THEIRS [-o OUT]

``diff`` exits 0 when the maps are the same, 1 when they differ, 2 on error.
Called by git as an external diff driver it gets seven arguments
(``path old-file old-hex old-mode new-file new-hex new-mode``, ``/dev/null``
for a side that does not exist): it then prints a header line and the
``--text`` lines, and exits 0 when the maps differ, as git stops at any
other status ("external diff died").

``merge`` writes the merged map to OUT (default OURS, as a git merge driver
must), prints one ``journeymap: conflict: ...`` line per conflict on stderr
and exits 0 when clean, 1 with conflicts; on bad input it exits 2 and writes
nothing.  No Qt unless a PNG or SVG change map is asked for.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.model.errors import JourneyError
from app.model.journey import Journey

if TYPE_CHECKING:
    from app.export.exporter import ExportOptions

GIT_DIFF_ARGS = 7
CHANGE_MAP_SUFFIXES = (".pdf", ".png", ".svg")


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """Add the ``diff`` and ``merge`` subcommands to the command line's parser."""
    diff = sub.add_parser(
        "diff", help="show what changed between two maps (exit 0 same, 1 different)",
        description="Compare two maps. As git's external diff driver it also takes git's "
        "seven arguments: path old-file old-hex old-mode new-file new-hex new-mode.")
    diff.add_argument("files", nargs="+", metavar="FILE", help="OLD NEW")
    form = diff.add_mutually_exclusive_group()
    form.add_argument("--json", action="store_true", help="print the changes as JSON")
    form.add_argument("--text", action="store_true",
                      help="print one line per change (the default)")
    diff.add_argument("-o", "--output", metavar="OUT",
                      help="draw NEW with the changes marked: .pdf, .png or .svg")
    from app.cli import add_paper_options

    add_paper_options(diff)
    diff.set_defaults(run=run_diff)
    merge = sub.add_parser(
        "merge", help="three-way merge of maps (git's merge driver: %%O %%A %%B)")
    merge.add_argument("base", metavar="BASE")
    merge.add_argument("ours", metavar="OURS")
    merge.add_argument("theirs", metavar="THEIRS")
    merge.add_argument("-o", "--output", metavar="OUT", help="where to write (default: OURS)")
    merge.set_defaults(run=run_merge)


# --------------------------------------------------------------------- diff
def _load_side(path: str) -> Journey:
    from app.model.fileformat import load

    if path == os.devnull:  # git: the file does not exist on this side
        return Journey()
    return load(path)


def run_diff(options: argparse.Namespace) -> int:
    """``journeymap diff``; returns the exit status."""
    from app.model.diff import diff_maps
    from app.model.difftext import diff_lines

    files = options.files
    git = len(files) == GIT_DIFF_ARGS
    if not git and len(files) != 2:
        raise JourneyError(f"diff: expected OLD and NEW (or git's {GIT_DIFF_ARGS} arguments), "
                           f"got {len(files)} file arguments")
    old_path, new_path = (files[1], files[4]) if git else files
    if options.output:
        _check_output(options)
    old, new = _load_side(old_path), _load_side(new_path)
    diff = diff_maps(old, new)
    if options.output:
        from app.export.changemap import export_change_map

        export_change_map(diff, options.output, _export_options(options))
    if options.json:
        print(json.dumps(diff.as_dict(), indent=2, ensure_ascii=False))
    elif git:
        if not diff.is_empty():
            print(f"journeymap diff a/{files[0]} b/{files[0]}")
            print("\n".join(diff_lines(diff)))
        return 0
    elif options.text or not options.output:
        lines = diff_lines(diff)
        if lines:
            print("\n".join(lines))
    return 0 if diff.is_empty() else 1


def _check_output(options: argparse.Namespace) -> None:
    from app.cli import _check_export_options

    suffix = Path(options.output).suffix.lower()
    if suffix not in CHANGE_MAP_SUFFIXES:
        given = Path(options.output).suffix
        raise JourneyError(f'{options.output}: unknown change map format "{given}"; '
                           "expected .pdf, .png or .svg")
    _check_export_options(options)
    if options.poster and suffix != ".pdf":
        raise JourneyError(f"{options.output}: poster tiling is for PDF; "
                           "export a .pdf for a poster")


def _export_options(options: argparse.Namespace) -> ExportOptions:
    from app.export.exporter import ExportOptions

    return ExportOptions(page=options.page, landscape=options.landscape, poster=options.poster,
                         overlap_mm=options.overlap, marks=options.marks, dpi=options.dpi)


# -------------------------------------------------------------------- merge
def run_merge(options: argparse.Namespace) -> int:
    """``journeymap merge``; returns the exit status."""
    from app.model.fileformat import load, save
    from app.model.merge import merge_maps

    base, ours, theirs = (load(path) for path in (options.base, options.ours, options.theirs))
    result = merge_maps(base, ours, theirs)
    save(result.journey, options.output or options.ours)
    for line in result.conflicts:
        print(f"journeymap: conflict: {line}", file=sys.stderr)
    return 1 if result.conflicts else 0
