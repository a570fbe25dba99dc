"""Summary statistics of selection probabilities."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def gini(values: np.ndarray) -> float:
    """Gini coefficient (0 = everyone equal); mean absolute difference over twice the mean."""
    v = np.sort(np.asarray(values, dtype=float))
    n = len(v)
    if n == 0 or v.sum() <= 0:
        return 0.0
    ranks = np.arange(1, n + 1)
    return float(np.sum((2 * ranks - n - 1) * v) / (n * v.sum()))


@dataclass(frozen=True)
class Summary:
    minimum: float
    maximum: float
    gini: float

    def german(self) -> str:
        return (f"Minimum {self.minimum:.4f}, Maximum {self.maximum:.4f}, Gini {self.gini:.4f}").replace(".", ",")


def summarize(probabilities: np.ndarray) -> Summary:
    p = np.asarray(probabilities, dtype=float)
    return Summary(float(p.min()), float(p.max()), gini(p))
