"""Where the bundled resources are: fonts, icons, templates and the sample map.

The files live in the repository's top-level ``resources/`` folder, which the
wheel installs as the package ``app._resources`` (pyproject.toml maps one onto
the other).  Every user finds them through `resource_path`, never through a
path built from ``__file__``, so a regular install, an editable install and a
plain checkout all work.  Plain Python; never imports Qt.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

#: The package the wheel installs ``resources/`` as.
PACKAGE = "app._resources"
#: ``resources/`` beside ``app/`` in a checkout.
_CHECKOUT_DIR = Path(__file__).resolve().parents[2] / "resources"


def resource_path(name: str) -> Path:
    """The file or folder ``name`` (``/``-separated, e.g. ``"fonts/DejaVuSans.ttf"``).

    The path is a real file on disk: reportlab and Qt open fonts by file name.

    Raises:
        FileNotFoundError: the installation lacks that resource.
    """
    path = resource_root().joinpath(*name.split("/"))
    if not path.exists():
        raise FileNotFoundError(
            f"journeymap's bundled resource {name!r} is missing from {resource_root()}; "
            "reinstall journeymap"
        )
    return path


@cache
def resource_root() -> Path:
    """The folder that holds the bundled resources.

    The installed package comes first.  A checkout used without installing,
    or an editable install that does not expose the mapped package (setuptools
    promises nothing for files outside the package folder), falls back to the
    checkout's ``resources/``.
    """
    try:
        spec = importlib.util.find_spec(PACKAGE)
    except ModuleNotFoundError:
        spec = None
    for location in (spec.submodule_search_locations or []) if spec else []:
        if Path(location).is_dir():
            return Path(location)
    if _CHECKOUT_DIR.is_dir():
        return _CHECKOUT_DIR
    raise FileNotFoundError(
        f"journeymap's bundled resources ({PACKAGE}) are not installed; reinstall journeymap"
    )
