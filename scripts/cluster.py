"""The regional deployment on one machine, on loopback: one PostgreSQL, N dashboard processes
(`python -m ros.ui.launch`, started warm) sharing it, and nginx in front with session affinity
(deploy/nginx/ros-twente.conf). It prints the address and stops everything it started on Ctrl-C or SIGTERM
(`make cluster-stop`).

Debian's `postgresql` and `nginx` packages provide the servers (.ci/run installs them). PostgreSQL refuses to run as
root, so under root it runs as the `postgres` user, with its data in a temporary directory that user owns. Every
process gets the same Streamlit cookie secret (a signed-in user stays signed in on whichever process answers) and,
with --secrets, the same secrets file (sign-in and roles).

Usage: .venv/bin/python scripts/cluster.py [--processes 2] [--port 8080] [--secrets .streamlit/secrets.toml]
"""

from __future__ import annotations

import argparse
import glob
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack
from pathlib import Path
from typing import Self

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from scripts.pagebench.server import APP, ROOT, Server, free_port, server_env

TEMPLATE = ROOT / "deploy" / "nginx" / "ros-twente.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
START_TIMEOUT_S = 90


def _as_postgres(command: list[str]) -> list[str]:
    """`command` run as the `postgres` user when we are root (PostgreSQL will not run as root)."""
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


class PostgreSQL:
    """A PostgreSQL server in a temporary directory on a free loopback port (trust authentication, user `postgres`),
    with database `ros`; started in __enter__, stopped and removed in __exit__."""

    def __init__(self) -> None:
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[-3]))
        pg_ctl = found[-1] if found else shutil.which("pg_ctl")
        if pg_ctl is None:
            raise SystemExit("no PostgreSQL server installed (apt-get install postgresql)")
        self.bin = Path(pg_ctl).parent
        self.workdir = Path(tempfile.mkdtemp(prefix="ros-cluster-postgresql-"))
        self.port = free_port()
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/ros"

    def __enter__(self) -> Self:
        if os.geteuid() == 0:
            account = pwd.getpwnam("postgres")
            os.chown(self.workdir, account.pw_uid, account.pw_gid)
        data, log = self.workdir / "data", self.workdir / "postgresql.log"
        run = [str(self.bin / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "--no-sync"]
        subprocess.run(_as_postgres(run), check=True, stdout=subprocess.DEVNULL)
        options = f"-h 127.0.0.1 -p {self.port} -k {self.workdir}"
        start = [str(self.bin / "pg_ctl"), "start", "-w", "-D", str(data), "-l", str(log), "-o", options]
        subprocess.run(_as_postgres(start), check=True, stdout=subprocess.DEVNULL)
        create = [str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "ros"]
        subprocess.run(create, check=True)
        return self

    def __exit__(self, *exc: object) -> None:
        stop = [str(self.bin / "pg_ctl"), "stop", "-w", "-m", "fast", "-D", str(self.workdir / "data")]
        subprocess.run(_as_postgres(stop), check=False, stdout=subprocess.DEVNULL)
        shutil.rmtree(self.workdir, ignore_errors=True)


def nginx_config(template: str, listen: str, upstreams: list[int], workdir: Path) -> str:
    """A whole nginx.conf for a foreground nginx in `workdir` whose http block is `template` with @LISTEN@ and
    @SERVERS@ filled in (one `server 127.0.0.1:<port>` per process); its access log names each request's affinity key
    and the process(es) it went to."""
    servers = "\n    ".join(f"server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;" for port in upstreams)
    # whole directives only: the template's comments name the placeholders too
    site = template.replace("listen @LISTEN@;", f"listen {listen};").replace("@SERVERS@\n", servers + "\n")
    temp = "\n".join(
        f"    {kind}_temp_path {workdir / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"daemon off;\nworker_processes 1;\npid {workdir / 'nginx.pid'};\n"
        f"error_log {workdir / 'error.log'} warn;\nevents {{ worker_connections 1024; }}\n"
        f"http {{\n    log_format affinity '$ros_affinity $upstream_addr $status \"$request\"';\n"
        f"    access_log {workdir / 'access.log'} affinity;\n{temp}\n{site}\n}}\n"
    )


class Nginx:
    """nginx on 127.0.0.1:`port` in front of the processes on `upstreams`, with the repository's site template;
    started in __enter__ (returns once it answers), stopped in __exit__."""

    def __init__(self, port: int, upstreams: list[int]) -> None:
        self.port, self.upstreams = port, upstreams
        self.base = f"http://127.0.0.1:{port}"
        self.workdir = Path(tempfile.mkdtemp(prefix="ros-cluster-nginx-"))
        self.process: subprocess.Popen[bytes] | None = None
        self.access_log = self.workdir / "access.log"

    def __enter__(self) -> Self:
        config = self.workdir / "nginx.conf"
        site = TEMPLATE.read_text(encoding="utf-8")
        config.write_text(nginx_config(site, f"127.0.0.1:{self.port}", self.upstreams, self.workdir), encoding="utf-8")
        checked = subprocess.run([NGINX, "-t", "-q", "-p", str(self.workdir), "-c", str(config)], check=False)
        if checked.returncode:
            self.__exit__()
            raise RuntimeError("nginx refused the generated configuration (see above)")
        self.process = subprocess.Popen([NGINX, "-p", str(self.workdir), "-c", str(config)])
        deadline = time.monotonic() + START_TIMEOUT_S
        while not _healthy(self.base):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.__exit__()
                raise RuntimeError(f"nginx did not answer: {(self.workdir / 'error.log').read_text()[-2000:]}")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        shutil.rmtree(self.workdir, ignore_errors=True)


def _healthy(base: str) -> bool:
    """True when `base`/_stcore/health answers 200."""
    try:
        with urllib.request.urlopen(f"{base}/_stcore/health", timeout=1) as response:
            return bool(response.status == 200)
    except OSError:
        return False


class Cluster:
    """PostgreSQL (or the database at `database_url`), `processes` dashboard processes on it and nginx in front on
    `port` (a free one by default); `env` adds settings for the processes (e.g. STREAMLIT_SECRETS_FILES)."""

    def __init__(
        self,
        processes: int = 2,
        port: int | None = None,
        database_url: str | None = None,
        env: dict[str, str] | None = None,
    ) -> None:
        self.processes, self.port, self.database_url = processes, port or free_port(), database_url
        self.env = env or {}
        self.apps: list[Server] = []
        self.nginx: Nginx | None = None
        self._stack = ExitStack()

    @property
    def base(self) -> str:
        """The address users open: nginx."""
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> Self:
        with ExitStack() as stack:
            url = self.database_url or stack.enter_context(PostgreSQL()).url
            env = server_env() | self.env
            env |= {"ROS_SCENARIO_DB_URL": url, "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_urlsafe(32)}
            # started one after the other: the first applies the schema migrations, two warm-ups would share the cores
            self.apps = [stack.enter_context(Server(APP, env, ROOT)) for _ in range(self.processes)]
            self.nginx = stack.enter_context(Nginx(self.port, [app.port for app in self.apps]))
            self._stack = stack.pop_all()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--processes", type=int, default=2, help="dashboard processes behind nginx")
    parser.add_argument("--port", type=int, default=8080, help="nginx's port on 127.0.0.1")
    parser.add_argument("--secrets", type=Path, help="a secrets.toml for every process ([auth], [roles])")
    parser.add_argument("--pid-file", type=Path, default=Path(tempfile.gettempdir()) / "ros-cluster.pid")
    args = parser.parse_args(argv)
    env = {"STREAMLIT_SECRETS_FILES": str(args.secrets.resolve())} if args.secrets else {}
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # `make cluster-stop`: leave through __exit__ as on Ctrl-C
    with Cluster(args.processes, args.port, env=env) as cluster:
        args.pid_file.write_text(str(os.getpid()))
        ports = ", ".join(str(app.port) for app in cluster.apps)
        print(f"ROS Twente on {cluster.base} (nginx; processes on {ports}); Ctrl-C or `make cluster-stop` stops it")
        try:
            signal.pause()
        except KeyboardInterrupt:
            pass
        finally:
            args.pid_file.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
