"""The freedesktop files validate, and an install in a private XDG home really
makes ``.journey`` files open with Journeymap (as ``xdg-mime`` sees it)."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from app.cli import main
from app.desktop import xdg
from app.desktop.identity import APP_ID, ICON_SIZES, MIME_TYPE, RELEASES, version

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample.journey"
ENTRY = f"{APP_ID}.desktop"


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (see .ci/run's apt line)")
    return found


@pytest.fixture
def xdg_home(tmp_path, monkeypatch) -> dict[str, str]:
    """A private XDG home, in this process's environment and for subprocesses."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "KDE_FULL_SESSION",
                        "GNOME_DESKTOP_SESSION_ID", "XDG_DATA_HOME", "XDG_CONFIG_HOME")}
    env.update(HOME=str(tmp_path / "home"), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    for key in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        Path(env[key]).mkdir()
        monkeypatch.setenv(key, env[key])
    return env


def _query(env: dict[str, str], *args: str) -> str:
    result = subprocess.run([_tool("xdg-mime"), "query", *args], env=env,
                            capture_output=True, text=True, timeout=60)
    return result.stdout.strip()


def test_desktop_entry_validates(tmp_path):
    tool = _tool("desktop-file-validate")
    # A command in a folder with spaces and quotes must come out quoted right.
    for command in (["/usr/bin/journeymap"], ["/opt/my apps/it's \"jm\"/journeymap"]):
        path = tmp_path / ENTRY
        path.write_text(xdg.desktop_entry(command), encoding="utf-8")
        result = subprocess.run([tool, str(path)], capture_output=True, text=True)
        assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_metainfo_validates(tmp_path):
    tool = _tool("appstreamcli")
    path = tmp_path / f"{APP_ID}.metainfo.xml"
    path.write_text(xdg.metainfo(), encoding="utf-8")
    result = subprocess.run([tool, "validate", "--no-net", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f'<release version="{version()}"' in xdg.metainfo()


def test_the_running_version_is_a_listed_release():
    assert version() in dict(RELEASES)


def test_install_makes_journey_files_open_with_journeymap(xdg_home, tmp_path):
    _tool("update-mime-database")
    _tool("update-desktop-database")
    named = tmp_path / "map.journey"
    unnamed = tmp_path / "map-without-suffix"
    for path in (named, unnamed):
        shutil.copyfile(SAMPLE, path)
    assert _query(xdg_home, "filetype", str(named)) != MIME_TYPE
    assert main(["desktop", "install"]) == 0
    assert _query(xdg_home, "filetype", str(named)) == MIME_TYPE
    # A map saved without the suffix is recognised by its first bytes.
    assert _query(xdg_home, "filetype", str(unnamed)) == MIME_TYPE
    assert _query(xdg_home, "default", MIME_TYPE) == ENTRY
    assert main(["desktop", "uninstall"]) == 0
    assert _query(xdg_home, "filetype", str(named)) != MIME_TYPE
    assert _query(xdg_home, "default", MIME_TYPE) == ""


def test_install_places_every_file_under_xdg_data_home(xdg_home, capsys):
    data = Path(xdg_home["XDG_DATA_HOME"])
    assert main(["desktop", "install"]) == 0
    out = capsys.readouterr().out
    assert f"installed 23 files under {data}" in out
    hicolor = data / "icons" / "hicolor"
    for size in ICON_SIZES:
        assert (hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
        assert (hicolor / f"{size}x{size}" / "mimetypes" / "application-x-journeymap.png").is_file()
    assert (hicolor / "scalable" / "apps" / f"{APP_ID}.svg").is_file()
    entry = (data / "applications" / ENTRY).read_text("utf-8")
    assert f"MimeType={MIME_TYPE};" in entry
    assert not (Path(xdg_home["HOME"]) / ".local").exists()


def test_uninstall_removes_only_its_own_files(xdg_home):
    data = Path(xdg_home["XDG_DATA_HOME"])
    other = data / "applications" / "other.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\n")
    installed = xdg.install(data, ["/usr/bin/journeymap"]).files
    removed = xdg.uninstall(data).files
    assert sorted(removed) == sorted(installed)
    assert not any(p.exists() for p in installed)
    assert other.exists()


def test_data_home_follows_xdg_rules(tmp_path):
    assert xdg.data_home({"XDG_DATA_HOME": "/x/data", "HOME": "/h"}) == Path("/x/data")
    # A relative value is invalid per the spec and ignored.
    assert xdg.data_home({"XDG_DATA_HOME": "rel", "HOME": "/h"}) == Path("/h/.local/share")
    assert xdg.data_home({"HOME": "/h"}) == Path("/h/.local/share")


def test_install_into_a_read_only_folder_is_one_line_error(tmp_path, monkeypatch, capsys):
    if os.geteuid() == 0:
        blocker = tmp_path / "file"
        blocker.write_text("")
        monkeypatch.setenv("XDG_DATA_HOME", str(blocker / "data"))  # under a plain file
    else:
        tmp_path.chmod(0o500)
        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert main(["desktop", "install"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("journeymap: error: ") and "cannot write" in err
    assert len(err.strip().splitlines()) == 1
