"""What Help > About says: the version, and the licences of what Journeymap ships.

Versions and licences are read from the installed packages' metadata at run
time, so the box never names a version that is not the one running.  Plain
Python; the dialog is `app.window.about`.
"""

from __future__ import annotations

import platform
from dataclasses import dataclass
from importlib import metadata

from app.desktop.identity import version
from app.documents.resources import resource_path

#: (distribution names to try, what it is to Journeymap), in the order shown.
LIBRARIES = (
    (("PySide6-Essentials", "PySide6"), "Qt for Python: the editor window"),
    (("shiboken6",), "Qt for Python's bindings"),
    (("networkx",), "the flow graph and the insights"),
    (("reportlab",), "PDF export"),
    (("pillow",), "images inside reportlab"),
    (("openpyxl",), "spreadsheets (.xlsx) in and out"),
)
#: The bundled fonts and their licence file.
FONTS = (("DejaVu Sans", "fonts/LICENSE-DejaVu.txt", "Bitstream Vera licence (free)"),)


@dataclass(frozen=True)
class Component:
    """One library or font and its licence, as the About box lists it."""

    name: str
    version: str
    licence: str
    role: str


def libraries() -> list[Component]:
    """Python, Qt and each library, with the version and licence found at run time."""
    found = [Component("Python", platform.python_version(), "PSF-2.0", "the interpreter")]
    qt = _qt_version()
    if qt:
        found.append(Component("Qt", qt, "LGPL-3.0-only", "the toolkit under PySide6"))
    for names, role in LIBRARIES:
        for name in names:
            try:
                meta = metadata.metadata(name)
            except metadata.PackageNotFoundError:
                continue
            found.append(Component(name, meta["Version"], _licence(meta), role))
            break
    return found


def _qt_version() -> str:
    try:
        from PySide6.QtCore import qVersion
    except ImportError:
        return ""
    return qVersion()


def _licence(meta: metadata.PackageMetadata) -> str:
    """The SPDX expression, else the first line of ``License``, else the classifier."""
    expression = meta.get("License-Expression")
    if expression:
        return expression
    text = (meta.get("License") or "").strip()
    if text and len(text) < 200:
        # reportlab: "BSD license (see license.txt for details), Copyright ..."
        return text.splitlines()[0].split(",")[0].split("(")[0].strip()
    for classifier in meta.get_all("Classifier") or []:
        if classifier.startswith("License ::"):
            return classifier.rsplit("::", 1)[-1].strip()
    return "see the package"


def fonts() -> list[Component]:
    """The bundled fonts."""
    return [Component(name, "", licence, "every text on screen and on paper")
            for name, _file, licence in FONTS]


def font_licence_text() -> str:
    """The full licence of the bundled fonts, as shipped beside them."""
    return "\n\n".join(resource_path(file).read_text("utf-8") for _n, file, _l in FONTS)


def about_text() -> str:
    """Everything the About box says, as plain text (for Copy and for tests)."""
    lines = [f"Journeymap {version()}", "Licence: MIT", "", "Libraries:"]
    lines += [f"  {c.name} {c.version} ({c.licence}): {c.role}" for c in libraries()]
    lines += ["", "Fonts:"]
    lines += [f"  {c.name} ({c.licence}): {c.role}" for c in fonts()]
    return "\n".join(lines)
