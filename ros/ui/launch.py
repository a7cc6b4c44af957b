"""Start the dashboard server warm: `python -m ros.ui.launch [streamlit options]` is `streamlit run app.py` once the
heavy libraries are imported and the shared caches filled, so that when the health check answers, a first page is
quick (a load balancer or systemd sees the process as ready only then).

Streamlit has no start-up hook for `streamlit run`; importing and warming in the same process before handing over to
its own command line does the same. The first session still starts `ros.ui.warmup` (it finds everything cached and
freezes the heap again).
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

from streamlit.web import cli

from ros.ui import warmup

APP = Path(__file__).resolve().parents[2] / "app.py"


def main(argv: list[str] | None = None) -> None:
    """Warm the caches, then run Streamlit's `streamlit run app.py` with `argv` (default: this command's options)."""
    # Cached functions called outside a script run log "missing ScriptRunContext" each time; here that is expected.
    context_log = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")
    level = context_log.level
    context_log.setLevel(logging.ERROR)
    started = time.perf_counter()
    warmed = warmup.warm_now()
    context_log.setLevel(level)
    print(f"ROS Twente: {warmed} caches warm in {time.perf_counter() - started:.1f} s", file=sys.stderr, flush=True)
    sys.argv = ["streamlit", "run", str(APP), *(sys.argv[1:] if argv is None else argv)]
    cli.main()


if __name__ == "__main__":
    main()
