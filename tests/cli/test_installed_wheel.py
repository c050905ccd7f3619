"""A regular (non-editable) install from the wheel works: command, editor, resources.

The wheel is built offline from a copy of the project (``pip wheel
--no-build-isolation``: the test extras bring a setuptools that builds wheels
on its own) and installed with ``--no-deps`` into a fresh venv that sees this
venv's packages (PySide6, reportlab...) through a ``.pth`` file.  Everything
runs from a folder outside the checkout, so only the installed ``app`` can be
imported: a resource missing from the wheel fails these tests.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import site
import subprocess
import sys
import textwrap
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = sorted(p.stem for p in (ROOT / "resources" / "templates").glob("*.journey"))

pytestmark = pytest.mark.slow


def _run(*cmd: str | Path, cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run ``cmd``; returns its stdout, failing with its stderr on a bad exit."""
    result = subprocess.run(
        [str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, f"{cmd} exited {result.returncode}:\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The project's wheel, built from a copy so the checkout gets no build/ folder."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    for path in ROOT.iterdir():  # pyproject.toml, README.md and any other build input
        if path.is_file():
            shutil.copy2(path, source)
    for folder in ("app", "resources"):
        shutil.copytree(ROOT / folder, source / folder,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--no-index", "--quiet", "-w", work / "dist", source, cwd=work)
    (built,) = (work / "dist").glob("journeymap-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> dict:
    """A venv with the wheel installed; returns its bin folder, a cwd outside the
    checkout and the environment to run in."""
    work = tmp_path_factory.mktemp("installed")
    env_dir = work / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    purelib = _run(python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))",
                   cwd=work).strip()
    # This venv's packages come after the new venv's own; directories named in a
    # .pth file have their own .pth files ignored, so the editable install of
    # the checkout stays out.
    (Path(purelib) / "_journeymap_test_deps.pth").write_text("\n".join(site.getsitepackages()))
    env = {k: v for k, v in os.environ.items()
           if k != "PYTHONPATH" and not k.startswith("JOURNEYMAP_")}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(work / "home"),
               XDG_CONFIG_HOME=str(work / "config"),
               JOURNEYMAP_RECOVERY_DIR=str(work / "recovery"))
    _run(python, "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", wheel,
         cwd=work, env=env)
    cwd = work / "elsewhere"
    cwd.mkdir()
    return {"bin": env_dir / "bin", "cwd": cwd, "env": env, "purelib": Path(purelib)}


def _jm(installed: dict, *args: str | Path) -> str:
    return _run(installed["bin"] / "journeymap", *args, cwd=installed["cwd"],
                env=installed["env"])


def _py(installed: dict, code: str) -> str:
    return _run(installed["bin"] / "python", "-c", textwrap.dedent(code),
                cwd=installed["cwd"], env=installed["env"])


def _tree(folder: Path, pattern: str) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob(pattern)
            if p.is_file() and "__pycache__" not in p.parts}


def test_wheel_holds_every_module_and_resource(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {n.removeprefix("app/") for n in names
               if n.startswith("app/") and n.endswith(".py")}
    resources = {n.removeprefix("app/_resources/") for n in names
                 if n.startswith("app/_resources/")}
    missing = _tree(ROOT / "app", "*.py") - modules
    assert not missing, f"add their packages to [tool.setuptools] packages: {sorted(missing)}"
    missing = _tree(ROOT / "resources", "*") - resources
    assert not missing, f"add their folders to packages and package-data: {sorted(missing)}"
    assert {"fonts/DejaVuSans.ttf", "icons/chevron-down.svg", "sample.journey"} <= resources


def test_installed_app_reads_its_own_resources(installed):
    out = _py(installed, """
        import app, app.documents.resources as r
        print(app.__file__)
        print(r.resource_root())
    """).splitlines()
    assert Path(out[0]).is_relative_to(installed["purelib"])
    assert Path(out[1]) == installed["purelib"] / "app" / "_resources"


def test_templates_lists_the_bundled_templates(installed):
    listed = [line.split()[0] for line in _jm(installed, "templates").splitlines()
              if line.strip()]
    assert sorted(listed) == TEMPLATES


def test_new_from_template_then_pdf_in_the_bundled_font(installed):
    _jm(installed, "new", "-o", "map.journey", "--template", "online-store")
    made = json.loads((installed["cwd"] / "map.journey").read_text(encoding="utf-8"))
    template = json.loads((ROOT / "resources" / "templates" / "online-store.journey")
                          .read_text(encoding="utf-8"))
    assert made["title"] == template["title"]
    assert len(made["cards"]) == len(template["cards"])
    _jm(installed, "export", "map.journey", "-o", "map.pdf")
    page = PdfReader(installed["cwd"] / "map.pdf").pages[0]
    fonts = {str(f["/BaseFont"]) for f in page["/Resources"]["/Font"].values()}
    assert any(f.endswith("+DejaVuSans") for f in fonts), fonts  # embedded subset
    assert template["title"] in page.extract_text()


def test_python_m_app_checks_the_bundled_sample(installed):
    sample = _py(installed, """
        from app.documents.resources import resource_path
        print(resource_path("sample.journey"))
    """).strip()
    report = json.loads(_run(installed["bin"] / "python", "-m", "app", "check", sample,
                             "--json", cwd=installed["cwd"], env=installed["env"]))
    assert report["counts"]["cards"] >= 30


def test_editor_opens_the_sample_with_bundled_font_and_icons(installed, tmp_path):
    script = tmp_path / "probe.py"
    script.write_text(textwrap.dedent("""
        import re
        from pathlib import Path
        from PySide6.QtGui import QFontDatabase
        icons = re.findall(r"url\\(([^)]+)\\)", app.styleSheet())
        print("title:", window.windowTitle())
        print("icons:", all(Path(i).is_file() for i in icons) and len(icons))
        print("font:", "DejaVu Sans" in QFontDatabase.families())
        app.quit()
    """))
    sample = installed["purelib"] / "app" / "_resources" / "sample.journey"
    env = dict(installed["env"], JOURNEYMAP_TEST_SCRIPT=str(script),
               JOURNEYMAP_RECOVERY_CHOICE="later")
    out = _run(installed["bin"] / "journeymap", sample, cwd=installed["cwd"], env=env)
    assert re.search(r"^title: sample\.journey\b", out, re.M), out
    assert re.search(r"^icons: [1-9]", out, re.M), out
    assert "font: True" in out, out


def test_desktop_install_runs_the_installed_command(installed, tmp_path):
    data = tmp_path / "data"
    env = dict(installed["env"], XDG_DATA_HOME=str(data))
    out = _run(installed["bin"] / "journeymap", "desktop", "install", cwd=installed["cwd"],
               env=env)
    assert f"under {data}" in out
    entry = (data / "applications" / "org.journeymap.Journeymap.desktop").read_text("utf-8")
    assert f"Exec={installed['bin'] / 'journeymap'} %f" in entry.splitlines()
    assert (data / "icons/hicolor/48x48/apps/org.journeymap.Journeymap.png").is_file()
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    assert _run(installed["bin"] / "journeymap", "--version", cwd=installed["cwd"],
                env=env).strip() == f"journeymap {version}"
