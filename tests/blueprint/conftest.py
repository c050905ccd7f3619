"""Fixtures of the blueprint tests: the command-line runner of tests/cli."""

from tests.cli.conftest import run  # noqa: F401
