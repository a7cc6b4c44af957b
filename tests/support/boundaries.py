"""The development boundaries (../shared/geo, never copied into the repository) for map and boundary tests."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# The Makefile passes the path in ROS_TEST_BOUNDARIES when ../shared/geo exists.
TEST_BOUNDARIES = os.environ.get("ROS_TEST_BOUNDARIES") or ""


def boundaries_file() -> str:
    """The development boundaries (ROS_TEST_BOUNDARIES): a map test is skipped without them, but fails when CI is
    set, so a CI run cannot pass with its map tests unrun."""
    if TEST_BOUNDARIES and Path(TEST_BOUNDARIES).is_file():
        return TEST_BOUNDARIES
    reason = (
        f"ROS_TEST_BOUNDARIES is not set or not a file ({TEST_BOUNDARIES or '../shared/geo/twente_gemeenten.geojson'})"
    )
    if os.environ.get("CI"):
        pytest.fail(f"CI is set but {reason}: boundary and map tests cannot run")
    pytest.skip(reason)
