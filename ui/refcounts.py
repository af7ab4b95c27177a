"""Keep None, True and False alive for the whole run, whatever the Qt bindings do to them.

PySide6 6.12.0 on Python 3.11 drops one reference to ``None`` each time a Qt function that
returns nothing is called from Python (``setText``, ``processEvents``, ``QTimer.start`` …) and
one to ``True`` each time a signal is emitted from Python. Python 3.12 and later never free
these objects (they are "immortal"), so the bindings get away with it there; on 3.11 the count
reaches zero after some tens of thousands of calls and the interpreter aborts with
"deallocating None" (or "deallocating True or False") - in a long session, a long test run, or
while the interpreter shuts down. PySide6 6.11.3 does not have the fault.

:func:`make_singletons_immortal` gives each of these objects 2**40 extra references, as
Python 3.12 does for itself, so that no run can use them up. It is called when the ``ui``
package is imported, before any Qt call of ours.
"""
from __future__ import annotations

import ctypes
import sys

EXTRA = 1 << 40
SINGLETONS = (None, True, False)


def needs_guard() -> bool:
    """True on a release build of CPython older than 3.12 (where singletons are not immortal)."""
    return (sys.implementation.name == "cpython" and sys.version_info < (3, 12)
            and not hasattr(sys, "gettotalrefcount"))   # a debug build lays objects out otherwise


def make_singletons_immortal() -> None:
    """Add EXTRA references to None, True and False once per process (no-op where unneeded)."""
    if not needs_guard() or getattr(sys, "_continuum_singletons_guarded", False):
        return
    for obj in SINGLETONS:
        count = ctypes.c_ssize_t.from_address(id(obj))   # ob_refcnt: a PyObject's first field
        count.value += EXTRA
    sys._continuum_singletons_guarded = True
