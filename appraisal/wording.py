"""Warnings in words: the one place a warning's kind and parameters become a sentence.

The engine (:mod:`appraisal.caveats`) says *what* it noticed as an :class:`~appraisal.results.
AppraisalWarning`: a kind, the :class:`~appraisal.paths.FieldPath` of the place and the figures.
This module words it, in two registers:

- :func:`message`, the plain form the results JSON and the command line carry (model.md §3:
  ``"path: message"``);
- :func:`sentence` and :func:`warning_text`, for people (the app, the board paper and the
  workbook alike): the place said in the case's own names (:func:`appraisal.paths.say`) and the
  advice as a sentence (a kind may word it differently once the place has been said).

A new kind of warning is a row of :data:`KINDS` and the engine's test for it.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from .deal.notice_words import NOTICE_KINDS
from .formatting import headroom_text, money, ratio
from .paths import FieldPath, say


class Warning_(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def path(self) -> FieldPath: ...
    @property
    def params(self) -> Mapping[str, Any]: ...


@dataclass(frozen=True)
class AppraisalWarning:
    """Advice the board should see; not an error: what was noticed (``kind``, a row of
    :data:`KINDS`), where (``path``) and its figures (``params``). It is
    worded only here."""

    kind: str
    path: FieldPath
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        """The plain message of the results JSON (model.md §3)."""
        return message(self)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message

    def __hash__(self) -> int:
        return hash((self.kind, self.path))


def _short_list(p: Mapping[str, Any], people: bool) -> str:
    return (f"only {p['count']} options on the short list: the Green Book asks for at least four "
            "(business as usual, a do-minimum, the preferred way and at least one more)")


def _no_weight(p: Mapping[str, Any], people: bool) -> str:
    return f"'{p['criterion']}' carries no weight, so its scores do not affect the ranking"


def _unscored(p: Mapping[str, Any], people: bool) -> str:
    criteria = p["criteria"]
    listed = criteria[0] if len(criteria) == 1 else ", ".join(criteria[:-1]) + " and " + criteria[-1]
    return (f"'{p['option']}' has no score yet on {listed}: it has no weighted score, and no "
            "option is ranked or recommended until it has")


def _no_weights(p: Mapping[str, Any], people: bool) -> str:
    return ("no criterion carries weight yet, so no option has a weighted score or a rank: "
            "choose the criteria and weigh them")


def _ahp_inconsistent(p: Mapping[str, Any], people: bool) -> str:
    return (f"the pairwise comparisons are inconsistent (consistency ratio {p['ratio']:.2f}, "
            "above 0.10): revisit the judgements before relying on these weights")


METHOD_WORDS = {"ahp": "pairwise comparison (AHP)", "swing": "swing weighting"}


def _weights_drift(p: Mapping[str, Any], people: bool) -> str:
    method = METHOD_WORDS[p["method"]]
    return (f"the criteria's weights no longer match the {method} they are recorded as coming "
            f"from (they differ by up to {p['gap']:.1%}): run the {method} again, or treat the "
            "weights as set directly")


def _past_horizon(p: Mapping[str, Any], people: bool) -> str:
    text = (f"flows continue past the {p['horizon']}-year appraisal period: from year "
            f"{p['from_year']} to year {p['to_year']}, {p['persist']}, this option gains "
            f"{money(p['gains'])} and pays {money(p['pays'])} (present values), none of which is "
            "in the NPV")
    if not p["baseline"]:
        text += (f"; over {p['to_year']} years its NPV against the baseline would be "
                 f"{money(p['npv_long'])}, against {money(p['npv_headline'])} over "
                 f"{p['horizon']}")
    return text


def _cost_sharing(p: Mapping[str, Any], people: bool) -> str:
    text = ("the cost sharing exemption is assumed: confirm HMRC's five conditions (an "
            "independent group; members whose activities are exempt or non-business; services "
            "directly necessary for those activities; exact reimbursement of each member's "
            "share of costs, with no uplift; no distortion of competition)")
    if p.get("recovery") is not None:
        text += (f"; {p['recipient']} recovers {p['recovery']:.0%} of its VAT, so an "
                 "apportionment of mixed-use services is likely")
    return text


def _vat_group(p: Mapping[str, Any], people: bool) -> str:
    return (f"a VAT group needs common control, which a {p['form'].replace('_', ' ')} does not "
            "give: only group structures, mergers and transfers of engagements can group for "
            "VAT")


def _pension_strain(p: Mapping[str, Any], people: bool) -> str:
    if "min_age" not in p:
        return (f"staff aged {p['age']} made redundant with no pension strain entered: in the "
                "Local Government Pension Scheme such members get their pension unreduced, so "
                "the employer usually pays a strain cost; other schemes differ")
    return (f"staff aged {p['age']} made redundant around {p['date']}, at or above the minimum "
            f"pension age then ({p['min_age']}), with no pension strain entered: in the Local "
            "Government Pension Scheme such members get their pension unreduced, so the employer "
            "usually pays a strain cost; other schemes differ, so ask the scheme's actuary")


def _supplier_missing(p: Mapping[str, Any], people: bool) -> str:
    return (f"no supplier is named for '{p['label']}', so the figures by organisation leave out "
            f"its charge of {money(p['charge'])} a year (paid by {p['recipient']} to whoever "
            "supplies it)")


def _exemption_needs_group(p: Mapping[str, Any], people: bool) -> str:
    return ("the cost sharing exemption needs a cost sharing group as the supplier, with "
            f"{p['recipient']} among its members: name it as the supplier")


def _group_without_lines(p: Mapping[str, Any], people: bool) -> str:
    text = (f"{p['group']} has no lines of its own, so its set-up and running costs, and the VAT "
            "it cannot recover on its own purchases, are missing")
    return text + (f" in '{p['option']}'" if p.get("option") else "")


def _outside_scope(p: Mapping[str, Any], people: bool) -> str:
    return (f"treated as outside the scope of VAT, but {p['supplier']} and {p['recipient']} stay "
            f"independent in a {p['form'].replace('_', ' ')}: a recharge between independent "
            "bodies is normally a taxable supply")


def _pay_cap_table(p: Mapping[str, Any], people: bool) -> str:
    if p["status"] == "before_table":
        return (f"the case is dated before the first weekly pay cap Continuum holds for "
                f"{p['where']}, so {money(p['cap'])} (from {p['start']}) is used: enter the cap "
                "that applied in the settings")
    return (f"Continuum holds no weekly pay cap for {p['where']} for the case's date: the latest "
            f"known, {money(p['cap'])} (from {p['start']}), is used; enter the current cap in the "
            "settings if it has been raised")


def _breakage_gain(p: Mapping[str, Any], people: bool) -> str:
    loan = "" if people else f" ({p['loan']})"
    return (f"a breakage gain of {money(p['gain'])} is counted on {p['owner']}'s loan from "
            f"{p['lender']}{loan}: many fixed-rate loan agreements compensate only the lender, "
            "so confirm the agreement pays the borrower before relying on it")


def _money_anchors_missing(p: Mapping[str, Any], people: bool) -> str:
    return (f"'{p['criterion']}' is scored from the lowest to the highest NPV among the options "
            "listed, so adding or removing an option changes what its weight means: set the "
            "NPVs against the baseline that score 0 and 10")


def _late_savings(p: Mapping[str, Any], people: bool) -> str:
    return (f"every saving of '{p['option']}' starts after year {p['year']}: late savings are "
            "the least certain, so test them in the sensitivity analysis")


def _golden_rules_taken(p: Mapping[str, Any], people: bool) -> str:
    where = "the merged body's golden rules" if people else "merged_golden_rules"
    return (f"the merged body's board has set no golden rules of its own, so '{p['option']}' is "
            f"tested against the strictest of the partners' golden rules; set {where} to the "
            "targets the combined board would hold")


def _covenant_breach(p: Mapping[str, Any], people: bool) -> str:
    """'Merger' breaks Oak Housing's interest cover covenant with Bank A in 2028 (year 2) as
    planned: 1.10x against at least 1.25x, a headroom of −0.15x (£40,000 short)."""
    metric, value, limit = p["metric"], p["value"], p["limit"]
    gap = limit - value if p["bound"] == "max" else value - limit
    fine = abs(gap) < (0.001 if metric == "gearing" else 0.01)
    case_words = ("in the pessimistic case (ranged figures at their worse ends)" if p["stressed"]
                  else "as planned")
    bound = "at least" if p["bound"] == "min" else "at most"
    return (f"{p['option']} breaks {p['test']} in {p['year']} (year {p['index']}) {case_words}: "
            f"{ratio(metric, value, fine=fine)} against {bound} {ratio(metric, limit, fine=fine)}"
            f", a headroom of {headroom_text(metric, gap)} ({money(-p['short'])} short)")


@dataclass(frozen=True)
class WarningKind:
    id: str
    words: Callable[[Mapping[str, Any], bool], str]     # (parameters, for people) → text
    about: str                                          # what it concerns, for the docs


KINDS: dict[str, WarningKind] = {k.id: k for k in (
    WarningKind("short_list", _short_list, "fewer than four options"),
    WarningKind("no_weight", _no_weight, "a criterion with no weight"),
    WarningKind("unscored", _unscored, "an option not yet scored on a weighted criterion"),
    WarningKind("no_weights", _no_weights, "no criterion carrying weight"),
    WarningKind("ahp_inconsistent", _ahp_inconsistent, "inconsistent pairwise comparisons"),
    WarningKind("weights_drift", _weights_drift, "weights no longer from their method"),
    WarningKind("past_horizon", _past_horizon, "flows continuing past the appraisal period"),
    WarningKind("cost_sharing_exemption", _cost_sharing, "the VAT cost sharing exemption"),
    WarningKind("vat_group_without_control", _vat_group, "a VAT group without common control"),
    WarningKind("pension_strain_missing", _pension_strain, "older staff with no pension strain"),
    WarningKind("late_savings", _late_savings, "every saving starting late"),
    WarningKind("supplier_missing", _supplier_missing, "a shared service with no supplier"),
    WarningKind("exemption_needs_group", _exemption_needs_group,
                "the cost sharing exemption with no cost sharing group named"),
    WarningKind("group_without_lines", _group_without_lines,
                "a cost sharing group with no costs of its own"),
    WarningKind("outside_scope_independent", _outside_scope,
                "a recharge between independent partners treated as outside the scope of VAT"),
    WarningKind("pay_cap_table", _pay_cap_table, "a weekly pay cap the table holds no figure for"),
    WarningKind("breakage_gain", _breakage_gain, "a loan breakage gain not yet confirmed"),
    WarningKind("money_anchors_missing", _money_anchors_missing,
                "value for money scored without money anchors"),
    WarningKind("golden_rules_taken", _golden_rules_taken, "a merged body with no rules of its own"),
    WarningKind("covenant_breach", _covenant_breach, "a covenant or golden rule broken"),
    *(WarningKind(*row) for row in NOTICE_KINDS),       # deal-terms.md D1–D5
)}


def message(w: Warning_) -> str:
    """The plain message the results JSON carries after the path (model.md §3)."""
    return KINDS[w.kind].words(w.params, False)


def sentence(w: Warning_) -> str:
    """The advice as a sentence for people, once its place has been said.

    >>> from appraisal.results import AppraisalWarning
    >>> w = AppraisalWarning("pension_strain_missing", FieldPath.parse("options[2].redundancies[0]"),
    ...     {"age": 58})
    >>> str(w)[:64]
    'options[2].redundancies[0]: staff aged 58 made redundant with no'
    >>> sentence(w)[:36]
    'Staff aged 58 made redundant with no'
    """
    text = KINDS[w.kind].words(w.params, True).strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def place(w: Warning_, case: Any) -> str:
    """Where the warning is, in the case's own names ('' for the case as a whole)."""
    return say(w.path, case) if w.path else ""


def warning_text(w: Warning_, case: Any) -> str:
    """'Place in words: Sentence.', the one wording the app, the paper and the workbook show."""
    where = place(w, case)
    return f"{where}: {sentence(w)}" if where else sentence(w)


def line_warnings(warnings: Iterable[Warning_], case: Any, kind: str) -> list[str]:
    """The worded warnings about money lines of one kind (``loan_repricing`` …), in order."""
    return [warning_text(w, case) for w in warnings
            if (line := w.path.line()) is not None and line[1] == kind]
