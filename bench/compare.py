#!/usr/bin/env python
"""Print the SQL queries per request of two benchmark results side by side (e.g. scale S and M).

Usage: python bench/compare.py bench/results/<S>.json bench/results/<M>.json
Exits 1 when an endpoint present in both costs a different number of queries.
"""

import json
import sys


def main(a_path: str, b_path: str) -> int:
    a, b = (json.load(open(p, encoding="utf-8")) for p in (a_path, b_path))
    a_rows = {r["name"]: r for r in a["rows"]}
    b_rows = {r["name"]: r for r in b["rows"]}
    la, lb = a["meta"]["scale"], b["meta"]["scale"]
    print(f"| endpoint | SQL/req {la} | SQL/req {lb} | same |")
    print("|---|---:|---:|---|")
    differ = 0
    for name in list(a_rows) + [n for n in b_rows if n not in a_rows]:
        qa = a_rows.get(name, {}).get("queries", "–")
        qb = b_rows.get(name, {}).get("queries", "–")
        same = "yes" if qa == qb else ("–" if "–" in (qa, qb) else "NO")
        differ += same == "NO"
        print(f"| {name} | {qa} | {qb} | {same} |")
    print(f"\n{differ} endpoint(s) differ")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
