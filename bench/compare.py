#!/usr/bin/env python
"""Compare benchmark results (bench/results/*.json, written by bench/run.py).

Query counts per row across scales (e.g. S, M and L) - exits 1 when a row costs more SQL queries per request
in a later file than in the first, i.e. when a page grows with the data, or when a row with a payload
ceiling (`max_bytes`: map feeds of a view, address search) answers more than it in one file:

    python bench/compare.py bench/results/<S>.json bench/results/<L>.json [more.json ...]

A before/after table in Markdown of two runs (throughput, p95 and queries per row), e.g. for
docs/performance.md; `--moved` keeps only the rows that moved (queries changed, or throughput or p95 by more
than a tenth), `--output` writes the table to a file:

    python bench/compare.py --table before.json after.json [--moved] [--output table.md]
"""

import argparse
import json
import sys

# A row "moved" when its throughput or p95 changed by more than this share, or its query count changed.
MOVED_SHARE = 0.10


def load(path: str) -> dict:
    with open(path, encoding="utf-8") as f:
        run = json.load(f)
    return {"meta": run.get("meta", {}), "rows": {r["name"]: r for r in run["rows"]}}


def _names(runs: list[dict]) -> list[str]:
    return list(dict.fromkeys(name for run in runs for name in run["rows"]))


def query_counts(runs: list[dict]) -> tuple[list[str], list[str]]:
    """The Markdown lines of the query counts per row, and the names of the rows whose count grew."""
    labels = [run["meta"].get("scale", f"#{i + 1}") for i, run in enumerate(runs)]
    lines = [
        "| endpoint | " + " | ".join(f"SQL/req {s}" for s in labels) + " | verdict |",
        "|---|" + "---:|" * len(labels) + "---|",
    ]
    grew = []
    for name in _names(runs):
        counts = [run["rows"].get(name, {}).get("queries") for run in runs]
        known = [c for c in counts if c is not None]
        if len(known) < 2:
            verdict = "–"
        elif any(c > known[0] for c in known[1:]):
            verdict = "GROWS"
            grew.append(name)
        elif len(set(known)) == 1:
            verdict = "same"
        else:
            verdict = "fewer"
        lines.append(
            f"| {name} | " + " | ".join("–" if c is None else str(c) for c in counts) + f" | {verdict} |"
        )
    return lines, grew


def payloads(runs: list[dict]) -> tuple[list[str], list[str]]:
    """The Markdown lines of the answer sizes of the rows with a payload ceiling, and the rows above it."""
    labels = [run["meta"].get("scale", f"#{i + 1}") for i, run in enumerate(runs)]
    lines = [
        "| endpoint | " + " | ".join(f"bytes {s}" for s in labels) + " | bounded |",
        "|---|" + "---:|" * len(labels) + "---|",
    ]
    over = []
    for name in _names(runs):
        rows = [run["rows"].get(name, {}) for run in runs]
        ceiling = next((r["max_bytes"] for r in rows if r.get("max_bytes")), None)
        if ceiling is None:
            continue
        sizes = [r.get("bytes") for r in rows]
        if all(s is None or s <= ceiling for s in sizes):
            bounded = "yes"
        else:
            bounded = f"NO (> {ceiling})"
            over.append(name)
        lines.append(
            f"| {name} | " + " | ".join("–" if s is None else str(s) for s in sizes) + f" | {bounded} |"
        )
    return lines, over


def _changed(before, after) -> bool:
    if before in (None, "") or after in (None, ""):
        return False
    if not before:
        return bool(after)
    return abs(after - before) / before > MOVED_SHARE


def _factor(before, after) -> str:
    if not before or not after:
        return ""
    return f"{after / before:.2f}×"


def table(before: dict, after: dict, *, moved_only: bool = False) -> str:
    """A Markdown table of two runs side by side, one line per row (only the rows that moved if asked)."""
    b_meta, a_meta = before["meta"], after["meta"]
    lines = [
        f"Before: {b_meta.get('date', '?')}, scale {b_meta.get('scale', '?')}, {b_meta.get('database', '?')}, "
        f"{b_meta.get('cpus', '?')} CPUs. After: {a_meta.get('date', '?')}, scale {a_meta.get('scale', '?')}, "
        f"{a_meta.get('database', '?')}, {a_meta.get('cpus', '?')} CPUs.",
        "",
        "| endpoint | signed in | rps before | rps after | rps × | p95 ms before | p95 ms after "
        "| SQL/req before | SQL/req after |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    shown = 0
    for name in _names([before, after]):
        b, a = before["rows"].get(name, {}), after["rows"].get(name, {})
        moved = (
            not b
            or not a
            or b.get("queries") != a.get("queries")
            or _changed(b.get("rps"), a.get("rps"))
            or _changed(b.get("p95_ms"), a.get("p95_ms"))
        )
        if moved_only and not moved:
            continue
        shown += 1
        signed_in = (a or b).get("signed_in")

        def cell(row, key):
            value = row.get(key)
            return "–" if value in (None, "") else str(value)

        lines.append(
            f"| {name} | {'yes' if signed_in else 'no'} | {cell(b, 'rps')} | {cell(a, 'rps')} | "
            f"{_factor(b.get('rps'), a.get('rps'))} | {cell(b, 'p95_ms')} | {cell(a, 'p95_ms')} | "
            f"{cell(b, 'queries')} | {cell(a, 'queries')} |"
        )
    if not shown:
        lines.append("| (no row moved) | | | | | | | | |")
    return "\n".join(lines) + "\n"


def main(*argv) -> int:
    """`main(["a.json", "b.json"])` or `main("a.json", "b.json")`."""
    if len(argv) == 1 and isinstance(argv[0], list):
        argv = argv[0]
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("results", nargs="+", help="result files of bench/run.py")
    parser.add_argument("--table", action="store_true", help="a before/after table of two result files")
    parser.add_argument("--moved", action="store_true", help="with --table: only the rows that moved")
    parser.add_argument("--output", help="with --table: write the Markdown to this file")
    args = parser.parse_args(list(argv))
    if len(args.results) < 2:
        parser.error("give at least two result files")
    runs = [load(p) for p in args.results]
    if args.table:
        if len(runs) != 2:
            parser.error("--table compares exactly two result files: before and after")
        text = table(runs[0], runs[1], moved_only=args.moved)
        if args.output:
            with open(args.output, "w", encoding="utf-8") as f:
                f.write(text)
        else:
            print(text, end="")
        return 0
    lines, grew = query_counts(runs)
    size_lines, over = payloads(runs)
    if len(size_lines) > 2:
        print("\n".join(size_lines) + "\n")
    if over:
        print(f"{len(over)} answer(s) above their payload ceiling: {', '.join(over)}\n")
    print("\n".join(lines))
    print(
        f"\n{len(grew)} row(s) cost more queries than in the first file"
        + (f": {', '.join(grew)}" if grew else "")
    )
    return 1 if grew or over else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
