"""`./dev.sh editor` opens a copy of the sample map: saving never changes the tracked one.

The script runs in a scratch copy of the checkout (dev.sh, pyproject.toml, the
sample) whose `.venv` hands over to this test run's environment, so nothing
is installed and the real checkout's `out/` is left alone.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.workshop.helpers import ROOT, SAMPLE

SAVE_AND_QUIT = """
import json
from app.model.edits import update_card
journey = window.document.journey
opened_with = journey.cards[0].title
push_edit(update_card(journey.cards[0].id, title="Saved over the sample?"))
window.document.save()
with open({report!r}, "w") as out:
    json.dump({{"path": window.document.path, "opened_with": opened_with}}, out)
app.exit(0)
"""


@pytest.fixture
def checkout(tmp_path):
    """A scratch checkout whose .venv runs this interpreter and its journeymap."""
    root = tmp_path / "checkout"
    (root / "resources").mkdir(parents=True)
    for name in ("dev.sh", "pyproject.toml", "resources/sample.journey"):
        shutil.copy2(ROOT / name, root / name)
    venv_bin = root / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    real_bin = Path(sys.executable).parent
    for name in ("python", "journeymap"):
        target = real_bin / name if name == "journeymap" else Path(sys.executable)
        wrapper = venv_bin / name
        wrapper.write_text(f'#!/bin/sh\nexec "{target}" "$@"\n')
        wrapper.chmod(0o755)
    stamp = hashlib.sha1((root / "pyproject.toml").read_bytes()).hexdigest()
    (root / ".venv" / ".installed").write_text(stamp + "\n")
    return root


def run_editor(checkout: Path, tmp_path: Path, n: int) -> dict:
    report = tmp_path / f"report{n}.json"
    script = tmp_path / f"script{n}.py"
    script.write_text(SAVE_AND_QUIT.format(report=str(report)))
    env = {k: v for k, v in os.environ.items() if not k.startswith("JOURNEYMAP_")}
    env.update(QT_QPA_PLATFORM="offscreen", JOURNEYMAP_TEST_SCRIPT=str(script),
               JOURNEYMAP_RECOVERY_DIR=str(tmp_path / "recovery"),
               XDG_CONFIG_HOME=str(tmp_path / "config"), HOME=str(tmp_path / "home"))
    done = subprocess.run(["bash", "dev.sh", "editor"], cwd=checkout, env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(report.read_text())


def test_the_editor_of_dev_sh_saves_to_a_copy_of_the_sample(checkout, tmp_path):
    if shutil.which("bash") is None or not (Path(sys.executable).parent / "journeymap").exists():
        pytest.fail("dev.sh needs bash and the journeymap command of this environment")
    report = run_editor(checkout, tmp_path, 1)
    copy = checkout / "out" / "sample.journey"
    assert (checkout / report["path"]).resolve() == copy.resolve()
    assert report["opened_with"] != "Saved over the sample?"
    assert (checkout / "resources" / "sample.journey").read_bytes() == SAMPLE.read_bytes()
    saved = copy.read_text(encoding="utf-8")
    assert "Saved over the sample?" in saved
    # The copy is made once: the next session goes on from what was saved.
    assert run_editor(checkout, tmp_path, 2)["opened_with"] == "Saved over the sample?"
    assert (checkout / "resources" / "sample.journey").read_bytes() == SAMPLE.read_bytes()
