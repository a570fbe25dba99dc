"""Run the Sortition Foundation's ``sortition-algorithms`` (0.12.15) on a generated pool.

Needs its own virtual environment (it is not a dependency of Stadtdialog):

    python3 -m venv /tmp/benchvenv && /tmp/benchvenv/bin/pip install sortition-algorithms==0.12.15
    /tmp/benchvenv/bin/python bench/sortition/run_sortition_algorithms.py --pool /tmp/pool-1000 --k 100

Prints one JSON line per algorithm (maximin with HiGHS; leximin needs Gurobi and is reported
as unavailable when gurobipy is missing).
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import os
import time


def _marginals(committees, probabilities, ids):
    result = dict.fromkeys(ids, 0.0)
    for committee, p in zip(committees, probabilities):
        for person in committee:
            result[person] += p
    return [result[i] for i in ids]


def _gini(values):
    v = sorted(values)
    n = len(v)
    return sum((2 * (r + 1) - n - 1) * x for r, x in enumerate(v)) / (n * sum(v))


def main() -> None:
    from sortition_algorithms.committee_generation.maximin import find_distribution_maximin
    from sortition_algorithms.features import read_in_features
    from sortition_algorithms.people import read_in_people
    from sortition_algorithms.settings import Settings

    parser = argparse.ArgumentParser()
    parser.add_argument("--pool", required=True)
    parser.add_argument("--k", type=int, required=True)
    parser.add_argument("--algorithm", default="maximin", choices=("maximin", "leximin"))
    args = parser.parse_args()
    with open(f"{args.pool}/categories.csv", encoding="utf-8") as handle:
        rows = [
            {"feature": r["category"], "value": r["feature"], "min": r["min"], "max": r["max"]}
            for r in csv.DictReader(handle)
        ]
    features, _, _ = read_in_features(["feature", "value", "min", "max"], rows, args.k)
    with open(f"{args.pool}/respondents.csv", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        head, body = list(reader.fieldnames), list(reader)
    settings = Settings(id_column="id", columns_to_keep=[], solver_backend="highspy")
    people, _ = read_in_people(head, body, features, settings)
    ids = [r["id"] for r in body]
    base = {"pool": args.pool, "n": len(ids), "k": args.k, "load": os.getloadavg()[0]}
    if args.algorithm == "leximin":
        if importlib.util.find_spec("gurobipy") is None:
            print(
                json.dumps(
                    {
                        **base,
                        "algorithm": "leximin (sortition-algorithms)",
                        "error": "needs gurobipy (commercial Gurobi); not run",
                    }
                )
            )
            return
        from sortition_algorithms.committee_generation.leximin import find_distribution_leximin

        solve = find_distribution_leximin
    else:
        solve = find_distribution_maximin
    started, cpu = time.perf_counter(), time.process_time()
    committees, probabilities, _ = (
        solve(features, people, args.k, [], solver_backend="highspy")
        if args.algorithm == "maximin"
        else solve(features, people, args.k, [])
    )
    seconds = time.perf_counter() - started
    cpu = time.process_time() - cpu
    marginals = _marginals(committees, probabilities, ids)
    print(
        json.dumps(
            {
                **base,
                "algorithm": f"{args.algorithm} (sortition-algorithms 0.12.15, HiGHS)",
                "seconds": round(seconds, 2),
                "cpu_seconds": round(cpu, 2),
                "load_after": os.getloadavg()[0],
                "min": min(marginals),
                "max": max(marginals),
                "gini": _gini(marginals),
                "panels": len(committees),
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    main()
