"""Run the whole system locally: Redis (if needed), the three services and the gateway.

    .venv/bin/python scripts/run_all.py          (what `make run` does)

Everything listens on 127.0.0.1: gateway :8000, parties :8001, screening :8002,
disclosure :8003. Storage is SQLite under var/ unless DATABASE_URL points at PostgreSQL;
the parties service loads the lists from LISTS_DIR (default ../shared/data/lists) on first
start. Without GATEWAY_ADMIN_KEY, an admin key is generated on first start, kept in
var/gateway-admin-key (mode 0600) and printed once. Ctrl-C (or SIGTERM) stops everything:
children are asked to terminate, waited for, and killed if they linger.
"""

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parents[1]
VAR = REPO / "var"
ADMIN_KEY_FILE = VAR / "gateway-admin-key"
STOP_GRACE_S = 10.0
READY_TIMEOUT_S = 900.0


@dataclass
class Child:
    name: str
    command: list[str]
    url: str | None = None
    process: subprocess.Popen[bytes] | None = None
    ready: bool = False
    env: dict[str, str] = field(default_factory=dict)
    port: int | None = None


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def _redis_child() -> Child | None:
    """A local redis-server when REDIS_URL's host is local, nothing answers, and it is installed."""
    url = urlparse(os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))
    host, port = url.hostname or "127.0.0.1", url.port or 6379
    if host not in ("127.0.0.1", "localhost") or _reachable(host, port):
        return None
    server = shutil.which("redis-server")
    if server is None:
        print("redis: not running and not installed; rate limits and caches run in-process")
        return None
    command = [server, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly"]
    return Child("redis", [*command, "no"], port=port)


def _admin_key() -> tuple[str, str]:
    """The admin key to seed and what to tell the operator about it."""
    given = os.environ.get("GATEWAY_ADMIN_KEY")
    if given:
        return given, "admin key: the GATEWAY_ADMIN_KEY you set"
    if ADMIN_KEY_FILE.exists():
        return ADMIN_KEY_FILE.read_text().strip(), f"admin key: in {ADMIN_KEY_FILE} (mode 0600)"
    key = "rsk_" + secrets.token_urlsafe(32)
    VAR.mkdir(exist_ok=True)
    descriptor = os.open(ADMIN_KEY_FILE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(key + "\n")
    return key, (f"admin key (shown once; also saved in {ADMIN_KEY_FILE}, mode 0600):\n    {key}")


def _children(admin_key: str) -> list[Child]:
    python = sys.executable
    services = [
        Child(name, [python, "-m", f"services.{name}"], f"http://127.0.0.1:{port}")
        for name, port in (("parties", 8001), ("screening", 8002), ("disclosure", 8003))
        if (REPO / "services" / name / "__main__.py").exists()
    ]
    gateway = Child(
        "gateway",
        [python, "-m", "gateway"],
        "http://127.0.0.1:8000",
        env={"GATEWAY_ADMIN_KEY": admin_key},
    )
    redis = _redis_child()
    return ([redis] if redis else []) + services + [gateway]


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("LISTS_DIR", str((REPO.parent / "shared" / "data" / "lists").resolve()))
    return env


def _ready(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/readyz", timeout=2) as response:
            return int(response.status) == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


class Supervisor:
    def __init__(self, children: list[Child]) -> None:
        self.children = children
        self.stopping = False

    def start(self, env: dict[str, str]) -> None:
        for child in self.children:
            child.process = subprocess.Popen(
                child.command, cwd=REPO, env={**env, **child.env}, start_new_session=True
            )
            print(f"{child.name}: started (pid {child.process.pid})")
            if child.port is not None:
                self._wait_for_port(child.port)

    def _wait_for_port(self, port: int) -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not _reachable("127.0.0.1", port):
            time.sleep(0.1)

    def watch(self) -> int:
        """Report readiness as it comes; return when a child exits or a stop is asked."""
        started = time.monotonic()
        while not self.stopping:
            for child in self.children:
                assert child.process is not None
                code = child.process.poll()
                if code is not None:
                    print(f"{child.name}: exited with code {code}; stopping everything")
                    return code or 1
                if child.url and not child.ready and _ready(child.url):
                    child.ready = True
                    print(f"{child.name}: ready at {child.url} (docs: {child.url}/docs)")
            waiting = [c.name for c in self.children if c.url and not c.ready]
            if waiting and time.monotonic() - started > READY_TIMEOUT_S:
                print(f"not ready after {READY_TIMEOUT_S:.0f}s: {', '.join(waiting)}")
                started = time.monotonic()
            time.sleep(0.5)
        return 0

    def stop(self) -> None:
        """Terminate in reverse start order (gateway first), wait, then kill stragglers."""
        running = [c for c in reversed(self.children) if c.process and c.process.poll() is None]
        for child in running:
            assert child.process is not None
            child.process.terminate()
        deadline = time.monotonic() + STOP_GRACE_S
        for child in running:
            assert child.process is not None
            try:
                child.process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                print(f"{child.name}: did not stop in {STOP_GRACE_S:.0f}s; killing it")
                child.process.kill()
                child.process.wait()
        print("all stopped")


def main() -> None:
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    os.chdir(REPO)
    admin_key, admin_hint = _admin_key()
    supervisor = Supervisor(_children(admin_key))

    def request_stop(signum: int, _frame: FrameType | None) -> None:
        print(f"\n{signal.Signals(signum).name}: stopping")
        supervisor.stopping = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    database = os.environ.get("DATABASE_URL", "SQLite files in var/")
    print(f"database: {database.split('@')[-1]}")
    supervisor.start(_environment())
    print(admin_hint)
    print("gateway: http://127.0.0.1:8000 (API docs: http://127.0.0.1:8000/docs); Ctrl-C stops")
    code = 1
    try:
        code = supervisor.watch()
    finally:
        supervisor.stop()
    raise SystemExit(code)


if __name__ == "__main__":
    main()
