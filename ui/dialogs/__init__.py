"""Dialogs of the analysis steps: swing weighting and AHP pairwise comparison."""
from .weighting import AhpDialog, SwingDialog

__all__ = ["AhpDialog", "SwingDialog"]
