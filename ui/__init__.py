"""The desktop app (PySide6): the window, the guided steps and their widgets, over one document.

Releases of the Qt bindings with known faults are excluded by version in pyproject.toml
(PySide6 6.12.0 drops references to None on Python 3.11), not patched around here."""
