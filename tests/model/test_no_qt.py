"""The model and layout are plain Python: importing them must not load Qt."""

import subprocess
import sys


def test_model_and_pdf_path_import_no_qt():
    code = (
        "import sys, importlib, pkgutil, app.model\n"
        "for m in pkgutil.iter_modules(app.model.__path__):\n"
        "    importlib.import_module('app.model.' + m.name)\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
