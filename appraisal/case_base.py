"""The building blocks every part of a case file is made of: the base model and number types.

Kept apart from :mod:`appraisal.case` so that the case's parts (its parties, its board members)
can live in their own modules and still share one definition of a pound, a rate or an id.
"""
from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from .limits import ShortText

# Number types. ``strict`` refuses strings such as "100"; the model config refuses NaN/Infinity.
# Amounts are bounded at a trillion pounds so that no sum can overflow.
LIMIT = 1e12
Number = Annotated[float, Field(strict=True, ge=-LIMIT, le=LIMIT)]
Money = Annotated[float, Field(strict=True, ge=0, le=LIMIT)]
Rate = Annotated[float, Field(strict=True, ge=0, le=1)]
Year = Annotated[int, Field(strict=True, ge=1)]
Text = ShortText        # titles, names, labels; LongText for descriptions, rationales, notes
Id = Annotated[str, Field(strict=True, min_length=1, max_length=200)]
Score = Annotated[float, Field(strict=True, ge=0, le=10)]


class Model(BaseModel):
    """Base for every part of a case: unknown fields kept, no NaN or Infinity, assignment checked."""

    model_config = ConfigDict(extra="allow", allow_inf_nan=False, validate_assignment=True)
