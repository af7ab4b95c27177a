"""A warning as the engine gives it: what was noticed, where, and its figures; worded only by
:mod:`appraisal.wording`. It sits below the rules and the finance modules that raise warnings,
so that none of them need import the results."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from . import wording
from .paths import FieldPath


@dataclass(frozen=True)
class AppraisalWarning:
    """Advice the board should see; not an error: what was noticed (``kind``, a row of
    :data:`appraisal.wording.KINDS`), where (``path``) and its figures (``params``). It is
    worded only by :mod:`appraisal.wording`."""

    kind: str
    path: FieldPath
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        """The plain message of the results JSON (model.md §3)."""
        return wording.message(self)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message

    def __hash__(self) -> int:
        return hash((self.kind, self.path))
