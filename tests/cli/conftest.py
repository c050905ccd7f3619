"""Fixtures shared by the command-line tests."""

from tests.cli.test_cli import run  # noqa: F401 (the fixture that runs journeymap in tmp_path)
