"""The bundled program's entry point: the same dispatch as main.py, prepared for a frozen app.

``Continuum`` with no argument (or a case file) opens the app; ``Continuum appraise CASE ...``
runs the headless command, exactly as ``python main.py`` does from a source checkout.
"""
from __future__ import annotations

import os
import sys


def keep_chart_cache() -> None:
    """Give matplotlib a lasting cache folder in the user's cache area.

    The bundler's start-up hook points matplotlib at a fresh temporary folder on every launch, so
    its font list would be rebuilt each time (seconds on a machine with many fonts). A lasting
    folder keeps the list between launches (matplotlib rebuilds it itself when its version changes
    or a listed font has moved); if the folder cannot be made, the temporary one stays.
    """
    if not getattr(sys, "frozen", False):
        return
    from platformdirs import user_cache_dir

    folder = os.path.join(user_cache_dir("Continuum", appauthor=False), "matplotlib")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return
    os.environ["MPLCONFIGDIR"] = folder


def safe_text_streams() -> None:
    """Messages never stop the program; results written to a pipe or file are UTF-8.

    A Windows console or redirected stream may use a code page without characters such as '→';
    a message holding one would otherwise end the headless command with an error. Standard output
    that is not a terminal carries results JSON, which is UTF-8 by definition. A windowed program
    has no streams at all, and there is nothing to do.
    """
    if sys.stderr is not None and hasattr(sys.stderr, "reconfigure"):
        sys.stderr.reconfigure(errors="backslashreplace")
    if sys.stdout is not None and hasattr(sys.stdout, "reconfigure"):
        if sys.stdout.isatty():
            sys.stdout.reconfigure(errors="backslashreplace")
        else:
            sys.stdout.reconfigure(encoding="utf-8")


if __name__ == "__main__":
    safe_text_streams()
    keep_chart_cache()
    from main import main

    raise SystemExit(main(sys.argv[1:]))
