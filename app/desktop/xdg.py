"""The freedesktop files, and ``journeymap desktop install`` / ``uninstall``.

Install writes, under the user's data folder (``$XDG_DATA_HOME``, else
``~/.local/share``; nothing needs root):

* ``applications/APP_ID.desktop``: the menu entry, opening ``.journey`` files;
* ``metainfo/APP_ID.metainfo.xml``: AppStream metadata for software centres;
* ``mime/packages/APP_ID.xml``: the MIME type ``application/x-journeymap``
  (``*.journey``, or a JSON file that starts as a map does);
* ``icons/hicolor/...``: the application icon and the file icon, SVG and PNGs;

then refreshes the MIME and desktop caches with ``update-mime-database`` and
``update-desktop-database`` where they are installed.  Uninstall removes
exactly those files and refreshes the caches again.  Plain Python, no Qt.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from app.desktop.identity import (
    APP_ID,
    APP_NAME,
    ICON_SIZES,
    MIME_ICON,
    MIME_TYPE,
    RELEASES,
    SUMMARY,
    frozen,
)
from app.documents.resources import resource_path

#: Characters that make a desktop-entry Exec argument need quoting.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def desktop_entry(command: list[str]) -> str:
    """The ``.desktop`` file that runs ``command`` with the chosen file."""
    exec_line = " ".join(_quote_exec(part) for part in command)
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            f"Name={APP_NAME}",
            "GenericName=Journey Map Editor",
            f"Comment={SUMMARY}",
            f"Exec={exec_line} %f",
            f"Icon={APP_ID}",
            "Terminal=false",
            "StartupNotify=true",
            "Categories=Office;Chart;",
            f"MimeType={MIME_TYPE};",
            "Keywords=journey;customer;experience;service;blueprint;map;",
            "",
        ]
    )


def _quote_exec(arg: str) -> str:
    # The desktop entry spec: quote an argument with reserved characters,
    # backslash-escaping " ` $ and \ inside; a string value then escapes
    # each backslash once more.
    if arg and not (_RESERVED & set(arg)):
        return arg.replace("%", "%%")
    inner = "".join("\\" + c if c in '"`$\\' else c for c in arg).replace("%", "%%")
    return f'"{inner}"'.replace("\\", "\\\\")


def metainfo() -> str:
    """The AppStream metainfo (a ``desktop-application`` component)."""
    releases = "\n".join(
        f'    <release version="{escape(v)}" date="{escape(d)}"/>' for v, d in RELEASES
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<component type="desktop-application">
  <id>{APP_ID}</id>
  <metadata_license>CC0-1.0</metadata_license>
  <project_license>MIT</project_license>
  <name>{APP_NAME}</name>
  <summary>{escape(SUMMARY)}</summary>
  <description>
    <p>
      Journeymap is an editor for customer journey maps and service blueprints: the
      stages of a journey as columns, swimlanes as rows, cards in the cells and flows
      between them. It shows where an experience breaks: hand-offs between departments,
      unowned touchpoints, dead ends and loops.
    </p>
    <ul>
      <li>Draw the map live on a projector, by mouse or by keyboard alone</li>
      <li>Print it for the wall as a vector PDF, one page or a poster over many sheets</li>
      <li>Plain, readable .journey files; no account and no network, ever</li>
    </ul>
  </description>
  <launchable type="desktop-id">{APP_ID}.desktop</launchable>
  <developer id="org.journeymap">
    <name>The Journeymap developers</name>
  </developer>
  <provides>
    <binary>journeymap</binary>
    <mediatype>{MIME_TYPE}</mediatype>
  </provides>
  <categories>
    <category>Office</category>
  </categories>
  <content_rating type="oars-1.1"/>
  <releases>
{releases}
  </releases>
</component>
"""


def mime_info() -> str:
    """The shared-mime-info package declaring ``application/x-journeymap``."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="{MIME_TYPE}">
    <comment>Customer journey map</comment>
    <sub-class-of type="application/json"/>
    <icon name="{MIME_ICON}"/>
    <generic-icon name="x-office-document"/>
    <glob pattern="*.journey"/>
    <magic priority="60">
      <match type="string" value="&quot;format&quot;: &quot;journeymap&quot;" offset="0:64"/>
    </magic>
  </mime-type>
</mime-info>
"""


def data_home(environ: dict[str, str] | None = None) -> Path:
    """``$XDG_DATA_HOME`` when set to an absolute path, else ``~/.local/share``."""
    env = os.environ if environ is None else environ
    value = env.get("XDG_DATA_HOME", "")
    if value and Path(value).is_absolute():
        return Path(value)
    return Path(env.get("HOME") or Path.home()) / ".local" / "share"


def launch_command() -> list[str]:
    """How a desktop entry starts this very installation."""
    if frozen():
        return [sys.executable]
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if script is not None and script.name == "journeymap" and script.is_file():
        return [str(script.absolute())]
    found = shutil.which("journeymap")
    if found:
        return [found]
    return [sys.executable, "-m", "app"]


def _placed_files(root: Path) -> dict[Path, str | Path]:
    """Every installed file under ``root``: text to write, or a resource to copy."""
    hicolor = root / "icons" / "hicolor"
    files: dict[Path, str | Path] = {
        root / "metainfo" / f"{APP_ID}.metainfo.xml": metainfo(),
        root / "mime" / "packages" / f"{APP_ID}.xml": mime_info(),
        hicolor / "scalable" / "apps" / f"{APP_ID}.svg": resource_path("icons/journeymap.svg"),
        hicolor / "scalable" / "mimetypes" / f"{MIME_ICON}.svg": resource_path(
            f"icons/{MIME_ICON}.svg"
        ),
    }
    for size in ICON_SIZES:
        folder = hicolor / f"{size}x{size}"
        files[folder / "apps" / f"{APP_ID}.png"] = resource_path(f"icons/journeymap-{size}.png")
        files[folder / "mimetypes" / f"{MIME_ICON}.png"] = resource_path(
            f"icons/{MIME_ICON}-{size}.png"
        )
    return files


def desktop_file(root: Path) -> Path:
    """Where the desktop entry goes under the data folder ``root``."""
    return root / "applications" / f"{APP_ID}.desktop"


@dataclass
class DesktopReport:
    """What an install or uninstall did."""

    root: Path
    files: list[Path] = field(default_factory=list)
    refreshed: list[str] = field(default_factory=list)
    missing_tools: list[str] = field(default_factory=list)

    def lines(self, verb: str) -> list[str]:
        """A few lines for the terminal."""
        out = [f"{verb} {len(self.files)} files under {self.root}"]
        if self.refreshed:
            out.append("refreshed with " + ", ".join(self.refreshed))
        if self.missing_tools:
            out.append(
                "not found (the desktop refreshes its caches at next login): "
                + ", ".join(self.missing_tools)
            )
        return out


def install(root: Path | None = None, command: list[str] | None = None) -> DesktopReport:
    """Put the desktop entry, metainfo, MIME type and icons under ``root``."""
    root = data_home() if root is None else root
    report = DesktopReport(root)
    files = _placed_files(root)
    files[desktop_file(root)] = desktop_entry(command or launch_command())
    for path, content in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Path):
            shutil.copyfile(content, path)
        else:
            path.write_text(content, encoding="utf-8")
        report.files.append(path)
    _refresh(root, report)
    return report


def uninstall(root: Path | None = None) -> DesktopReport:
    """Remove what `install` put under ``root`` (files only; shared folders stay)."""
    root = data_home() if root is None else root
    report = DesktopReport(root)
    for path in [desktop_file(root), *_placed_files(root)]:
        if path.is_file():
            path.unlink()
            report.files.append(path)
    _refresh(root, report)
    return report


def _refresh(root: Path, report: DesktopReport) -> None:
    """Rebuild the user's MIME and desktop-entry caches, where the tools exist."""
    for tool, folder in (
        ("update-mime-database", root / "mime"),
        ("update-desktop-database", root / "applications"),
    ):
        program = shutil.which(tool)
        if program is None:
            report.missing_tools.append(tool)
            continue
        if not folder.is_dir():
            continue
        subprocess.run(
            [program, str(folder)], check=False, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        report.refreshed.append(tool)
