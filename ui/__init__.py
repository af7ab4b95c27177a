"""The desktop app (PySide6). Importing it first guards against a fault of the Qt bindings:
see :mod:`ui.refcounts`."""
from ui.refcounts import make_singletons_immortal

make_singletons_immortal()
