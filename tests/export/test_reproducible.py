"""Two exports of one map are the same bytes, whatever Python's hash seed: the
flows are drawn in a fixed order (where arrows cross, the last drawn is on top)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.model import fileformat
from bench.generate import build

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_a_png_export_does_not_depend_on_the_hash_seed(tmp_path):
    path = tmp_path / "map.journey"
    fileformat.save(build(1500), path)
    outputs = []
    for seed in ("0", "1", "2"):
        out = tmp_path / f"map{seed}.png"
        env = dict(os.environ, PYTHONHASHSEED=seed, QT_QPA_PLATFORM="offscreen")
        done = subprocess.run(
            [sys.executable, "-m", "app", "export", str(path), "-o", str(out), "--dpi", "60"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
