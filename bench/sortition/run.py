"""Benchmark LEXIMIN and LEGACY of stadtdialog.sortition on one generated pool.

    PYTHONPATH=src python bench/sortition/run.py --pool /tmp/pool-1000 --k 100 --legacy-runs 2000

Prints one JSON line per algorithm: runtime, minimum, maximum, Gini, quota satisfaction.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time

from stadtdialog.sortition.algorithm import (
    estimate_legacy_probabilities,
    find_leximin,
    load_instance,
    satisfies_quotas,
    summarize,
)
from stadtdialog.sortition.algorithm.legacy import legacy_draw
from stadtdialog.sortition.algorithm.lottery import build_lottery, lottery_marginals
from stadtdialog.sortition.algorithm.panel_mip import Types


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pool", required=True)
    parser.add_argument("--k", type=int, required=True)
    parser.add_argument("--legacy-runs", type=int, default=2000)
    parser.add_argument("--skip-leximin", action="store_true")
    args = parser.parse_args()
    instance = load_instance(f"{args.pool}/respondents.csv", f"{args.pool}/categories.csv", args.k)
    base = {
        "pool": args.pool,
        "n": instance.n,
        "k": instance.k,
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "load": os.getloadavg()[0],
    }
    if not args.skip_leximin:
        started, cpu = time.perf_counter(), time.process_time()
        result = find_leximin(instance)
        seconds = time.perf_counter() - started
        cpu = time.process_time() - cpu
        s = summarize(result.marginals)
        valid = all(satisfies_quotas(instance, p) for p in result.panels)
        started = time.perf_counter()
        lottery = build_lottery(instance.n, instance.k, result.panels, result.probabilities, 1000, Types(instance).of)
        lottery_seconds = time.perf_counter() - started
        lottery_change = float(abs(lottery_marginals(instance.n, lottery) - result.marginals).max())
        print(
            json.dumps(
                {
                    **base,
                    "algorithm": "leximin (stadtdialog)",
                    "seconds": round(seconds, 2),
                    "cpu_seconds": round(cpu, 2),
                    "load_after": os.getloadavg()[0],
                    "min": s.minimum,
                    "max": s.maximum,
                    "gini": s.gini,
                    "all_panels_meet_quotas": valid,
                    "panels": len(result.panels),
                    "lottery_m1000_seconds": round(lottery_seconds, 2),
                    "lottery_max_change": lottery_change,
                    "lottery_bound_k_over_m": instance.k / 1000,
                    "stats": dict(result.stats),
                }
            ),
            flush=True,
        )
    started = time.perf_counter()
    probabilities = estimate_legacy_probabilities(instance, args.legacy_runs, seed=1)
    seconds = time.perf_counter() - started
    import random

    valid = all(satisfies_quotas(instance, legacy_draw(instance, random.Random(s))) for s in range(20))
    s = summarize(probabilities)
    print(
        json.dumps(
            {
                **base,
                "algorithm": f"legacy (stadtdialog, {args.legacy_runs} runs)",
                "seconds": round(seconds, 2),
                "min": s.minimum,
                "max": s.maximum,
                "gini": s.gini,
                "all_panels_meet_quotas": valid,
            }
        ),
        flush=True,
    )


if __name__ == "__main__":
    main()
