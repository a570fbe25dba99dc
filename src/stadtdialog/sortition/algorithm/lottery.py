"""Verifiable lottery: round a panel distribution to m equally likely panels, publish, draw.

Rounding (after Flanigan, Kehne, Procaccia, "Fair sortition made transparent", 2021) uses
Beck-Fiala style iterative LP rounding of the weights m * p_P: an agent's constraint is kept
exact while more than k of its panels are still fractional, so every marginal moves by less
than k/m. The bound is checked again at the end. Given each respondent's type, the same
rounding runs over type panels first (a few small LPs instead of LPs over thousands of concrete
panels: under a second for n = 2000) and the members of each type take their seats in turn;
that result is checked against the same bound, and the rounding over concrete panels is the
fallback.

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


def _vertex(values: np.ndarray, rows: list[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
    """A vertex of {z in [0,1]^F : each row (columns, coefficients) and sum z keep their sums}."""
    h = silent_highs()
    size = len(values)
    h.addVars(size, np.zeros(size), np.ones(size))
    total = float(values.sum())
    h.addRow(total, total, size, np.arange(size, dtype=np.int32), np.ones(size))
    for columns, coefficients in rows:
        target = float(coefficients @ values[columns])
        h.addRow(target, target, len(columns), columns.astype(np.int32), coefficients)
    h.setOptionValue("solver", "simplex")
    h.run()
    if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        raise SolverError("Das Rundungs-LP ist unerwartet unlösbar.")
    return np.asarray(h.getSolution().col_value)


def _round(
    probabilities: np.ndarray,
    m: int,
    rows: list[np.ndarray],
    coefficients: np.ndarray | None,
    threshold: float,
) -> list[int]:
    """Integer copies per column, summing to m (Beck-Fiala style iterative LP rounding).

    ``rows[i]`` are the columns of row i, with ``coefficients[i, column]`` (all 1 if None). A
    row keeps its sum exactly while its live (still fractional) coefficients add up to more
    than ``threshold``; once at most ``active rows + 1`` columns are fractional, the largest
    fractions are rounded up.
    """
    p = np.asarray(probabilities, dtype=float)
    scaled = p / p.sum() * m
    copies = np.floor(scaled + SNAP)
    value = np.clip(scaled - copies, 0.0, 1.0)
    while True:
        live = (value > SNAP) & (value < 1 - SNAP)
        position = np.cumsum(live) - 1
        active = []
        for i, columns in enumerate(rows):
            columns = columns[live[columns]]
            weights = np.ones(len(columns)) if coefficients is None else coefficients[i, columns]
            if weights.sum() > threshold + SNAP:
                active.append((position[columns], weights))
        live_columns = np.flatnonzero(live)
        if len(active) + 1 >= len(live_columns):
            break  # then at most (active rows + 1) fractional columns remain
        value[live_columns] = _vertex(value[live_columns], active)
    value = np.where(value >= 1 - SNAP, 1.0, np.where(value <= SNAP, 0.0, value))
    live_columns = np.flatnonzero((value > 0) & (value < 1))
    up = int(round(m - copies.sum() - value[value == 1.0].sum()))
    order = live_columns[np.argsort(-value[live_columns], kind="stable")]
    value[live_columns] = 0.0
    value[order[:up]] = 1.0
    result = (copies + value).astype(int)
    if result.sum() != m:
        raise SolverError("Rundung ergab nicht genau m Panels.")
    return result.tolist()


def round_lottery(n: int, k: int, panels: Sequence[Panel], probabilities: np.ndarray, m: int = 1000) -> list[int]:
    """Integer copies per panel, summing to m, moving no marginal by k/m or more."""
    per_agent: list[list[int]] = [[] for _ in range(n)]
    for j, panel in enumerate(panels):
        for i in panel:
            per_agent[i].append(j)
    rows = [np.array(columns, dtype=np.int64) for columns in per_agent]
    return _round(np.asarray(probabilities, dtype=float), m, rows, None, float(k))


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
            f"Der Hashwert der Losliste stimmt nicht: veröffentlicht {data['sha256']}, berechnet {digest}."
        )
    if m != len(panels) or m < 1:
        raise InvalidLottery(f"Die Losliste nennt m={m}, enthält aber {len(panels)} Panels.")
    index = draw_index(digest, public_number, m)
    return int(panels[index]["nr"]), list(panels[index]["members"])


def _by_type(panels: Sequence[Panel], probabilities: np.ndarray, m: int, types_of: np.ndarray) -> list[Panel]:
    """Round at the level of respondent types, then seat the members of each type in turn.

    Panels with the same seat count per type are one type panel. Their weights are rounded to
    copies by the same iterative LP rounding as :func:`round_lottery`, with a row per type that
    keeps the expected seats per member (c_t / n_t) of the live type panels; a row is dropped
    once those add up to no more than the largest per-member seat total of a type panel. A
    handful of LPs with one column per type panel, so this is fast where the concrete panels run
    into thousands. Then each type hands out its seats over all copies in turn (member r takes
    seats r, r + n_t, ...), so every member sits on the floor or the ceiling of S_t / n_t copies;
    within one copy the c_t seats go to c_t different members.
    """
    n_types = int(types_of.max()) + 1
    members = [np.flatnonzero(types_of == t) for t in range(n_types)]
    size = np.array([len(group) for group in members], dtype=float)
    index: dict[bytes, int] = {}
    vectors: list[np.ndarray] = []
    weights: list[float] = []
    for panel, p in zip(panels, probabilities):
        counts = np.bincount(types_of[sorted(panel)], minlength=n_types)
        j = index.setdefault(counts.tobytes(), len(vectors))
        if j == len(vectors):
            vectors.append(counts)
            weights.append(0.0)
        weights[j] += float(p)
    seats = np.array(vectors, dtype=float) / size  # per-member seats, type panel x type
    rows = [np.flatnonzero(seats[:, t]) for t in range(n_types)]
    copies = _round(np.array(weights), m, rows, seats.T, float(seats.sum(axis=1).max()))
    turn = np.zeros(n_types, dtype=np.int64)
    lottery: list[Panel] = []
    for counts, copy_count in zip(vectors, copies):
        for _ in range(copy_count):
            seated: list[int] = []
            for t in np.flatnonzero(counts):
                c = int(counts[t])
                seated.extend(members[t][(turn[t] + np.arange(c)) % len(members[t])].tolist())
                turn[t] += c
            lottery.append(frozenset(seated))
    return lottery


def build_lottery(
    n: int,
    k: int,
    panels: Sequence[Panel],
    probabilities: np.ndarray,
    m: int = 1000,
    types_of: Sequence[int] | None = None,
) -> list[Panel]:
    """Round to m panels and verify that no marginal moved by k/m or more.

    ``types_of`` (the type of each respondent: same features, same type) allows the fast
    rounding by type (:func:`_by_type`); its result is checked like the other and, should it
    ever miss the bound, the rounding over the concrete panels runs instead.
    """
    weights = np.asarray(probabilities, dtype=float)
    weights = weights / weights.sum()
    before = np.zeros(n)
    for panel, p in zip(panels, weights):
        before[list(panel)] += p
    if types_of is not None:
        lottery = _by_type(panels, weights, m, np.asarray(types_of, dtype=np.int64))
        if float(np.abs(lottery_marginals(n, lottery) - before).max()) <= k / m + 1e-9:
            return lottery
    lottery = expand_lottery(panels, round_lottery(n, k, panels, weights, m))
    worst = float(np.abs(lottery_marginals(n, lottery) - before).max())
    if worst > k / m + 1e-9:
        raise SolverError(f"Rundungsfehler {worst} überschreitet k/m = {k / m}.")
    return lottery
