""""Before the paper": what is still missing or suspicious in a case, in the board's words.

A pure check of a valid :class:`~appraisal.case.Case` (it computes no figure): each
:class:`Finding` has a ``kind`` (``missing``: something the paper needs has not been entered;
``suspicious``: entered, but worth a second look), the :class:`~appraisal.paths.FieldPath` of
the place (so the app can go there) and one sentence naming things by their names. The app lists
them before an export and sums them up in the status bar; the paper's figures do not depend on
them.

What counts:

- no criteria chosen yet, or none carrying weight (then nothing can be ranked);
- a typed criterion some option has no score on yet (missing): one finding a criterion, naming
  the options still to score (docs/calculations.md, "Missing scores"); a criterion on which every
  option has the same score does not tell them apart;
- a typed criterion without both anchors: nobody has said what a 0 and a 10 mean (model-v2.md
  V8; value for money has its money anchors, which the engine's own warning asks for);
- an option other than the baseline with no money at all;
- a partner still called by a new case's placeholder name;
- a line whose amount is uncertain by nature (a saving, a cost) without a low–high range (one
  finding an option, at its first such line);
- a redundancy of someone aged 55 or over with no pension strain (the scheme usually charges
  one when a member of that age is made redundant);
- no criterion derived from the NPV, no answer (on the Criteria step) that the money is weighed
  separately, and no word in the rationale that it is;
- no recommended option.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .case import Case
from .defaults import is_placeholder_name
from .kinds import KIND, RANGED_KINDS
from .paths import FieldPath, say

Kind = Literal["missing", "suspicious"]
STRAIN_AGE = 55
ENDS = ("0", "10")
# Words in a rationale that say the money was weighed beside the scores, not in them.
MONEY_WORDS = ("npv", "net present value", "value for money", "money", "cost", "saving")


@dataclass(frozen=True)
class Finding:
    kind: Kind
    path: FieldPath
    text: str


def check(case: Case) -> list[Finding]:
    """Every finding, in the order of the walk: partners, options, money, criteria, scores,
    the recommendation."""
    found: list[Finding] = []
    found += _partners(case)
    found += _money(case)
    found += _criteria(case)
    found += _recommendation(case)
    return found


def missing_inputs(case: Case) -> list[Finding]:
    """What is still to be entered before the figures mean anything (the recommendation aside,
    which follows from them)."""
    return [f for f in check(case)
            if f.kind == "missing" and not f.path.startswith(("recommendation",))]


def summary(findings: list[Finding]) -> str:
    """One line for a status bar: how many things are missing and how many to check."""
    n_missing = sum(f.kind == "missing" for f in findings)
    n_odd = len(findings) - n_missing
    parts = []
    if n_missing:
        parts.append(f"{n_missing} thing{'s' if n_missing != 1 else ''} still to enter")
    if n_odd:
        parts.append(f"{n_odd} to check")
    if not parts:
        return "Ready for the board paper"
    first = next((f for f in findings if f.kind == "missing"), findings[0])
    return f"Before the paper: {' and '.join(parts)} (first: {first.text})"


def _partners(case: Case) -> list[Finding]:
    return [Finding("missing", FieldPath.of("organisations", i, "name"),
                    f"{org.name} still has the new case's placeholder name")
            for i, org in enumerate(case.organisations) if is_placeholder_name(org.name)]


def _money(case: Case) -> list[Finding]:
    found = []
    for i, option in enumerate(case.options):
        at = FieldPath.of("options", i)
        lines = sum(len(getattr(option, kind)) for kind in KIND)
        if not option.baseline and not lines:
            found.append(Finding("missing", at, f"{option.name} has no savings or costs yet"))
        bare = [at / kind / j for kind in RANGED_KINDS
                for j, line in enumerate(getattr(option, kind)) if not line.has_range]
        if len(bare) == 1:
            found.append(Finding("suspicious", bare[0],
                                 f"{say(bare[0], case)} has no low–high range"))
        elif bare:
            found.append(Finding("suspicious", bare[0],
                                 f"{option.name}: {len(bare)} lines have no low–high range"))
        for j, line in enumerate(option.redundancies):
            if line.age >= STRAIN_AGE and not line.pension_strain:
                path = at / "redundancies" / j
                found.append(Finding(
                    "suspicious", path / "pension_strain",
                    f"{say(path, case)}: aged {line.age} with no pension strain (a scheme "
                    f"usually charges one from {STRAIN_AGE})"))
    return found


def _criteria(case: Case) -> list[Finding]:
    found = []
    if not case.criteria:
        found.append(Finding("missing", FieldPath.of("criteria"),
                             "No criteria chosen yet: pick the board's criteria and weigh them"))
    elif not any(c.weight > 0 for c in case.criteria):
        found.append(Finding("missing", FieldPath.of("criteria"),
                             "No criterion carries weight yet, so no option can be ranked"))
    for i, criterion in enumerate(case.criteria):
        at = FieldPath.of("criteria", i)
        scale = criterion.scale or {}
        if not criterion.derived and not all((scale.get(end) or "").strip() for end in ENDS):
            found.append(Finding("suspicious", at / "scale",
                                 f"{criterion.name} has no anchors: say what 0 and 10 mean"))
        if criterion.derived:
            continue
        unscored = [(o, option.name) for o, option in enumerate(case.options)
                    if option.scores.get(criterion.id) is None]
        if unscored:
            first = FieldPath.of("options", unscored[0][0], "scores", criterion.id)
            found.append(Finding("missing", first, _not_scored(criterion.name, unscored,
                                                               len(case.options))))
            continue
        given = {option.scores.get(criterion.id) for option in case.options}
        if len(case.options) >= 2 and len(given) == 1:
            found.append(Finding("suspicious", at, f"{criterion.name} does not tell the options "
                                 f"apart: every option scores {_number(given.pop())}"))
    if not any(c.derived for c in case.criteria) and not money_weighed_separately(case):
        rationale = (case.recommendation.rationale if case.recommendation else "").lower()
        if not any(word in rationale for word in MONEY_WORDS):
            found.append(Finding(
                "suspicious", FieldPath.of("criteria"),
                "No criterion is value for money from the NPV, and the rationale does not say "
                "the money is weighed separately"))
    return found


def _not_scored(criterion: str, options: list[tuple[int, str]], of: int) -> str:
    """'Autonomy is not scored yet' (no option scored) or '… for Merger and Shared services'."""
    if len(options) == of:
        return f"{criterion} is not scored yet"
    names = [name for _, name in options]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"{criterion} is not scored yet for {listed}"


def money_weighed_separately(case: Case) -> bool:
    """Whether the board has said it weighs the money separately, beside the scores."""
    return case.weighting is not None and case.weighting.money_separately


def _recommendation(case: Case) -> list[Finding]:
    rec = case.recommendation
    if rec is None or rec.option is None:
        return [Finding("missing", FieldPath.of("recommendation", "option"),
                        "No option is recommended yet")]
    return []


def _number(value: float | None) -> str:
    if value is None:
        return "no score"
    return f"{value:g}"
