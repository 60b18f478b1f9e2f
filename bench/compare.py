#!/usr/bin/env python
"""Print the SQL queries and the answer's size per request of benchmark results side by side (e.g. S, M, L).

Usage: python bench/compare.py bench/results/<S>.json bench/results/<M>.json [bench/results/<L>.json ...]
Exits 1 when an endpoint present in all of them costs a different number of queries in one, or when a row
with a payload ceiling (`max_bytes`: map feeds of a view, address search) answers more than it in one.
"""

import json
import sys


def main(*paths: str) -> int:
    if len(paths) < 2:
        print(__doc__)
        return 2
    runs = [json.load(open(p, encoding="utf-8")) for p in paths]
    rows = [{r["name"]: r for r in run["rows"]} for run in runs]
    names = list(dict.fromkeys(name for r in rows for name in r))
    scales = [run["meta"]["scale"] for run in runs]
    print(
        "| endpoint | "
        + " | ".join(f"SQL/req {s}" for s in scales)
        + " | same | "
        + " | ".join(f"bytes {s}" for s in scales)
        + " | bounded |"
    )
    print("|---|" + "---:|" * len(scales) + "---|" + "---:|" * len(scales) + "---|")
    differ = over = 0
    for name in names:
        counts = [r.get(name, {}).get("queries", "–") for r in rows]
        if "–" in counts:
            same = "–"
        else:
            same = "yes" if len(set(counts)) == 1 else "NO"
        differ += same == "NO"
        sizes = [r.get(name, {}).get("bytes", "–") for r in rows]
        ceiling = next((r[name]["max_bytes"] for r in rows if r.get(name, {}).get("max_bytes")), None)
        if ceiling is None:
            bounded = "–"
        else:
            bounded = "yes" if all(s == "–" or s <= ceiling for s in sizes) else f"NO (> {ceiling})"
        over += bounded.startswith("NO")
        print(
            f"| {name} | "
            + " | ".join(str(c) for c in counts)
            + f" | {same} | "
            + " | ".join(str(b) for b in sizes)
            + f" | {bounded} |"
        )
    print(f"\n{differ} endpoint(s) differ in queries, {over} answer(s) above their payload ceiling")
    return 1 if differ or over else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
