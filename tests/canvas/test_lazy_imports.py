"""The editor starts without what only some sessions use (the exporters,
reportlab, fontTools, HarfBuzz and bidi), and loads it when it is used."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("reportlab", "fontTools", "uharfbuzz", "bidi", "app.panels.export_dialog",
         "app.export.changemap", "app.panels.entity_dialog")

SCRIPT = """
import json, sys
from PySide6.QtWidgets import QApplication
app = QApplication([])
from app.window.main_window import MainWindow
window = MainWindow()
assert window.files.open_path(sys.argv[1], ask=False)
window.show()
app.processEvents()
window.scene.layout  # the whole map laid out
heavy = sys.argv[2].split(",")
at_start = [m for m in heavy if m in sys.modules]
from app.layout.text import metrics
hebrew = metrics().width("\\u05e9\\u05dc\\u05d5\\u05dd", 12)  # shaped by HarfBuzz
window.show_departments()
from app.window.export_menu import open_export_dialog
open_export_dialog(window)
used = [m for m in heavy if m in sys.modules]
print(json.dumps({"at_start": at_start, "hebrew": hebrew, "used": used}))
"""


def test_the_editor_starts_without_the_exporters_and_shaping(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path),
               XDG_CONFIG_HOME=str(tmp_path / "config"),
               JOURNEYMAP_RECOVERY_DIR=str(tmp_path / "recovery"))
    sample = ROOT / "resources" / "sample.journey"
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(sample), ",".join(HEAVY)],
                         capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["at_start"] == []
    # Each is there when its feature is used (fontTools only when a PDF or an
    # SVG is written: tests/export/test_image_export.py).
    assert result["hebrew"] > 0
    assert set(result["used"]) >= {"uharfbuzz", "bidi", "app.panels.export_dialog",
                                   "app.panels.entity_dialog"}
