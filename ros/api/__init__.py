"""The read-only HTTP API beside the pages (/api/v1): the top layer next to `ros.ui`, built on Starlette without
Streamlit. `routes()` is what the dashboard's server mounts."""

from ros.api.server import routes

__all__ = ["routes"]
