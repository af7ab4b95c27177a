"""The board members' own views of a case (model-v2.md V9), as a pydantic model.

Re-exported by :mod:`appraisal.case`; :mod:`appraisal.members` checks a member's entries against
the case's criteria and options.
"""
from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .case_base import Id, Model, Score, Text


class Member(Model):
    """A board member's own view (model-v2.md V9): weights for every criterion and/or scores.

    What the member leaves out takes the case's own figure; the case's weights and scores stay
    the board's agreed ones.
    """

    id: Id
    name: Text
    role: Text = ""
    weights: dict[Id, Annotated[float, Field(strict=True, ge=0, le=1e6)]] | None = None
    scores: dict[Id, dict[Id, Score]] | None = None
