"""Seeded generator of synthetic respondent pools for a German city (Hannover).

A population is drawn from marginal shares (with a few realistic correlations); respondents
are then drawn from it with self-selection bias: older, highly educated people without a
migration background answer the invitation more often. Quotas are the population shares of
k, widened by a tolerance. Writes ``respondents.csv`` and ``categories.csv`` in the format
of the Nature replication data.

    python bench/sortition/generate.py --n 1000 --k 100 --seed 1 --out /tmp/pool-1000
"""

from __future__ import annotations

import argparse
import csv
import math
import random
from pathlib import Path

GENDER = {"weiblich": 0.505, "maennlich": 0.485, "divers": 0.01}
AGE = {"16-24": 0.12, "25-34": 0.18, "35-44": 0.15, "45-54": 0.15, "55-64": 0.16, "65-74": 0.12, "75+": 0.12}
EDUCATION = {"niedrig": 0.28, "mittel": 0.37, "hoch": 0.35}
MIGRATION = {"ja": 0.38, "nein": 0.62}
DISTRICTS = {  # residents in thousands, rounded
    "01 Mitte": 37,
    "02 Vahrenwald-List": 72,
    "03 Bothfeld-Vahrenheide": 48,
    "04 Buchholz-Kleefeld": 46,
    "05 Misburg-Anderten": 33,
    "06 Kirchrode-Bemerode-Wuelferode": 33,
    "07 Suedstadt-Bult": 42,
    "08 Doehren-Wuelfel": 35,
    "09 Ricklingen": 47,
    "10 Linden-Limmer": 46,
    "11 Ahlem-Badenstedt-Davenstedt": 34,
    "12 Herrenhausen-Stoecken": 36,
    "13 Nord": 35,
}
# Relative response propensity per value (self-selection of respondents).
PROPENSITY = {
    "age": {"16-24": 0.5, "25-34": 0.7, "35-44": 0.9, "45-54": 1.1, "55-64": 1.4, "65-74": 1.7, "75+": 1.2},
    "education": {"niedrig": 0.35, "mittel": 0.8, "hoch": 1.9},
    "migration": {"ja": 0.45, "nein": 1.2},
    "gender": {"weiblich": 1.0, "maennlich": 1.05, "divers": 1.0},
}
FEATURES = ("gender", "age", "education", "district", "migration")


def _pick(rng: random.Random, shares: dict[str, float]) -> str:
    return rng.choices(list(shares), weights=list(shares.values()))[0]


def _person(rng: random.Random) -> dict[str, str]:
    age = _pick(rng, AGE)
    migration_share = {"16-24": 0.55, "25-34": 0.48, "35-44": 0.45}.get(age, 0.27)
    migration = "ja" if rng.random() < migration_share else "nein"
    education = dict(EDUCATION)
    if migration == "ja":
        education = {"niedrig": 0.40, "mittel": 0.33, "hoch": 0.27}
    return {
        "gender": _pick(rng, GENDER),
        "age": age,
        "education": _pick(rng, education),
        "district": _pick(rng, {d: float(v) for d, v in DISTRICTS.items()}),
        "migration": migration,
    }


def _propensity(person: dict[str, str]) -> float:
    return math.prod(PROPENSITY[f][person[f]] for f in PROPENSITY)


def generate(n: int, k: int, seed: int, tolerance: float = 0.15) -> tuple[list, list]:
    """Return (respondent rows, category rows) for a pool of n and a panel of k."""
    rng = random.Random(seed)
    top = max(_propensity(_person(random.Random(s))) for s in range(2000))
    respondents = []
    while len(respondents) < n:
        person = _person(rng)
        if rng.random() < _propensity(person) / top:
            respondents.append({"id": f"P{len(respondents) + 1:05d}", **person})
    total_district = sum(DISTRICTS.values())
    shares = {
        "gender": GENDER,
        "age": AGE,
        "education": EDUCATION,
        "migration": MIGRATION,
        "district": {d: v / total_district for d, v in DISTRICTS.items()},
    }
    categories = []
    for feature in FEATURES:
        for value, share in shares[feature].items():
            expected = share * k
            slack = max(1, round(tolerance * expected))
            categories.append(
                {
                    "category": feature,
                    "feature": value,
                    "min": max(0, math.floor(expected) - slack),
                    "max": math.ceil(expected) + slack,
                }
            )
    return respondents, categories


def write(directory: Path, respondents: list, categories: list) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for name, rows in (("respondents.csv", respondents), ("categories.csv", categories)):
        with open(directory / name, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, required=True)
    parser.add_argument("--k", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--tolerance", type=float, default=0.15)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    write(args.out, *generate(args.n, args.k, args.seed, args.tolerance))


if __name__ == "__main__":
    main()
