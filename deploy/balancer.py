#!/usr/bin/env python
"""Several application servers behind HAProxy on loopback: the shape of a larger installation, for tests and
the benchmark (docs/operations.md, "A state or national platform").

Usage: .venv/bin/python deploy/balancer.py --database postgres://postgres@127.0.0.1:5432/quartierwerk
       [--redis redis://127.0.0.1:6379/0] [--servers 2] [--workers 1] [--port 0] [--settings MODULE]

Starts `--servers` gunicorn instances (deploy/gunicorn.conf.py, DEBUG off) on free loopback ports, all on the
same database and the same Redis (cache and sessions), and HAProxy in front of them: round robin, a health
check on /healthz, `X-Forwarded-For` appended, and an `X-Served-By` header naming the server that answered.
Runs until Ctrl-C or SIGTERM, then stops HAProxy and every server. The database must be migrated; with the
production settings the static files must have been collected into STATIC_ROOT.

`Balancer` does the same from Python (`with Balancer(database_url=...) as b: b.url`).
"""

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SERVED_BY = "X-Served-By"

HAPROXY_CONFIG = """
global
    maxconn 512

defaults
    mode http
    option forwardfor
    timeout connect 5s
    timeout client 60s
    timeout server 60s
    timeout check 10s

frontend web
    bind 127.0.0.1:{port}
    default_backend app

backend app
    balance roundrobin
    option httpchk
    http-check send meth GET uri /healthz ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
    http-response set-header {served_by} %s
{servers}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(url: str) -> str | None:
    """The X-Served-By of a GET (or "" without one); None when nothing answers yet."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback only)
            return response.headers.get(SERVED_BY, "")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


class Balancer:
    """Start and stop `servers` gunicorn instances of the project and HAProxy in front of them."""

    def __init__(
        self,
        *,
        database_url: str,
        redis_url: str = "redis://127.0.0.1:6379/0",
        servers: int = 2,
        workers: int = 1,
        port: int = 0,
        settings_module: str = "quartierwerk.settings",
        env: dict | None = None,
        log_dir: Path | None = None,
        start_timeout: float = 90,
    ):
        self.database_url = database_url
        self.redis_url = redis_url
        self.names = [f"app{i + 1}" for i in range(servers)]
        self.workers = workers
        self.port = port or free_port()
        self.settings_module = settings_module
        self.extra_env = dict(env or {})
        self.start_timeout = start_timeout
        self.workdir = Path(tempfile.mkdtemp(prefix="quartierwerk-balancer-"))
        self.log_dir = Path(log_dir) if log_dir else self.workdir
        self.url = f"http://127.0.0.1:{self.port}"
        self.server_urls: dict[str, str] = {}
        self.cache_key_prefix = self.extra_env.get("CACHE_KEY_PREFIX") or f"balancer-{secrets.token_hex(4)}-"
        self._processes: list[tuple[str, subprocess.Popen]] = []

    def server_env(self, name: str, port: int) -> dict:
        """The environment of one application server: production settings, DEBUG off, plain HTTP on loopback."""
        env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")}
        env.update(
            DJANGO_SETTINGS_MODULE=self.settings_module,
            DATABASE_URL=self.database_url,
            REDIS_URL=self.redis_url,
            DEBUG="false",
            SECRET_KEY=os.environ.get("SECRET_KEY") or "balancer-test-" + secrets.token_hex(24),
            ALLOWED_HOSTS="127.0.0.1,localhost",
            SITE_URL=self.url,
            TRUSTED_PROXIES="127.0.0.1",
            # Plain HTTP on loopback: no HTTPS redirect, cookies without the Secure flag.
            SECURE_SSL_REDIRECT="false",
            SESSION_COOKIE_SECURE="false",
            CSRF_COOKIE_SECURE="false",
            LANGUAGE_COOKIE_SECURE="false",
            SECURE_HSTS_SECONDS="0",
            GUNICORN_ACCESS_LOG="",
        )
        env.update(self.extra_env)
        env.update(
            CACHE_KEY_PREFIX=self.cache_key_prefix,
            GUNICORN_BIND=f"127.0.0.1:{port}",
            WEB_CONCURRENCY=str(self.workers),
        )
        return env

    def start(self) -> "Balancer":
        if shutil.which("haproxy") is None:
            raise RuntimeError("haproxy is not installed (Debian: apt-get install haproxy)")
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.log_dir.mkdir(parents=True, exist_ok=True)
        secret = self.extra_env.get("SECRET_KEY") or os.environ.get("SECRET_KEY") or secrets.token_hex(32)
        self.extra_env["SECRET_KEY"] = secret  # one key for every server: sessions and CSRF tokens travel
        gunicorn = str(Path(sys.executable).parent / "gunicorn")
        lines = []
        try:
            for name in self.names:
                port = free_port()
                self.server_urls[name] = f"http://127.0.0.1:{port}"
                lines.append(f"    server {name} 127.0.0.1:{port} check inter 5s fall 3 rise 1")
                self._spawn(
                    name,
                    [
                        gunicorn,
                        "-c",
                        "deploy/gunicorn.conf.py",
                        "-n",
                        f"quartierwerk-{name}",
                        "quartierwerk.wsgi",
                    ],
                    self.server_env(name, port),
                )
            config = self.workdir / "haproxy.cfg"
            config.write_text(
                HAPROXY_CONFIG.format(port=self.port, served_by=SERVED_BY, servers="\n".join(lines))
            )
            for name, url in self.server_urls.items():
                self._wait(lambda url=url: _answers(url + "/ping") is not None, f"server {name}")
            self._spawn("haproxy", ["haproxy", "-db", "-f", str(config)], dict(os.environ))
            seen: set[str] = set()

            def every_server_answers() -> bool:
                seen.add(_answers(self.url + "/ping") or "")
                return set(self.names) <= seen

            self._wait(every_server_answers, "HAProxy with every server")
        except BaseException:
            self.stop()
            raise
        return self

    def _spawn(self, name: str, args: list[str], env: dict) -> None:
        log = open(self.log_dir / f"{name}.log", "w")  # noqa: SIM115 (kept open for the process's life)
        process = subprocess.Popen(  # noqa: S603 (the project's own commands)
            args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()
        self._processes.append((name, process))

    def _wait(self, ready, what: str) -> None:
        deadline = time.monotonic() + self.start_timeout
        while time.monotonic() < deadline:
            for name, process in self._processes:
                if process.poll() is not None:
                    raise RuntimeError(f"{name} stopped (see {self.log_dir / (name + '.log')})")
            if ready():
                return
            time.sleep(0.2)
        raise RuntimeError(
            f"{what} did not answer within {self.start_timeout:.0f} s (logs in {self.log_dir})"
        )

    def stop(self) -> None:
        """Stop HAProxy, then every server (SIGTERM, gunicorn's graceful stop; SIGKILL after 30 s)."""
        for _name, process in reversed(self._processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        self._processes.clear()
        if self.log_dir != self.workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def log(self, name: str) -> str:
        path = self.log_dir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def __enter__(self) -> "Balancer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database", default=os.environ.get("DATABASE_URL", ""), help="DATABASE_URL of all")
    parser.add_argument("--redis", default=os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"))
    parser.add_argument("--servers", type=int, default=2)
    parser.add_argument("--workers", type=int, default=1, help="gunicorn workers per server")
    parser.add_argument("--port", type=int, default=0, help="HAProxy's port (default: a free one)")
    parser.add_argument("--settings", default="quartierwerk.settings")
    args = parser.parse_args()
    if not args.database:
        parser.error("--database (or DATABASE_URL) is required: every server uses the same database")
    balancer = Balancer(
        database_url=args.database,
        redis_url=args.redis,
        servers=args.servers,
        workers=args.workers,
        port=args.port,
        settings_module=args.settings,
        log_dir=ROOT / "var" / "balancer",
    )
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with balancer:
        print(f"HAProxy at {balancer.url}/ in front of:", flush=True)
        for name, url in balancer.server_urls.items():
            print(f"  {name} {url}/", flush=True)
        print(f"logs: {balancer.log_dir}; Ctrl-C stops everything", flush=True)
        try:
            stop.wait()
        except KeyboardInterrupt:
            pass
    print("stopped", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
