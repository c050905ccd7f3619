"""``journeymap desktop install|uninstall``: the subcommand, added to the CLI's parser."""

from __future__ import annotations

import argparse
from pathlib import Path

from app.model.errors import JourneyError


def add_desktop_parser(sub: argparse._SubParsersAction) -> None:
    """Add ``desktop install`` / ``desktop uninstall`` to the CLI's subparsers."""
    desktop = sub.add_parser(
        "desktop",
        help="add Journeymap to the desktop menu and open .journey files with it",
        description="Install or remove the desktop entry, AppStream metainfo, the "
        "application/x-journeymap file type and the icons in your XDG data folder "
        "($XDG_DATA_HOME, else ~/.local/share). Nothing needs root.",
    )
    desktop.add_argument("action", choices=("install", "uninstall"))
    desktop.set_defaults(run=_desktop)


def _desktop(options: argparse.Namespace) -> int:
    from app.desktop import xdg

    root = xdg.data_home()
    try:
        if options.action == "install":
            report = xdg.install(root)
            lines = report.lines("installed")
        else:
            report = xdg.uninstall(root)
            lines = report.lines("removed")
    except OSError as exc:
        where = Path(exc.filename) if exc.filename else root
        raise JourneyError(f"{where}: cannot write: {exc.strerror or exc}") from None
    print("\n".join(lines))
    return 0
