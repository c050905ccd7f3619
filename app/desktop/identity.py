"""Who the application is: one id, one name, one version for every piece.

The id is reverse-DNS (freedesktop and AppStream want one): it names the
desktop entry, the metainfo file and the application icon.  Plain Python.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

#: The application id: ``APP_ID.desktop``, ``APP_ID.metainfo.xml``, icon ``APP_ID``.
APP_ID = "org.journeymap.Journeymap"
APP_NAME = "Journeymap"
SUMMARY = "Draw customer journey maps, offline"
#: The MIME type of a ``.journey`` file, and the freedesktop name of its icon.
MIME_TYPE = "application/x-journeymap"
MIME_ICON = "application-x-journeymap"
#: Sizes of the PNG application icon (hicolor theme folders ``NxN``).
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


@cache
def version() -> str:
    """The installed version of journeymap (pyproject.toml's ``version``)."""
    from importlib import metadata

    try:
        return metadata.version("journeymap")
    except metadata.PackageNotFoundError:
        # A standalone build carries the metadata (the bundle spec copies it);
        # only a checkout run without installing lands here.
        return _checkout_version()


def _checkout_version() -> str:
    import tomllib

    pyproject = Path(__file__).resolve().parents[2] / "pyproject.toml"
    try:
        return str(tomllib.loads(pyproject.read_text("utf-8"))["project"]["version"])
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return "unknown"


def frozen() -> bool:
    """Whether this is the standalone (PyInstaller) build."""
    return bool(getattr(sys, "frozen", False))


#: Released versions, newest first, with their dates (AppStream ``<releases>``);
#: tests/desktop checks that the installed version is listed.
RELEASES = (("0.1.0", "2026-12-03"),)
