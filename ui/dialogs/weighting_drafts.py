"""What the weighting dialogs edit before OK, and how they say it (no widgets).

:class:`SwingDraft` holds the swing ratings being given and :class:`PairwiseDraft` the pairwise
judgements; OK writes either to the case in one undoable edit. :func:`score_span` says, for one
criterion, which option scores worst and which best, with their scores: the swing the board is
weighing, in the options it has ("from Merger (3) to Standalone (10)"), as 1000minds and
M-MACBETH show it. An option not yet scored is said to be so, never counted as 0.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from appraisal.scales import anchor_texts
from appraisal.scoring import RANDOM_INDEX, ahp_weights, swing_weights
from ui.widgets.numbers import parse_number

MISSING = "–"           # what an option not yet scored shows (never 0)
NOT_SCORED = "not scored yet"


def score_text(value: float | None, derived: bool = False) -> str:
    """A 0-to-10 score as given (7 → '7', 6.5 → '6.5'); a derived one to one decimal place;
    a missing one as a dash."""
    if value is None:
        return MISSING
    return f"{value:.1f}" if derived else f"{value:g}"


def _names(names: list[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return f"{names[0]}, {names[1]} and {len(names) - 2} more"


def score_span(scores: Sequence[tuple[str, float | None]], derived: bool = False) -> str:
    """The worst and best option on one criterion by the scores entered, in words.

    >>> score_span([("Standalone", 10.0), ("Group", 8.0), ("Merger", 3.0)])
    'from Merger (3) to Standalone (10)'
    >>> score_span([("Standalone", None), ("Merger", None)])
    'not scored yet'
    >>> score_span([("A", 4.0), ("B", None), ("C", 9.0)])
    'from A (4) to C (9); B not scored yet'
    >>> score_span([("A", 5.0), ("B", 5.0)])
    'every option scores 5'
    """
    given = [(n, v) for n, v in scores if v is not None]
    unscored = [n for n, v in scores if v is None]
    if not given:
        return NOT_SCORED
    low = min(v for _, v in given)
    high = max(v for _, v in given)
    if low == high and not unscored:
        text = f"every option scores {score_text(low, derived)}"
    elif low == high:
        text = f"{_names([n for n, _ in given])} ({score_text(low, derived)}) so far"
    else:
        worst = [n for n, v in given if v == low]
        best = [n for n, v in given if v == high]
        text = (f"from {_names(worst)} ({score_text(low, derived)}) "
                f"to {_names(best)} ({score_text(high, derived)})")
    if unscored:
        text += f"; {_names(unscored)} {NOT_SCORED}"
    return text


def option_scores(document, cid: str) -> list[tuple[str, float | None]]:
    """(option name, score) on a criterion in the case's order, by the scores entered: a typed
    criterion's from the case (None where none is given yet), a derived one's from Results."""
    case = document.case
    criterion = next(c for c in case.criteria if c.id == cid)
    if criterion.derived:
        res = document.results
        by_id = {o.id: o for o in res.options} if res is not None else {}
        return [(o.name, by_id[o.id].scores.get(cid) if o.id in by_id else None)
                for o in case.options]
    return [(o.name, (o.scores or {}).get(cid)) for o in case.options]


class SwingDraft:
    """The swing ratings being given, before OK writes them: the criteria in the board's order,
    what 0 and 10 mean on each, the options' scores on it and the rating of each swing."""

    def __init__(self, document):
        criteria = document.case.criteria
        self.criteria = {c.id: c for c in criteria}
        self.names = {c.id: c.name for c in criteria}
        self.anchors = {c.id: anchor_texts(c) for c in criteria}
        self.scores = {c.id: option_scores(document, c.id) for c in criteria}
        self.spans = {cid: score_span(s, self.derived(cid)) for cid, s in self.scores.items()}
        saved = document.case.weighting
        if saved is not None and saved.swing and set(saved.swing) == set(self.names):
            ratings = {cid: float(v) for cid, v in saved.swing.items()}
        else:
            top = max(c.weight for c in criteria) or 1.0
            ratings = {c.id: float(round(100.0 * c.weight / top)) for c in criteria}
        self.order = sorted(self.names, key=lambda cid: -ratings[cid])
        self.ratings = ratings
        self.ratings[self.order[0]] = 100.0

    def derived(self, cid: str) -> bool:
        return self.criteria[cid].derived

    def weights(self) -> dict[str, float]:
        try:
            return swing_weights(self.ratings)
        except ValueError:
            return {}

    def contradictions(self) -> list[tuple[str, str]]:
        """(criterion, the one above it that it outrates) for each rating above that of a
        criterion the board put higher in the order."""
        out = []
        for k, cid in enumerate(self.order):
            higher = [c for c in self.order[:k] if self.ratings[cid] > self.ratings[c]]
            if higher:
                out.append((cid, higher[-1]))
        return out

    def flagged(self) -> set[str]:
        return {cid for cid, _ in self.contradictions()}

    def move(self, row: int, step: int) -> bool:
        """Move the swing at ``row`` up (-1) or down (+1); the first counts 100."""
        new = row + step
        if row < 0 or not 0 <= new < len(self.order):
            return False
        self.order[row], self.order[new] = self.order[new], self.order[row]
        self.ratings[self.order[0]] = 100.0
        return True


# Saaty's scale: how much more important the row's criterion is than the column's.
SAATY = [9, 8, 7, 6, 5, 4, 3, 2, 1] + [1 / k for k in range(2, 10)]
STRENGTH = {1: "equally important", 2: "equally to moderately more important",
            3: "moderately more important", 4: "moderately to strongly more important",
            5: "strongly more important", 6: "strongly to very strongly more important",
            7: "very strongly more important", 8: "very strongly to extremely more important",
            9: "extremely more important"}


def saaty_text(value: float) -> str:
    """3 → '3', 1/3 → '1/3'."""
    return str(int(round(value))) if value >= 1 else f"1/{int(round(1 / value))}"


def saaty_choice_text(value: float) -> str:
    """What a judgement says, for the list to pick from: '3: the row's is moderately more
    important'."""
    whole = int(round(value if value >= 1 else 1 / value))
    if whole == 1:
        return "1: equally important"
    side = "row" if value > 1 else "column"
    return f"{saaty_text(value)}: the {side}'s criterion is {STRENGTH[whole]}"


def judgement_words(row: str, column: str, value: float) -> str:
    """A judgement in the criteria's names: 'Autonomy is moderately more important than
    Scale'."""
    whole = int(round(value if value >= 1 else 1 / value))
    if whole == 1:
        return f"{row} and {column} are equally important"
    first, second = (row, column) if value > 1 else (column, row)
    return f"{first} is {STRENGTH[whole]} than {second} ({saaty_text(value)})"


def parse_judgement(text: Any) -> float:
    """A judgement typed or picked: 3, '3', '1/3' (or 0.333…) → the value on Saaty's scale;
    ValueError with a sentence for anything off the scale."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        value = float(text)
    else:
        shown = str(text or "").strip().split(":")[0].replace(" ", "")
        top, _, bottom = shown.partition("/")
        value = parse_number(top, negative=False)
        if bottom:
            value /= parse_number(bottom, negative=False) or math.inf
    for v in SAATY:
        if abs(v - value) < 1e-3 * v:
            return v
    raise ValueError("Saaty's scale runs 9, 8 … 2, 1, 1/2 … 1/9: pick one of them")


SAATY_CHOICES = [(v, saaty_choice_text(v)) for v in SAATY]


class PairwiseDraft:
    """The pairwise judgements being made, before OK writes them: the reciprocal matrix in the
    case's order of criteria, from the case's record or else from its weights."""

    def __init__(self, document):
        criteria = document.case.criteria
        self.ids = [c.id for c in criteria]
        self.names = [c.name for c in criteria]
        n = len(self.ids)
        if n > len(RANDOM_INDEX):
            raise ValueError("pairwise comparison takes at most 10 criteria")
        self.matrix = np.ones((n, n))
        saved = document.case.weighting
        if saved is not None and saved.ahp_matrix and sorted(saved.ahp_order or []) == sorted(
                self.ids):
            pos = [saved.ahp_order.index(cid) for cid in self.ids]
            self.matrix = np.array(saved.ahp_matrix, dtype=float)[np.ix_(pos, pos)]
        else:
            w = [c.weight for c in criteria]
            for i in range(n):
                for j in range(i + 1, n):
                    v = nearest_saaty(w[i] / w[j]) if w[i] > 0 and w[j] > 0 else 1.0
                    self.matrix[i, j], self.matrix[j, i] = v, 1.0 / v

    def set_judgement(self, i: int, j: int, value: float) -> None:
        """Row i against column j; the mirror cell takes the reciprocal."""
        self.matrix[i, j] = float(value)
        self.matrix[j, i] = 1.0 / float(value)

    def computed(self) -> tuple[np.ndarray, float, float]:
        """(weights, CI, CR) of the current matrix, from appraisal.scoring.ahp_weights."""
        return ahp_weights(self.matrix.tolist())


def nearest_saaty(ratio: float) -> float:
    """The scale value nearest a ratio of weights, on a log scale (ratio 2.4 → 2)."""
    if ratio <= 0 or not math.isfinite(ratio):
        return 1.0
    return min(SAATY, key=lambda v: abs(math.log(v) - math.log(ratio)))


