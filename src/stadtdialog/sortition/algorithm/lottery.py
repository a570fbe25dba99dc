"""Verifiable lottery: round a panel distribution to m equally likely panels, publish, draw.

Rounding (after Flanigan, Kehne, Procaccia, "Fair sortition made transparent", 2021) uses
Beck-Fiala style iterative LP rounding of the weights m * p_P: an agent's constraint is kept
exact while more than k of its panels are still fractional, so every marginal moves by less
than k/m. The bound is checked again at the end.

Publication: the numbered list of the m panels (pseudonymous ids) as canonical JSON and its
SHA-256. Draw: ``index = int(sha256(f"{hash}:{number}")) mod m``; panel number ``index + 1``,
where ``number`` is the public random number with all whitespace removed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence

import highspy
import numpy as np

from .errors import InvalidLottery, SolverError
from .model import Panel
from .panel_mip import silent_highs

FORMAT = "stadtdialog-losliste/1"
SNAP = 1e-9


def _vertex(
    fractional: np.ndarray, values: np.ndarray, rows: list[np.ndarray]
) -> np.ndarray:
    """A vertex of {z in [0,1]^F : rows keep their sums, sum z keeps its sum}."""
    h = silent_highs()
    size = len(fractional)
    h.addVars(size, np.zeros(size), np.ones(size))
    total = float(values.sum())
    h.addRow(total, total, size, np.arange(size, dtype=np.int32), np.ones(size))
    for members in rows:
        target = float(values[members].sum())
        h.addRow(target, target, len(members), members.astype(np.int32), np.ones(len(members)))
    h.setOptionValue("solver", "simplex")
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        raise SolverError("Das Rundungs-LP ist unerwartet unlösbar.")
    return np.asarray(h.getSolution().col_value)


def round_lottery(
    n: int, k: int, panels: Sequence[Panel], probabilities: np.ndarray, m: int = 1000
) -> list[int]:
    """Integer copies per panel, summing to m, moving no marginal by k/m or more."""
    p = np.asarray(probabilities, dtype=float)
    p = p / p.sum()
    scaled = p * m
    copies = np.floor(scaled + SNAP)
    value = np.clip(scaled - copies, 0.0, 1.0)
    incidence = [np.array(sorted(panel)) for panel in panels]
    while True:
        live = np.flatnonzero((value > SNAP) & (value < 1 - SNAP))
        position = {int(j): a for a, j in enumerate(live)}
        per_agent: list[list[int]] = [[] for _ in range(n)]
        for j in live:
            for i in incidence[j]:
                per_agent[i].append(position[int(j)])
        active = [np.array(cols) for cols in per_agent if len(cols) > k]
        if len(active) + 1 >= len(live):
            break  # then at most k + 1 fractional panels remain (see module doc)
        value[live] = _vertex(live, value[live], active)
    value = np.where(value >= 1 - SNAP, 1.0, np.where(value <= SNAP, 0.0, value))
    live = np.flatnonzero((value > 0) & (value < 1))
    up = int(round(m - copies.sum() - value[value == 1.0].sum()))
    order = live[np.argsort(-value[live], kind="stable")]
    value[live] = 0.0
    value[order[:up]] = 1.0
    result = (copies + value).astype(int)
    if result.sum() != m:
        raise SolverError("Rundung ergab nicht genau m Panels.")
    return result.tolist()


def expand_lottery(panels: Sequence[Panel], copies: Sequence[int]) -> list[Panel]:
    """The m panels of the lottery, each panel repeated by its number of copies."""
    return [panel for panel, c in zip(panels, copies) for _ in range(c)]


def lottery_marginals(n: int, lottery: Sequence[Panel]) -> np.ndarray:
    result = np.zeros(n)
    for panel in lottery:
        result[list(panel)] += 1
    return result / len(lottery)


def canonical_json(document: dict) -> bytes:
    return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def publish(lottery: Sequence[Panel], pseudonyms: Sequence[str], k: int) -> dict:
    """The published document: {"lottery": numbered panels, "sha256": hash of it}."""
    member_lists = sorted(sorted(pseudonyms[i] for i in panel) for panel in lottery)
    document = {
        "format": FORMAT,
        "k": k,
        "m": len(member_lists),
        "panels": [{"nr": nr, "members": members} for nr, members in enumerate(member_lists, 1)],
    }
    return {"lottery": document, "sha256": hashlib.sha256(canonical_json(document)).hexdigest()}


def draw_index(lottery_hash: str, public_number: str, m: int) -> int:
    """0-based index of the drawn panel (see module doc for the rule)."""
    number = "".join(str(public_number).split())
    if not number:
        raise InvalidLottery("Die öffentliche Zufallszahl ist leer.")
    digest = hashlib.sha256(f"{lottery_hash}:{number}".encode()).hexdigest()
    return int(digest, 16) % m


def recompute_draw(published: str | bytes | dict, public_number: str) -> tuple[int, list[str]]:
    """(panel number, its members) for a published lottery; checks the hash first."""
    try:
        data = json.loads(published) if isinstance(published, (str, bytes)) else published
        document = data["lottery"]
        panels = document["panels"]
        m = int(document["m"])
    except (ValueError, KeyError, TypeError) as error:
        raise InvalidLottery(f"Die Losliste ist nicht lesbar: {error}") from None
    digest = hashlib.sha256(canonical_json(document)).hexdigest()
    if data.get("sha256") not in (None, digest):
        raise InvalidLottery(
            f"Der Hashwert der Losliste stimmt nicht: veröffentlicht {data['sha256']}, "
            f"berechnet {digest}."
        )
    if m != len(panels) or m < 1:
        raise InvalidLottery(f"Die Losliste nennt m={m}, enthält aber {len(panels)} Panels.")
    index = draw_index(digest, public_number, m)
    return int(panels[index]["nr"]), list(panels[index]["members"])


def build_lottery(
    n: int, k: int, panels: Sequence[Panel], probabilities: np.ndarray, m: int = 1000
) -> list[Panel]:
    """Round to m panels and verify that no marginal moved by k/m or more."""
    lottery = expand_lottery(panels, round_lottery(n, k, panels, probabilities, m))
    before = np.zeros(n)
    for panel, p in zip(panels, np.asarray(probabilities) / np.sum(probabilities)):
        before[list(panel)] += p
    worst = float(np.abs(lottery_marginals(n, lottery) - before).max())
    if worst > k / m + 1e-9:
        raise SolverError(f"Rundungsfehler {worst} überschreitet k/m = {k / m}.")
    return lottery
