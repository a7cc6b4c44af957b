"""Every path and setting of the dashboard, defined once.

Settings come from environment variables so that a deployment, the tests and CI can point the app elsewhere
without code changes. The README lists them.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("ROS_DATA_DIR", ROOT / "data"))
LOCALES_DIR = Path(__file__).resolve().parent / "locales"
CACHE_DIR = Path(os.environ.get("ROS_CACHE_DIR", Path.home() / ".cache" / "ros-twente"))

# A local GeoJSON with the 14 municipal boundaries; when set, PDOK is not asked.
BOUNDARIES_FILE = os.environ.get("ROS_BOUNDARIES_FILE") or None
PDOK_URL = os.environ.get(
    "ROS_PDOK_URL", "https://api.pdok.nl/cbs/gebiedsindelingen/ogc/v1/collections/gemeente_gegeneraliseerd/items"
)
# "1" keeps the app from going to the network at all (boundaries then come from the cache or the file).
OFFLINE = os.environ.get("ROS_OFFLINE", "") == "1"

LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"
# Uploads larger than this are refused with a message; Streamlit's own hard limit is in .streamlit/config.toml.
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def roles_file() -> Path | None:
    """A TOML file with the `[roles]` table (ROS_ROLES_FILE, read at call time); None: roles come from the secrets."""
    value = os.environ.get("ROS_ROLES_FILE")
    return Path(value) if value else None


def scenario_db_url() -> str:
    """Scenario database URL, read at call time: ROS_SCENARIO_DB_URL, else SQLite at ROS_SCENARIO_DB or the cache."""
    if url := os.environ.get("ROS_SCENARIO_DB_URL"):
        return url
    cache_dir = Path(os.environ.get("ROS_CACHE_DIR", CACHE_DIR))
    return f"sqlite:///{os.environ.get('ROS_SCENARIO_DB') or cache_dir / 'scenarios.db'}"
