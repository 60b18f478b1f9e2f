"""The benchmark's budgets (bench/run.py): a fifth of the reference for visitors, a twentieth signed in."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def run():
    spec = importlib.util.spec_from_file_location("quartierwerk_bench_run", ROOT / "bench" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def row(name, *, ratio, p95, signed_in=False, method="GET", path="/q/x/", **extra):
    return {
        "name": name,
        "method": method,
        "path": path,
        "signed_in": signed_in,
        "rps": 1.0,
        "ratio": ratio,
        "p95_ms": p95,
        "non2xx": 0,
        "errors": 0,
        **extra,
    }


@pytest.mark.parametrize(
    "measured, met",
    [
        (row("quarter home", ratio=0.2, p95=149.9), True),
        (row("quarter home", ratio=0.19, p95=20), False),
        (row("quarter home", ratio=0.5, p95=150), False),
        (row("staff dashboard", ratio=0.05, p95=100, signed_in=True), True),
        (row("staff dashboard", ratio=0.04, p95=100, signed_in=True), False),
        (
            row("open311 post request", ratio=0.3, p95=900, method="POST", path="/open311/v2/requests.json"),
            True,
        ),
        (row("reports list", ratio=0.9, p95=10, non2xx=3), False),
    ],
)
def test_visitor_and_signed_in_rows_have_their_own_share_of_the_reference(run, measured, met):
    assert run.budget(measured)["met"] is met
    assert run.budget(measured)["min_ratio"] == (0.05 if measured["signed_in"] else 0.2)


def test_the_reference_the_balancer_rows_and_failed_rows_are_held_to_no_budget(run):
    assert run.budget(row("reference: constant response", ratio=1.0, p95=5)) is None
    assert run.budget(row("balancer: quarter home", ratio=0.01, p95=900)) is None
    assert (
        run.budget(
            {"name": "fund inbox", "method": "GET", "path": "/", "signed_in": True, "error": "HTTP 500"}
        )
        is None
    )


def test_the_table_says_who_is_signed_in_and_whether_the_budget_was_kept(run):
    rows = [row("staff dashboard", ratio=0.01, p95=300, signed_in=True, queries=9, p50_ms=1, p99_ms=2)]
    rows[0]["budget"] = run.budget(rows[0])
    meta = {
        "scale": "S",
        "database": "PostgreSQL",
        "cpus": 2,
        "workers": 2,
        "connections": 8,
        "peak_rss_mb_per_worker": {1: 100.0},
    }
    table = run.markdown(meta, rows)
    assert "| staff dashboard | yes |" in table and "missed: × ref 0.01 < 0.05; p95 300 ms ≥ 150" in table


def test_a_row_with_a_payload_ceiling_misses_its_budget_when_it_answers_more(run):
    within = row(
        "reports map points (bbox, zoom 17)", ratio=0.9, p95=10, bytes=900, max_bytes=1000, payload_ok=True
    )
    over = row(
        "reports map points (bbox, zoom 17)", ratio=0.9, p95=10, bytes=1001, max_bytes=1000, payload_ok=False
    )
    assert run.budget(within)["met"] is True
    assert run.budget(over)["met"] is False
    assert "payload 1001 B > 1000 B" in run.budget(over)["missed"]


def test_compare_flags_query_counts_that_grow_and_answers_above_their_ceiling(tmp_path, capsys):
    import json

    spec = importlib.util.spec_from_file_location("quartierwerk_bench_compare", ROOT / "bench" / "compare.py")
    compare = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(compare)

    def result(scale, queries, size):
        rows = [
            {"name": "places search (street prefix)", "queries": queries, "bytes": size, "max_bytes": 8192}
        ]
        path = tmp_path / f"{scale}-{queries}-{size}.json"
        path.write_text(json.dumps({"meta": {"scale": scale}, "rows": rows}))
        return str(path)

    assert compare.main(result("S", 2, 900), result("M", 2, 1100)) == 0
    assert "| places search (street prefix) | 900 | 1100 | yes |" in capsys.readouterr().out
    assert compare.main(result("S", 2, 900), result("M", 3, 1100)) == 1
    assert compare.main(result("S", 2, 900), result("L", 2, 9000)) == 1
    assert "NO (> 8192)" in capsys.readouterr().out
