"""Guards against the Qt build that crashes this application.

PySide6 6.12.0 on Python 3.11 dies with "Fatal Python error: none_dealloc" on
QGraphicsItem.setPos.  The crash kills the interpreter, so it is exercised in
a subprocess and the test reports it instead of taking the suite down.
"""

import subprocess
import sys

import PySide6


def test_pyside_version_is_not_the_one_that_crashes_on_this_python():
    assert not (sys.version_info[:2] == (3, 11) and PySide6.__version__.startswith("6.12.0"))


def test_graphics_item_set_pos_does_not_crash():
    code = (
        "import os; os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "from PySide6.QtWidgets import QApplication, QGraphicsRectItem, QGraphicsScene\n"
        "app = QApplication([])\n"
        "scene = QGraphicsScene()\n"
        "for i in range(200):\n"
        "    item = QGraphicsRectItem(0, 0, 10, 10)\n"
        "    scene.addItem(item)\n"
        "    item.setPos(i, i)\n"
        "print('ok', len(scene.items()))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok 200"
