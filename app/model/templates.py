"""The built-in templates a facilitator can start a map from.

Each template is an ordinary ``.journey`` file in ``resources/templates/``;
its name is the file name without the suffix, and its map description says
what it is for (``journeymap templates`` lists both).  Plain Python; never
imports Qt.
"""

from __future__ import annotations

from app.documents.resources import resource_path
from app.model.errors import JourneyError
from app.model.fileformat import load
from app.model.journey import Journey

TEMPLATE_DIR = resource_path("templates")
SUFFIX = ".journey"
#: The template `journeymap new` uses when none is named.
DEFAULT_TEMPLATE = "blank"


def template_names() -> list[str]:
    """Names of the built-in templates: ``blank`` first, then alphabetical."""
    names = sorted(p.name[: -len(SUFFIX)] for p in TEMPLATE_DIR.glob(f"*{SUFFIX}"))
    return sorted(names, key=lambda name: name != DEFAULT_TEMPLATE)


def load_template(name: str) -> Journey:
    """A new journey made from the template ``name``.

    Raises:
        JourneyError: there is no template of that name.
    """
    names = template_names()
    if name not in names:
        raise JourneyError(
            f'no template named "{name}"; the templates are: {", ".join(names)}'
        )
    return load(TEMPLATE_DIR / f"{name}{SUFFIX}")


def template_summary(name: str) -> str:
    """The first line of a template's description, for a listing."""
    description = load_template(name).description.strip()
    return description.splitlines()[0] if description else ""
