#!/usr/bin/env python
"""Print the SQL queries per request of benchmark results side by side (e.g. scale S, M and L).

Usage: python bench/compare.py bench/results/<S>.json bench/results/<M>.json [bench/results/<L>.json ...]
Exits 1 when an endpoint present in all of them costs a different number of queries in one.
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
    print("| endpoint | " + " | ".join(f"SQL/req {s}" for s in scales) + " | same |")
    print("|---|" + "---:|" * len(scales) + "---|")
    differ = 0
    for name in names:
        counts = [r.get(name, {}).get("queries", "–") for r in rows]
        if "–" in counts:
            same = "–"
        else:
            same = "yes" if len(set(counts)) == 1 else "NO"
        differ += same == "NO"
        print(f"| {name} | " + " | ".join(str(c) for c in counts) + f" | {same} |")
    print(f"\n{differ} endpoint(s) differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
