"""Command line: ``python -m stadtdialog.sortition select|lottery|verify`` (no Django needed)."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from stadtdialog.core.csv import safe_writer

from .algorithm import (
    SortitionError,
    build_lottery,
    estimate_legacy_probabilities,
    find_leximin,
    load_instance,
    publish,
    recompute_draw,
    summarize,
)
from .algorithm.panel_mip import Types


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m stadtdialog.sortition", description="Losverfahren für Bürgerräte")
    sub = parser.add_subparsers(dest="command", required=True)
    select = sub.add_parser("select", help="Auswahlwahrscheinlichkeiten berechnen")
    lottery = sub.add_parser("lottery", help="Losliste (m Panels) erzeugen und Hash ausgeben")
    for command in (select, lottery):
        command.add_argument("--respondents", type=Path, required=True)
        command.add_argument("--categories", type=Path, required=True)
        command.add_argument("--k", type=int, required=True)
        command.add_argument("--seed", type=int, default=0)
    select.add_argument("--algorithm", choices=("leximin", "legacy"), default="leximin")
    select.add_argument("--runs", type=int, default=10000, help="Läufe für legacy")
    select.add_argument("--out", type=Path, required=True)
    lottery.add_argument("--m", type=int, default=1000)
    lottery.add_argument("--out", type=Path, required=True, help="veröffentlichte Losliste")
    lottery.add_argument("--pseudonyms", type=Path, help="vertrauliche Zuordnung Pseudonym -> Kennung (CSV)")
    verify = sub.add_parser("verify", help="gezogenes Panel aus der Losliste nachrechnen")
    verify.add_argument("--lottery", type=Path, required=True)
    verify.add_argument("--number", required=True, help="öffentliche Zufallszahl")
    return parser


def _select(args: argparse.Namespace) -> None:
    instance = load_instance(args.respondents, args.categories, args.k)
    started = time.perf_counter()
    if args.algorithm == "leximin":
        probabilities = find_leximin(instance, seed=args.seed).marginals
    else:
        probabilities = estimate_legacy_probabilities(instance, args.runs, args.seed)
    seconds = time.perf_counter() - started
    with open(args.out, "w", newline="", encoding="utf-8") as handle:
        writer = safe_writer(handle)
        writer.writerow(["id", "probability"])
        for person, p in zip(instance.respondents, probabilities):
            writer.writerow([person.id, f"{max(0.0, min(1.0, p)):.10f}"])
    summary = summarize(probabilities)
    print(f"Minimum: {summary.minimum:.6f}")
    print(f"Maximum: {summary.maximum:.6f}")
    print(f"Gini: {summary.gini:.6f}")
    print(f"Laufzeit: {seconds:.2f} s")


def _lottery(args: argparse.Namespace) -> None:
    instance = load_instance(args.respondents, args.categories, args.k)
    distribution = find_leximin(instance, seed=args.seed)
    lottery = build_lottery(
        instance.n,
        instance.k,
        distribution.panels,
        distribution.probabilities,
        args.m,
        Types(instance).of,
    )
    pseudonyms = [f"T{i + 1:05d}" for i in range(instance.n)]
    document = publish(lottery, pseudonyms, instance.k)
    args.out.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    mapping = args.pseudonyms or args.out.with_name(args.out.stem + "-pseudonyme.csv")
    with open(mapping, "w", newline="", encoding="utf-8") as handle:
        writer = safe_writer(handle)
        writer.writerow(["pseudonym", "id"])
        writer.writerows(zip(pseudonyms, (p.id for p in instance.respondents)))
    print(f"SHA-256: {document['sha256']}")
    print(f"Losliste: {args.out} ({args.m} Panels); Zuordnung (vertraulich): {mapping}")


def _verify(args: argparse.Namespace) -> None:
    try:
        text = args.lottery.read_text(encoding="utf-8")
    except OSError as error:
        raise SortitionError(f"Losliste nicht lesbar: {error}") from None
    number, members = recompute_draw(text, args.number)
    print(f"Gezogen: Panel Nr. {number}")
    print(" ".join(members))


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    handler = {"select": _select, "lottery": _lottery, "verify": _verify}[args.command]
    try:
        handler(args)
    except SortitionError as error:
        print(f"Fehler: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"Fehler: {error}", file=sys.stderr)
        return 2
    return 0
