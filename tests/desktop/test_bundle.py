"""The standalone build (``./dev.sh bundle``) runs on its own, from anywhere.

The build (PyInstaller, about a minute on two cores) goes to a temporary
folder and is then moved, so that no path baked in at build time can work by
accident.  Every command then runs from yet another folder with a clean
environment: no venv on PATH, no PYTHONPATH, an empty HOME.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from app.desktop.identity import version

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample.journey"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    """The built application folder, moved away from where it was built."""
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed (pip install -e '.[bundle]')")
    work = tmp_path_factory.mktemp("bundle")
    result = subprocess.run([str(ROOT / "dev.sh"), "bundle", str(work / "built")],
                            capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stdout + result.stderr
    moved = work / "moved" / "journeymap"
    moved.parent.mkdir()
    shutil.move(work / "built" / "journeymap", moved)
    return moved


@pytest.fixture
def clean(tmp_path) -> tuple[Path, dict[str, str]]:
    """A working folder outside the checkout and a minimal environment."""
    (tmp_path / "home").mkdir()
    env = {"HOME": str(tmp_path / "home"), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
    return tmp_path, env


def _run(cmd: list[str | Path], cwd: Path, env: dict[str, str]) -> str:
    result = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 0, f"{cmd}: {result.returncode}\n{result.stdout}{result.stderr}"
    return result.stdout


def test_bundle_holds_resources_and_leaves_out_the_network(bundle):
    internal = bundle / "_internal"
    assert (internal / "resources" / "fonts" / "DejaVuSans.ttf").is_file()
    assert (internal / "resources" / "templates" / "blank.journey").is_file()
    assert (internal / "resources" / "icons" / "journeymap-256.png").is_file()
    names = {p.name for p in internal.rglob("*")}
    assert not any(n.startswith(("libQt6Network", "QtNetwork", "libqvnc")) for n in names)


def test_bundled_check_and_pdf_export_from_elsewhere(bundle, clean):
    cwd, env = clean
    app = bundle / "journeymap"
    assert _run([app, "--version"], cwd, env).strip() == f"journeymap {version()}"
    shutil.copyfile(SAMPLE, cwd / "sample.journey")
    out = _run([app, "check", "sample.journey"], cwd, env)
    assert "sample.journey: a valid journey map" in out
    _run([app, "export", "sample.journey", "-o", "sample.pdf"], cwd, env)
    text = PdfReader(cwd / "sample.pdf").pages[0].extract_text()
    assert "Northbank" in text and "Asks classmates which" in text
    _run([app, "export", "sample.journey", "-o", "sample.xlsx"], cwd, env)  # openpyxl
    assert (cwd / "sample.xlsx").stat().st_size > 0


def test_bundled_editor_opens_a_real_window(bundle, clean):
    if shutil.which("xvfb-run") is None:
        pytest.skip("needs xvfb-run (apt-get install xvfb)")
    cwd, env = clean
    shutil.copyfile(SAMPLE, cwd / "sample.journey")
    script = cwd / "probe.py"
    script.write_text(textwrap.dedent(f"""
        print("platform:", app.platformName())
        print("title:", window.windowTitle())
        print("icon:", app.windowIcon().availableSizes()[-1].width())
        print("cards:", window.document.journey.graph.number_of_nodes())
        window.grab().save({str(cwd / "window.png")!r})
        app.quit()
    """))
    env = dict(env, JOURNEYMAP_TEST_SCRIPT=str(script), JOURNEYMAP_RECOVERY_CHOICE="later",
               JOURNEYMAP_RECOVERY_DIR=str(cwd / "recovery"))
    out = _run(["xvfb-run", "-a", "-s", "-screen 0 1920x1080x24", bundle / "journeymap",
                "sample.journey"], cwd, env)
    assert "platform: xcb" in out
    assert "title: sample.journey" in out
    assert "icon: 512" in out
    assert "cards: 44" in out
    shot = Image.open(cwd / "window.png").convert("RGB")
    assert shot.width >= 1000
    assert len(shot.getcolors(1 << 20)) > 50  # a drawn map, not a blank window
