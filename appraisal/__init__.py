"""Continuum's domain: the case file, the appraisal engine and the outputs that read its Results.

Nothing here imports Qt or the user interface (architecture.md, layer 1).
"""
from .case import Case
from .casefile import CaseError, load_case, parse_bytes, parse_data, save_case
from .engine import appraise
from .results import Results

__version__ = "0.1.0"
__all__ = ["Case", "CaseError", "Results", "appraise", "load_case", "parse_bytes", "parse_data",
           "save_case", "__version__"]
