"""A throwaway PostgreSQL server for tests: its own cluster in a temp dir, on loopback.

Debian installs the server binaries under `/usr/lib/postgresql/<major>/bin` and never
starts a cluster, so tests start one. `initdb` refuses to run as root; as root every
server command runs as the `postgres` user through `su`, otherwise as the current user.
Durability is switched off (`fsync=off`): the cluster lives for one test session.
"""

from __future__ import annotations

import atexit
import glob
import os
import shlex
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

SERVER_USER = "postgres"


def find_bin_dir() -> Path | None:
    """The newest installed server's bin directory, or None when no server is installed."""
    candidates = glob.glob("/usr/lib/postgresql/*/bin/initdb")
    if not candidates:
        found = shutil.which("initdb")
        return Path(found).parent if found else None

    def major(path: str) -> float:
        try:
            return float(Path(path).parent.parent.name)
        except ValueError:
            return 0.0

    return Path(max(candidates, key=major)).parent


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@dataclass
class Server:
    """A running cluster; `url(dbname)` gives a SQLAlchemy URL for one of its databases."""

    bin_dir: Path
    root: Path
    port: int

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def log_file(self) -> Path:
        return self.root / "server.log"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{SERVER_USER}@127.0.0.1:{self.port}/{database}"

    def stop(self) -> None:
        if (self.data_dir / "postmaster.pid").exists():
            _run_as_server_user(
                self.bin_dir / "pg_ctl", "-D", self.data_dir, "-m", "immediate", "-w", "stop"
            )
        shutil.rmtree(self.root, ignore_errors=True)


def start(bin_dir: Path | None = None) -> Server:
    """Create and start a fresh cluster; the caller should `stop()` it (exit does too)."""
    bin_dir = bin_dir or find_bin_dir()
    if bin_dir is None:
        raise FileNotFoundError("no PostgreSQL server binaries (initdb) are installed")
    root = Path(tempfile.mkdtemp(prefix="rootwise-pg-"))
    if _is_root():
        # mkdtemp makes the directory 0700 for root; the server user must own it.
        shutil.chown(root, SERVER_USER, SERVER_USER)
    server = Server(bin_dir=bin_dir, root=root, port=free_port())
    # A server left running by a crashed test process would outlive it; stop() is
    # idempotent, so the normal stop and this one do not clash.
    atexit.register(server.stop)
    try:
        _run_as_server_user(
            bin_dir / "initdb",
            "-D",
            server.data_dir,
            "-U",
            SERVER_USER,
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        for attempt in range(3):
            try:
                _pg_ctl_start(server)
                break
            except RuntimeError:
                # Another process may have taken the free port in the meantime.
                if attempt == 2:
                    raise
                server.port = free_port()
    except BaseException:
        server.stop()
        raise
    return server


def _pg_ctl_start(server: Server) -> None:
    options = (
        f"-p {server.port} -k {server.root} -c listen_addresses=127.0.0.1 "
        "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
        "-c max_connections=100"
    )
    _run_as_server_user(
        server.bin_dir / "pg_ctl",
        "-D",
        server.data_dir,
        "-l",
        server.log_file,
        "-w",
        "-o",
        options,
        "start",
    )


def _is_root() -> bool:
    return os.geteuid() == 0


def _run_as_server_user(*argv: object) -> None:
    words = [str(a) for a in argv]
    if _is_root():
        words = ["su", SERVER_USER, "-s", "/bin/sh", "-c", shlex.join(words)]
    result = subprocess.run(words, capture_output=True, text=True, check=False, timeout=120)
    if result.returncode != 0:
        raise RuntimeError(
            f"{shlex.join(words)} failed with exit status {result.returncode}:\n"
            f"{result.stdout}{result.stderr}"
        )
