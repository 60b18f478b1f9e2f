#!/usr/bin/env python
"""Load benchmark: production server (gunicorn, DEBUG off) on 127.0.0.1, driven by wrk from the same machine.

Usage: .venv/bin/python bench/run.py [--scale S|M|L] [--db sqlite|postgres] [--duration 10] [--connections 8]
       [--workers 2] [--post-seconds 30] [--only NAME] [--queries-only] [--no-balancer] [--check-budget]

For every endpoint it prints requests per second, p50/p95/p99 latency, SQL queries per request (from the
X-Query-Count header the server adds when QW_COUNT_QUERIES=1), the size of the answer in bytes (rows with a
ceiling, `max_bytes`, such as the map feeds of a view and the address search, miss their budget above it) and
the peak RSS of each worker. The first row is
the reference: a constant response through the same stack. Results go to bench/results/ as JSON.

Each row records whether it runs signed in (`signed_in`) and whether it keeps its budget: at least 0.20 of the
reference row's throughput for what a visitor without a session requests, at least 0.05 for signed-in rows,
and p95 under 150 ms for every row but the Open311 POST (docs/performance.md, "Budgets"). The last rows
(`balancer: ...`) run through HAProxy in front of two servers (deploy/balancer.py); they are recorded, not
held to the budget. `--check-budget` exits 1 when a row misses its budget.
"""

import argparse
import datetime
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable
RESULTS = ROOT / "bench" / "results"
VAR = ROOT / "var"

# Budgets (docs/performance.md): share of the reference row's throughput, and p95 latency.
VISITOR_MIN_RATIO = 0.20
SIGNED_IN_MIN_RATIO = 0.05
MAX_P95_MS = 150
BALANCER_PREFIX = "balancer: "
# Rows measured through HAProxy in front of two servers: (name of the row they repeat, name of the new row).
BALANCER_ROWS = ("reference: constant response", "quarter home", "staff dashboard")

LUA_TEMPLATE = """
wrk.method = {method}
wrk.body = {body}
{headers}
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('QWRESULT {{"requests": %d, "duration_us": %d, "errors": %d, "non2xx": %d, ' ..
    '"p50_us": %d, "p95_us": %d, "p99_us": %d, "mean_us": %d}}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.mean))
end
"""


def lua_str(value: str) -> str:
    return "[==[" + value + "]==]"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def database_url(db: str, scale: str) -> str:
    if db == "sqlite":
        VAR.mkdir(exist_ok=True)
        return f"sqlite:///{VAR / f'bench-{scale}.sqlite3'}"
    if db == "postgres":
        return f"postgres://postgres@127.0.0.1:5432/qw_bench_{scale.lower()}"
    return db


def django_env(db_url: str, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(
        DJANGO_SETTINGS_MODULE="quartierwerk.settings",
        DATABASE_URL=db_url,
        DEBUG="false",
        SECRET_KEY=env.get("BENCH_SECRET_KEY", "bench-" + secrets.token_hex(32)),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        SESSION_COOKIE_SECURE="false",
        CSRF_COOKIE_SECURE="false",
        LANGUAGE_COOKIE_SECURE="false",
        SECURE_HSTS_SECONDS="0",
        STATIC_ROOT=str(VAR / "bench-static"),
        MEDIA_ROOT=str(VAR / "bench-media"),
        EMAIL_URL="dummymail://",
        **extra,
    )
    return env


def manage(env, *args, capture=False):
    return subprocess.run(
        [PY, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=capture, text=True
    )


def prepare_database(db: str, scale: str, env: dict, fresh: bool) -> None:
    VAR.mkdir(exist_ok=True)
    marker = VAR / f"bench-{''.join(c if c.isalnum() else '_' for c in db)}-{scale}.generated"
    if db == "postgres":
        name = f"qw_bench_{scale.lower()}"
        exists = subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "-tAc",
                f"SELECT 1 FROM pg_database WHERE datname='{name}'",
            ],
            capture_output=True,
            text=True,
        ).stdout.strip()
        if fresh and exists:
            subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
            exists = ""
            marker.unlink(missing_ok=True)
        if not exists:
            subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", name], check=True)
            marker.unlink(missing_ok=True)
    elif db == "sqlite":
        path = VAR / f"bench-{scale}.sqlite3"
        if fresh or not path.exists():
            for p in VAR.glob(f"bench-{scale}.sqlite3*"):
                p.unlink()
            marker.unlink(missing_ok=True)
    manage(env, "migrate", "--noinput", "-v0")
    if not marker.exists():
        t0 = time.monotonic()
        manage(env, "generate_bench_data", "--scale", scale)
        marker.write_text(f"generated in {time.monotonic() - t0:.1f}s\n")
        print(f"data: scale {scale} generated in {time.monotonic() - t0:.1f}s", flush=True)
    manage(env, "collectstatic", "--noinput", "-v0")


SETUP_SNIPPET = r"""
import json, django
django.setup()
from quartierwerk.core.benchdata import BenchContext, SCALES, Endpoint
from quartierwerk.core.models import Quarter, Membership, User
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from importlib import import_module
from importlib.util import find_spec
from quartierwerk.modules import MODULE_NAMES
import random

scale = "%(scale)s"
quarters = list(Quarter.objects.filter(slug__startswith="bench-").order_by("pk")[:3]) or [Quarter.objects.get(slug="gruenau")]
first = quarters[0]
staff = Membership.objects.filter(quarter=first, role="staff").select_related("user").order_by("pk").first().user
import time as _t
from django.apps import apps


def session_for(user):
    # The session store the servers use (the cache, i.e. Redis, when REDIS_URL is set), second factor done.
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="bench", confirmed=True
    )
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session["otp_device_id"] = device.persistent_id
    session["qw_last_seen"] = int(_t.time()) + 10**6
    session.create()
    return session.session_key


def bench_user(email, name):
    return User.objects.filter(email=email).first() or User.objects.create_user(email=email, display_name=name)


sessions = {"staff": session_for(staff)}
# City staff of the first quarter's city, and a seated member of the award team of its newest fund.
city_staff = bench_user("bench-city-staff@bench.example", "Amt für Stadterneuerung")
Membership.objects.get_or_create(user=city_staff, role="city_staff", city=first.city)
sessions["city_staff"] = session_for(city_staff)
if apps.is_installed("quartierwerk.fund"):
    fund = apps.get_model("fund", "Fund").objects.filter(quarter=first).order_by("-year").first()
    if fund is not None and not fund.award_team_id:
        # The generated funds have no award team yet: the first quarter's fund gets one to sit in.
        team, _created = apps.get_model("actors", "Group").objects.get_or_create(
            quarter=first, slug="bench-vergabeteam", defaults={"name": "Vergabeteam (Bench)", "kind": "award_team"}
        )
        type(fund).objects.filter(pk=fund.pk).update(award_team=team)
        fund.award_team_id = team.pk
    if fund is not None and fund.award_team_id:
        juror = bench_user("bench-award-team@bench.example", "Vergabeteam Bench")
        person = apps.get_model("actors", "Person").objects.filter(user=juror, quarter=first).first()
        if person is None:
            person = apps.get_model("actors", "Person").objects.create(
                quarter=first, user=juror, first_name="Vergabeteam", last_name="Bench"
            )
        apps.get_model("actors", "GroupMembership").objects.get_or_create(
            group_id=fund.award_team_id, person=person, defaults={"role": "member"}
        )
        Membership.objects.get_or_create(user=juror, role="award_team", quarter=first)
        sessions["award_team"] = session_for(juror)
ctx = BenchContext(scale=scale, rng=random.Random(1), counts=dict(SCALES[scale]), quarters=quarters, staff={first.pk: staff})
endpoints = [
    Endpoint("reference: constant response", "/ping"),
    Endpoint("city home", "/"),
    Endpoint("quarter home", "/q/{quarter}/"),
    Endpoint("staff dashboard", "/q/{quarter}/staff/", login="staff"),
    Endpoint("staff my work", "/staff/", login="staff"),
    Endpoint("city staff my work", "/staff/", login="city_staff"),
    Endpoint("award team my work", "/staff/", login="award_team"),
    Endpoint("API quarters", "/api/v1/quarters"),
]
for name in MODULE_NAMES:
    if find_spec(f"quartierwerk.{name}.benchdata") is not None:
        endpoints += import_module(f"quartierwerk.{name}.benchdata").endpoints(ctx)
# The address register lives in core, outside MODULE_NAMES.
endpoints += import_module("quartierwerk.core.places.benchdata").endpoints(ctx)
out = []
for e in endpoints:
    params = {"quarter": first.slug, **e.params}
    out.append({"name": e.name, "path": e.path.format(**params), "method": e.method, "login": e.login,
                "body": e.body, "content_type": e.content_type, "max_bytes": e.max_bytes})
print("QWSETUP " + json.dumps({"sessions": sessions, "endpoints": out}))
"""

COUNT_SNIPPET = r"""
import django, sys
django.setup()
from quartierwerk.reports.models import Report
print("QWCOUNT", Report.objects.count())
"""


def run_snippet(env, code: str, marker: str) -> str:
    out = subprocess.run(
        [PY, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith(marker))
    return line[len(marker) :].strip()


def start_server(env, port: int, workers: int):
    server_env = dict(
        env,
        GUNICORN_BIND=f"127.0.0.1:{port}",
        WEB_CONCURRENCY=str(workers),
        GUNICORN_MAX_REQUESTS="0",
        GUNICORN_ACCESS_LOG="",
        QW_COUNT_QUERIES="1",
    )
    log = open(VAR / "bench-gunicorn.log", "w")  # noqa: SIM115 (kept open for the server's life)
    proc = subprocess.Popen(
        [str(Path(PY).parent / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "quartierwerk.wsgi"],
        cwd=ROOT,
        env=server_env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/ping", timeout=2)  # noqa: S310 (loopback only)
            return proc
        except (urllib.error.URLError, ConnectionError, TimeoutError):  # a busy machine answers late
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("the server did not start; see var/bench-gunicorn.log")


def worker_pids(master: int) -> list[int]:
    out = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True).stdout
    return [int(p) for p in out.split()]


def peak_rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except FileNotFoundError:
        pass
    return 0.0


def request_once(base: str, ep: dict, cookie: str | None) -> tuple[int, int, str, int]:
    """One request: its status, SQL queries, the path it ended on (after redirects) and the body's size."""
    data = None
    headers = {"Accept": "*/*"}
    if ep["body"] is not None:
        if ep["content_type"] == "application/json":
            data = json.dumps(ep["body"]).encode()
        else:
            data = urllib.parse.urlencode(ep["body"]).encode()
        headers["Content-Type"] = ep["content_type"]
    if cookie:
        headers["Cookie"] = cookie
    req = urllib.request.Request(base + ep["path"], data=data, method=ep["method"], headers=headers)  # noqa: S310
    try:
        with urllib.request.urlopen(req, timeout=30) as resp:  # noqa: S310 (loopback only)
            final = urllib.parse.urlsplit(resp.geturl())
            size = len(resp.read())
            return resp.status, int(resp.headers.get("X-Query-Count", -1)), final.path, size
    except urllib.error.HTTPError as exc:
        path = urllib.parse.urlsplit(req.full_url).path
        return exc.code, int(exc.headers.get("X-Query-Count", -1)), path, 0


def wrk(base: str, ep: dict, cookie: str | None, seconds: int, connections: int, threads: int) -> dict:
    headers = []
    if cookie:
        headers.append(f'wrk.headers["Cookie"] = {lua_str(cookie)}')
    body = ""
    if ep["body"] is not None:
        body = (
            json.dumps(ep["body"])
            if ep["content_type"] == "application/json"
            else urllib.parse.urlencode(ep["body"])
        )
        headers.append(f'wrk.headers["Content-Type"] = {lua_str(ep["content_type"])}')
    script = LUA_TEMPLATE.format(
        method=lua_str(ep["method"]), body=lua_str(body) if body else "nil", headers="\n".join(headers)
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
        fh.write(script)
    try:
        out = subprocess.run(
            [
                "wrk",
                "-t",
                str(threads),
                "-c",
                str(connections),
                "-d",
                f"{seconds}s",
                "--timeout",
                "10s",
                "-s",
                fh.name,
                base + ep["path"],
            ],
            capture_output=True,
            text=True,
            timeout=seconds + 60,
        ).stdout
    finally:
        os.unlink(fh.name)
    line = next((line for line in out.splitlines() if line.startswith("QWRESULT ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no result for {ep['name']}:\n{out}")
    data = json.loads(line[len("QWRESULT ") :])
    seconds_run = data["duration_us"] / 1e6
    ok = data["requests"] - data["non2xx"] - data["errors"]
    return {
        "requests": data["requests"],
        "ok": ok,
        "non2xx": data["non2xx"],
        "errors": data["errors"],
        "rps": round(data["requests"] / seconds_run, 1),
        "p50_ms": round(data["p50_us"] / 1000, 1),
        "p95_ms": round(data["p95_us"] / 1000, 1),
        "p99_ms": round(data["p99_us"] / 1000, 1),
    }


def measure(base: str, ep: dict, cookies: dict, args, env: dict, warm: int) -> dict:
    """Warm the servers with `warm` requests, read the SQL count, then drive the endpoint with wrk.
    `cookies` holds the session cookie of each kind of signed-in person (`login` of the endpoint)."""
    ep_cookie = cookies.get(ep["login"]) if ep["login"] else None
    if ep["login"] and ep_cookie is None:
        row = {
            "name": ep["name"],
            "method": ep["method"],
            "path": ep["path"],
            "signed_in": True,
            "queries": None,
        }
        row["error"] = f"no {ep['login']} in the benchmark data"
        print(f"  {ep['name']}: {row}", flush=True)
        return row
    status, counts, final_path, size = 0, [], ep["path"], 0
    for _ in range(warm):  # warm every worker (and its per-process caches)
        status, queries, final_path, size = request_once(base, ep, ep_cookie)
        counts.append(queries)
    # The steady state: the smallest count among the warm requests (a worker whose cache is still cold
    # answers one request with more queries).
    row = {
        "name": ep["name"],
        "method": ep["method"],
        "path": ep["path"],
        "signed_in": bool(ep["login"]),
        "status": status,
        "queries": min(counts[warm // 4 :]),
        "bytes": size,
    }
    if ep.get("max_bytes"):
        # A map feed or a search answers for one view or one query: its payload has a ceiling at every scale.
        row["max_bytes"] = ep["max_bytes"]
        row["payload_ok"] = size <= ep["max_bytes"]
    if status >= 400:
        row["error"] = f"HTTP {status}"
    elif final_path != urllib.parse.urlsplit(base + ep["path"]).path:
        # A signed-in row that lands on the log-in page measures the wrong page.
        row["error"] = f"redirected to {final_path}"
    elif not args.queries_only:
        is_post = ep["method"] == "POST"
        before = (
            int(run_snippet(env, COUNT_SNIPPET, "QWCOUNT")) if is_post and "open311" in ep["path"] else None
        )
        seconds = args.post_seconds if is_post else args.duration
        row.update(wrk(base, ep, ep_cookie, seconds, args.connections, args.threads))
        if before is not None:
            after = int(run_snippet(env, COUNT_SNIPPET, "QWCOUNT"))
            row["stored"] = after - before
            # wrk stops with up to one request per connection in flight: those are stored but not counted.
            row["lost"] = max(0, row["ok"] - row["stored"])
            row["in_flight_at_stop"] = max(0, row["stored"] - row["ok"])
    print(f"  {ep['name']}: {row}", flush=True)
    return row


def is_open311_post(row: dict) -> bool:
    return row["method"] == "POST" and "open311" in row["path"]


def budget(row: dict) -> dict | None:
    """The row's budget and whether it was kept; None for rows held to none (reference, balancer, errors)."""
    if row["name"].startswith(("reference", BALANCER_PREFIX)) or "rps" not in row:
        return None
    min_ratio = SIGNED_IN_MIN_RATIO if row["signed_in"] else VISITOR_MIN_RATIO
    max_p95 = None if is_open311_post(row) else MAX_P95_MS
    missed = []
    if row.get("ratio", 0) < min_ratio:
        missed.append(f"× ref {row.get('ratio', 0)} < {min_ratio}")
    if max_p95 is not None and row["p95_ms"] >= max_p95:
        missed.append(f"p95 {row['p95_ms']} ms ≥ {max_p95}")
    if row.get("non2xx") or row.get("errors"):
        missed.append("errors")
    if row.get("payload_ok") is False:
        missed.append(f"payload {row['bytes']} B > {row['max_bytes']} B")
    return {"min_ratio": min_ratio, "max_p95_ms": max_p95, "met": not missed, "missed": missed}


def balancer_rows(db_url: str, env: dict, cookies: dict, endpoints: list[dict], args) -> list[dict]:
    """The balancer rows: HAProxy in front of two servers with half the workers each, same database and Redis."""
    sys.path.insert(0, str(ROOT / "deploy"))
    from balancer import Balancer

    chosen = {e["name"]: e for e in endpoints if e["name"] in BALANCER_ROWS}
    if not chosen:
        return []
    server_env = {
        k: v
        for k, v in env.items()
        if k
        in (
            "SECRET_KEY",
            "STATIC_ROOT",
            "MEDIA_ROOT",
            "EMAIL_URL",
            "CACHE_KEY_PREFIX",
            "ALLOWED_HOSTS",
        )
    }
    server_env.update(GUNICORN_MAX_REQUESTS="0", QW_COUNT_QUERIES="1")
    rows = []
    with Balancer(
        database_url=db_url,
        redis_url=env["REDIS_URL"],
        servers=2,
        workers=max(1, args.workers // 2),
        env=server_env,
        log_dir=VAR / "bench-balancer",
    ) as balancer:
        for name in BALANCER_ROWS:
            if name in chosen:
                ep = {**chosen[name], "name": BALANCER_PREFIX + name}
                rows.append(measure(balancer.url, ep, cookies, args, env, warm=4 * max(2, args.workers)))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", default="S", choices=["S", "M", "L", "T"])
    parser.add_argument("--db", default="sqlite", help="sqlite, postgres or a DATABASE_URL")
    parser.add_argument("--duration", type=int, default=5, help="seconds of load per endpoint")
    parser.add_argument("--post-seconds", type=int, default=30, help="seconds of sustained Open311 POST load")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", help="run only endpoints whose name contains this text")
    parser.add_argument(
        "--queries-only", action="store_true", help="only measure SQL queries per request, no load"
    )
    parser.add_argument("--fresh", action="store_true", help="drop and regenerate the benchmark database")
    parser.add_argument(
        "--no-balancer", action="store_true", help="leave out the rows through HAProxy and two servers"
    )
    parser.add_argument("--check-budget", action="store_true", help="exit 1 when a row misses its budget")
    args = parser.parse_args()

    if not args.queries_only and shutil.which("wrk") is None:
        print(
            "wrk is not installed (Debian: apt-get install wrk); `make bench` installs it.", file=sys.stderr
        )
        return 2
    with_balancer = not args.no_balancer and shutil.which("haproxy") is not None
    if not args.no_balancer and not with_balancer:
        print("haproxy is not installed (Debian: apt-get install haproxy): no balancer rows", flush=True)
    db_url = database_url(args.db, args.scale)
    db_label = "PostgreSQL" if db_url.startswith("postgres") else "SQLite"
    env = django_env(db_url)
    t_start = time.monotonic()
    prepare_database(args.db, args.scale, env, args.fresh)
    if (args.workers > 1 or with_balancer) and not env.get("REDIS_URL"):
        # Several workers or servers share the cache and the sessions in Redis (production refuses to start
        # with a per-process cache); the signed-in session below is made in the same store.
        env.update(REDIS_URL="redis://127.0.0.1:6379/0", CACHE_KEY_PREFIX=f"bench-{os.getpid()}-")
    setup = json.loads(run_snippet(env, SETUP_SNIPPET % {"scale": args.scale}, "QWSETUP "))
    cookies = {login: f"sessionid={key}" for login, key in setup["sessions"].items()}
    endpoints = [
        e
        for e in setup["endpoints"]
        if not args.only or args.only in e["name"] or e["name"].startswith("reference")
    ]
    for e in endpoints:
        e["path"] = urllib.parse.quote(e["path"], safe="/?&=:%+,;@")

    port = free_port()
    server = start_server(env, port, args.workers)
    base = f"http://127.0.0.1:{port}"
    rows = []
    try:
        for ep in endpoints:
            rows.append(measure(base, ep, cookies, args, env, warm=4 * args.workers))
        rss = {pid: round(peak_rss_mb(pid), 1) for pid in worker_pids(server.pid)}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    if with_balancer and not args.queries_only:
        rows += balancer_rows(db_url, env, cookies, endpoints, args)

    reference = next((r for r in rows if r["name"].startswith("reference")), None)
    ref_rps = reference.get("rps") if reference else None
    for r in rows:
        if ref_rps and r.get("rps"):
            r["ratio"] = round(r["rps"] / ref_rps, 2)
        r["budget"] = budget(r)
    meta = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "scale": args.scale,
        "database": db_label,
        "cpus": os.cpu_count(),
        "machine": platform.platform(),
        "python": platform.python_version(),
        "workers": args.workers,
        "connections": args.connections,
        "duration_s": args.duration,
        "peak_rss_mb_per_worker": rss,
        "budgets": {
            "visitor_min_ratio": VISITOR_MIN_RATIO,
            "signed_in_min_ratio": SIGNED_IN_MIN_RATIO,
            "max_p95_ms": MAX_P95_MS,
        },
        "total_seconds": round(time.monotonic() - t_start, 1),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"{meta['date'].replace(':', '')}-{args.scale}-{db_label.lower()}.json"
    out.write_text(json.dumps({"meta": meta, "rows": rows}, indent=2, ensure_ascii=False))
    print()
    print(markdown(meta, rows))
    print(f"\nresults: {out.relative_to(ROOT)}")
    missed = [r["name"] for r in rows if r["budget"] and not r["budget"]["met"]]
    held = sum(1 for r in rows if r["budget"])
    print(
        f"budget: {held - len(missed)} of {held} rows kept it"
        + (f"; missed: {', '.join(missed)}" if missed else "")
    )
    return 1 if args.check_budget and missed else 0


def markdown(meta: dict, rows: list[dict]) -> str:
    lines = [
        f"Scale {meta['scale']} · {meta['database']} · {meta['cpus']} CPUs · {meta['workers']} workers · "
        f"{meta['connections']} connections · peak RSS per worker (MB): "
        + ", ".join(str(v) for v in meta["peak_rss_mb_per_worker"].values()),
        "",
        "| endpoint | signed in | rps | × ref | p50 ms | p95 ms | p99 ms | SQL/req | non-2xx | budget | notes |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for r in rows:
        notes = r.get("error", "")
        if "stored" in r:
            notes = f"accepted {r['ok']}, stored {r['stored']} ({r['in_flight_at_stop']} in flight at stop), lost {r['lost']}"
        kept = r.get("budget")
        verdict = "–" if kept is None else ("met" if kept["met"] else "missed: " + "; ".join(kept["missed"]))
        lines.append(
            f"| {r['name']} | {'yes' if r.get('signed_in') else 'no'} | {r.get('rps', '')} | {r.get('ratio', '')} | "
            f"{r.get('p50_ms', '')} | {r.get('p95_ms', '')} | {r.get('p99_ms', '')} | {r['queries']} | "
            f"{r.get('non2xx', '')} | {verdict} | {notes} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
