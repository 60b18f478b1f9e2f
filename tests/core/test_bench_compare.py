"""bench/compare.py: query counts per row between scales (fails when one grows) and the before/after table."""

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "bench" / "compare.py"


@pytest.fixture(scope="module")
def compare():
    spec = importlib.util.spec_from_file_location("quartierwerk_bench_compare", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _row(name, queries, rps=100.0, p95=20.0, signed_in=False):
    return {"name": name, "queries": queries, "rps": rps, "p95_ms": p95, "signed_in": signed_in}


def _write(tmp_path, name, scale, rows):
    path = tmp_path / name
    meta = {"scale": scale, "date": "2026-12-07T23:00:00+00:00", "database": "PostgreSQL", "cpus": 2}
    path.write_text(json.dumps({"meta": meta, "rows": rows}))
    return str(path)


def _run(*args):
    return subprocess.run([sys.executable, str(SCRIPT), *args], capture_output=True, text=True, check=False)


def test_same_counts_at_s_and_l_pass(tmp_path):
    s = _write(tmp_path, "s.json", "S", [_row("reports list", 3), _row("staff dashboard", 9, signed_in=True)])
    big = _write(
        tmp_path, "l.json", "L", [_row("reports list", 3), _row("staff dashboard", 9, signed_in=True)]
    )
    result = _run(s, big)
    assert result.returncode == 0, result.stdout
    assert "| reports list | 3 | 3 | same |" in result.stdout


def test_a_row_whose_count_grows_fails_and_is_named(tmp_path):
    s = _write(tmp_path, "s.json", "S", [_row("reports list", 3), _row("events city calendar", 4)])
    big = _write(tmp_path, "l.json", "L", [_row("reports list", 3), _row("events city calendar", 5)])
    result = _run(s, big)
    assert result.returncode == 1
    assert "| events city calendar | 4 | 5 | GROWS |" in result.stdout
    assert "events city calendar" in result.stdout.splitlines()[-1]


def test_fewer_queries_or_a_row_only_in_one_file_do_not_fail(tmp_path):
    s = _write(tmp_path, "s.json", "S", [_row("reports list", 4), _row("new row", 2)])
    big = _write(tmp_path, "l.json", "L", [_row("reports list", 3)])
    result = _run(s, big)
    assert result.returncode == 0
    assert "| reports list | 4 | 3 | fewer |" in result.stdout
    assert "| new row | 2 | – | – |" in result.stdout


def test_before_after_table_in_markdown_from_two_files(tmp_path):
    before = _write(
        tmp_path,
        "before.json",
        "S",
        [_row("reports list", 5, rps=100, p95=80), _row("quarter home", 2, rps=500, p95=10)],
    )
    after = _write(
        tmp_path,
        "after.json",
        "S",
        [_row("reports list", 3, rps=400, p95=20), _row("quarter home", 2, rps=510, p95=10.5)],
    )
    out = tmp_path / "table.md"
    result = _run("--table", before, after, "--output", str(out))
    assert result.returncode == 0, result.stderr
    text = out.read_text()
    assert text.splitlines()[2].startswith("| endpoint | signed in | rps before | rps after")
    assert "| reports list | no | 100 | 400 | 4.00× | 80 | 20 | 5 | 3 |" in text
    assert "| quarter home |" in text
    moved = _run("--table", "--moved", before, after)
    assert "| reports list |" in moved.stdout and "| quarter home |" not in moved.stdout


def test_table_takes_exactly_two_files(tmp_path):
    one = _write(tmp_path, "a.json", "S", [_row("x", 1)])
    assert _run("--table", one, one, one).returncode == 2


def test_the_grow_check_reads_the_rows_of_every_file(compare, tmp_path):
    runs = [
        compare.load(_write(tmp_path, f"{s}.json", s, [_row("x", n)]))
        for s, n in (("S", 2), ("M", 2), ("L", 3))
    ]
    _lines, grew = compare.query_counts(runs)
    assert grew == ["x"]
