"""The legal route a merger or transfer takes, by the partners' legal forms.

A transfer of engagements (and an amalgamation) is a registered society's route, under the
Co-operative and Community Benefit Societies Act 2014 ss.109-110. Charitable companies and CIOs
merge by transferring their assets to the continuing charity, and the merger is recorded in the
Charity Commission's register of mergers (Charities Act 2011 Part 16) so that gifts left to the
old charity pass to the new one. The paper names the route that fits the partners it has.
"""
from __future__ import annotations

from ...case import Case

SOCIETY_KINDS = ("housing_association",)
CHARITY_KINDS = ("charity", "community_enterprise")

SOCIETY = ("Registered societies (most housing associations) combine by amalgamation or by a "
           "transfer of engagements, each needing a special resolution of the members "
           "(Co-operative and Community Benefit Societies Act 2014 ss.109-110); a housing "
           "association that is a company or a charity takes the route of its own legal form, "
           "and the regulator is told in advance.")
CHARITY = ("A charitable company or a CIO cannot transfer its engagements: it transfers its "
           "assets to the continuing charity (two CIOs may instead amalgamate), and the merger "
           "is recorded in the Charity Commission's register of mergers so that gifts left to "
           "the old charity pass to the new one (Charities Act 2011, Part 16).")


def legal_route(case: Case, option) -> str | None:
    """The legal-route note for a merger or transfer of engagements; None for other forms."""
    if option.form not in ("merger", "transfer_of_engagements"):
        return None
    kinds = {o.kind for o in case.partners}
    notes = []
    if kinds & set(SOCIETY_KINDS):
        notes.append(SOCIETY)
    if kinds & set(CHARITY_KINDS):
        if option.form == "transfer_of_engagements":
            notes.append("A transfer of engagements is a registered society's route. " + CHARITY)
        else:
            notes.append(CHARITY)
    if not notes:
        return ("The legal route depends on each partner's legal form: a registered society "
                "transfers its engagements or amalgamates; a charitable company or CIO transfers "
                "its assets and records the merger in the Charity Commission's register of "
                "mergers so that legacies pass on.")
    return "Legal route: " + " ".join(notes)
