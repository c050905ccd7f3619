"""The map-level ``based_on`` record: which map this one was derived from.

DESIGN.md ("New card and map fields"): ``based_on`` is null or
``{title, file, sha256}`` -- the base map's title, its path relative to this
file, and the sha256 of the base file's bytes when the copy was made.  A
future state made from a current state carries it, so that the editor and
``journeymap diff`` can find the base again and tell whether it changed since.

Decided here: the three keys are required and ``sha256`` is 64 lower- or
upper-case hexadecimal digits; other keys inside the record are kept as they
are.  A file that says ``"based_on": null`` loads as a map without a base and
is saved without the key.  Plain Python; no Qt.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Any

from app.model.filecheck import Fail, describe

BASED_ON_KEYS = ("title", "file", "sha256")
_SHA256 = re.compile(r"[0-9A-Fa-f]{64}")


def check_based_on(value: Any, fail: Fail) -> dict[str, Any] | None:
    """The validated ``based_on`` value of a parsed file (a fresh dict), or None.

    Raises:
        JourneyError: through ``fail``, naming ``based_on`` or its bad key.
    """
    if value is None:
        return None
    if not isinstance(value, dict):
        fail("based_on", f"expected null or an object with title, file and sha256, "
                         f"got {describe(value)}")
    for key in BASED_ON_KEYS:
        if key not in value:
            fail("based_on", f'missing required key "{key}"')
        if not isinstance(value[key], str):
            fail(f"based_on.{key}", f"expected a string, got {describe(value[key])}")
    if not value["file"]:
        fail("based_on.file", "expected the path of the base map, got an empty string")
    if not _SHA256.fullmatch(value["sha256"]):
        fail("based_on.sha256",
             f"expected 64 hexadecimal digits (a sha256), got {describe(value['sha256'])}")
    return dict(value)


def file_sha256(path: str | os.PathLike[str]) -> str:
    """The sha256 of a file's bytes, as 64 lower-case hex digits."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def make_based_on(title: str, base_path: str | os.PathLike[str],
                  derived_path: str | os.PathLike[str]) -> dict[str, Any]:
    """The record for a map to be saved at ``derived_path``, derived from ``base_path``.

    The path is relative to the derived file's folder, with ``/`` separators,
    so that the pair can be moved or committed together.
    """
    base = os.path.abspath(base_path)
    folder = os.path.dirname(os.path.abspath(derived_path))
    try:
        relative = os.path.relpath(base, folder)
    except ValueError:  # another drive on Windows: no relative path exists
        relative = base
    return {"title": title, "file": relative.replace(os.sep, "/"),
            "sha256": file_sha256(base)}


def base_path(record: dict[str, Any], derived_path: str | os.PathLike[str]) -> Path:
    """Where the base file of ``record`` is, for a map saved at ``derived_path``."""
    folder = os.path.dirname(os.path.abspath(derived_path))
    # normpath: "../maps/x" must not depend on the derived file's folder existing.
    return Path(os.path.normpath(os.path.join(folder, record["file"])))


def base_status(record: dict[str, Any], derived_path: str | os.PathLike[str]) -> str:
    """``"unchanged"``, ``"changed"`` (bytes differ from the sha256) or ``"missing"``."""
    path = base_path(record, derived_path)
    try:
        digest = file_sha256(path)
    except OSError:
        return "missing"
    return "unchanged" if digest == record["sha256"].lower() else "changed"
