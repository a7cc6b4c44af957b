"""Every path and setting of the dashboard, defined once.

Settings come from environment variables so that a deployment, the tests and CI can point the app elsewhere
without code changes. They are read here only, and at call time, so a test can change one with `monkeypatch.setenv`.
The README lists them.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The snapshot shipped with the code; never edited by code (refreshed versions go under the cache directory).
SHIPPED_DATA_DIR = ROOT / "data"
LOCALES_DIR = Path(__file__).resolve().parent / "locales"
DEFAULT_PDOK_URL = "https://api.pdok.nl/cbs/gebiedsindelingen/ogc/v1/collections/gemeente_gegeneraliseerd/items"


def data_dir() -> Path:
    """The data snapshot's folder: the one ROS_DATA_DIR pins (read at call time), else the shipped `data/`."""
    return pinned_data_dir() or SHIPPED_DATA_DIR


def cache_dir() -> Path:
    """Where downloaded boundaries and the embedded scenario database live (ROS_CACHE_DIR, read at call time)."""
    return Path(os.environ.get("ROS_CACHE_DIR") or Path.home() / ".cache" / "ros-twente")


def boundaries_file() -> str | None:
    """A local GeoJSON with the 14 municipal boundaries (ROS_BOUNDARIES_FILE); when set, PDOK is not asked."""
    return os.environ.get("ROS_BOUNDARIES_FILE") or None


def pdok_url() -> str:
    """The boundary service (ROS_PDOK_URL, read at call time)."""
    return os.environ.get("ROS_PDOK_URL") or DEFAULT_PDOK_URL


def offline() -> bool:
    """True when ROS_OFFLINE is "1": the app then never goes to the network (boundaries from the cache or file)."""
    return os.environ.get("ROS_OFFLINE", "") == "1"


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
    return f"sqlite:///{os.environ.get('ROS_SCENARIO_DB') or cache_dir() / 'scenarios.db'}"


def pinned_data_dir() -> Path | None:
    """The snapshot pinned by ROS_DATA_DIR, read at call time; None when the app may pick the newest version."""
    return Path(value) if (value := os.environ.get("ROS_DATA_DIR")) else None


def cbs_url() -> str:
    """Address of the CBS open-data service, read at call time: ROS_CBS_URL, else https://opendata.cbs.nl."""
    return (os.environ.get("ROS_CBS_URL") or "https://opendata.cbs.nl").rstrip("/")


def cbs_v4_url() -> str:
    """Address of CBS's OData v4 service, read at call time: ROS_CBS_V4_URL, else https://datasets.cbs.nl/odata/v1/CBS."""
    return (os.environ.get("ROS_CBS_V4_URL") or "https://datasets.cbs.nl/odata/v1/CBS").rstrip("/")


def cbs_protocols() -> tuple[str, ...]:
    """The CBS protocols the refresh tries, in order, read at call time: ROS_CBS_PROTOCOLS (e.g. "v3"), else v4, v3."""
    named = [p.strip().lower() for p in (os.environ.get("ROS_CBS_PROTOCOLS") or "").split(",")]
    chosen = tuple(dict.fromkeys(p for p in named if p in ("v4", "v3")))
    return chosen or ("v4", "v3")


def cbs_timeout() -> float:
    """Seconds to wait for one CBS request, read at call time: ROS_CBS_TIMEOUT, else 30."""
    try:
        value = float(os.environ.get("ROS_CBS_TIMEOUT") or 30)
    except ValueError:
        return 30.0
    return value if value > 0 else 30.0


def _positive(name: str, default: float) -> float:
    """A positive number from environment variable `name`, else `default` (also for a value that is no number)."""
    try:
        value = float(os.environ.get(name) or default)
    except ValueError:
        return default
    return value if value > 0 else default


def api_rate_per_minute() -> float:
    """Requests a client address may make to the API per minute on average: ROS_API_RATE_PER_MINUTE, else 60."""
    return _positive("ROS_API_RATE_PER_MINUTE", 60)


def api_burst() -> int:
    """Requests a client address may make to the API at once before the rate applies: ROS_API_BURST, else 30."""
    return int(_positive("ROS_API_BURST", 30))


def scenario_quota() -> int:
    """Scenarios one planner may keep in the shared list: ROS_SCENARIO_QUOTA, else 200 (coördinators: no limit)."""
    return int(_positive("ROS_SCENARIO_QUOTA", 200))
