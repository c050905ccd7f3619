"""Fixtures of the command-line tests."""

import pytest

from app.cli import main


@pytest.fixture
def run(capsys, monkeypatch, tmp_path):
    """Run ``journeymap ARGS`` in tmp_path; returns (status, stdout, stderr)."""
    monkeypatch.chdir(tmp_path)

    def run(*args: str) -> tuple[int, str, str]:
        status = main([str(a) for a in args])
        out, err = capsys.readouterr()
        return status, out, err

    return run
