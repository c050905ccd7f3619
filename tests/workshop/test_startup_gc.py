"""The editor keeps what its imports made out of the cyclic collector's walks,
and nothing else: Qt wrappers made later are collected as before (see
`app.model.gcpause.freeze_imports`)."""

from __future__ import annotations

import gc
import json

from tests.workshop.editor_process import finish, start_editor
from tests.workshop.helpers import ROOT

SAMPLE = ROOT / "resources" / "sample.journey"

SCRIPT = """
import gc, json, sys
import app.model.journey as journey_module
tracked = gc.get_objects()
report = {
    "frozen": gc.get_freeze_count(),
    # A frozen object is no longer in any generation the collector walks.
    "module_dict_walked": any(o is journey_module.__dict__ for o in tracked),
    "window_walked": any(o is window for o in tracked),
    "scene_walked": any(o is window.scene for o in tracked),
    "collections": [generation["collections"] for generation in gc.get_stats()],
}
open(sys.argv[0] + ".json", "w").write(json.dumps(report))
app.quit()
"""


def _fresh_editor_report(tmp_path) -> dict:
    """What SCRIPT saw of the collector inside a fresh editor on the sample."""
    process = start_editor(tmp_path, SCRIPT, [str(SAMPLE)], tmp_path / "recovery")
    finish(process)
    script = next(tmp_path.glob("script_*.py"))
    return json.loads((script.parent / (script.name + ".json")).read_text())


def test_a_fresh_editor_freezes_its_imports_but_not_its_windows(tmp_path):
    report = _fresh_editor_report(tmp_path)
    assert report["frozen"] > 50_000  # modules, classes, functions of the imports
    assert not report["module_dict_walked"]
    assert report["window_walked"] and report["scene_walked"]


def test_a_fresh_editor_imports_without_collecting(tmp_path):
    # The imports alone started ~140 young collections and a full one; what
    # is left is the window and the map being built (30 young ones here).
    young, _, full = _fresh_editor_report(tmp_path)["collections"]
    assert full == 0
    assert young < 70


def test_an_editor_started_beside_other_objects_freezes_nothing(qapp, monkeypatch):
    from app.window import main_window

    started = []
    monkeypatch.setattr(main_window, "open_window", lambda *a: started.append(a))
    monkeypatch.setattr(qapp, "exec", lambda: 0)
    monkeypatch.setattr(main_window.QTimer, "singleShot", lambda *a: None)
    before = gc.get_freeze_count()
    assert main_window.run_editor(None) == 0
    assert started and gc.get_freeze_count() == before
