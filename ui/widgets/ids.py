"""New ids for things the board adds (organisations, loans, criteria, options)."""
from __future__ import annotations

import re


def unique_id(name: str, taken: set[str], sep: str = "-", fallback: str = "item") -> str:
    """An id from a name, not already taken: 'Bank A' → 'bank-a', then 'bank-a-2'.

    >>> unique_id("Tenant voice", {"tenant_voice"}, sep="_")
    'tenant_voice_2'
    """
    stem = re.sub(r"[^a-z0-9]+", sep, name.lower()).strip(sep) or fallback
    candidate, n = stem, 2
    while candidate in taken:
        candidate, n = f"{stem}{sep}{n}", n + 1
    return candidate
