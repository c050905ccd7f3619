"""Fixtures of the export tests."""

import pytest

from app.model.journey import Journey
from tests.export.export_sample import build_sample


@pytest.fixture
def sample() -> Journey:
    """A fresh copy of the sample map (see export_sample.py)."""
    return build_sample()
