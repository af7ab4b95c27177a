"""The one way the program finds the data files it ships (fonts, templates, sample cases).

In a source checkout or an installed package the files sit beside the code; in a bundled app they
sit in the bundle's data folder (``sys._MEIPASS``). Every data file the program opens at run time
is found through :func:`resource_path`, so the bundle spec can collect exactly these folders.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

# Folders (relative to the project root, or the bundle root) that hold run-time data.
RESOURCE_DIRS = ("sample_cases", "templates")


def root() -> Path:
    """The folder that holds the shipped data folders."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle)
    return Path(__file__).resolve().parent.parent


def resource_path(*parts: str) -> Path:
    """Path of a shipped data file, e.g. ``resource_path("sample_cases", "x.json")``."""
    if not parts or parts[0] not in RESOURCE_DIRS:
        raise ValueError(f"{parts!r} is not in a shipped data folder {RESOURCE_DIRS}")
    path, folder = root().joinpath(*parts), os.path.normpath(root() / parts[0])
    if os.path.commonpath([os.path.normpath(path), folder]) != folder:
        raise ValueError(f"{parts!r} leads outside the shipped data folder {parts[0]}")
    return path


def sample_cases() -> list[Path]:
    """The shipped sample case files, sorted by name."""
    return sorted(resource_path("sample_cases").glob("*.json"))


# One line a sample says about itself on the start page (what it shows a board).
SAMPLE_LINES: dict[str, str] = {
    "two_housing_associations": "Two English housing associations with five loans: autonomy "
                                "against savings, up to a full merger.",
    "sight_loss_charities": "A large charity and a smaller one under strain: what standing "
                            "apart costs, and a pension exit debt.",
    "ni_procurement_group": "A Northern Ireland association in a mandatory procurement group, "
                            "weighing a development team and merger.",
    "community_advice_charities": "Three small advice charities across the Welsh border, from "
                                  "an informal network to one charity.",
    "community_enterprise": "A community enterprise in an employment-services supply chain, "
                            "with wide payment-by-results ranges.",
}


def sample_title(path: Path) -> str:
    """A sample's own title (its case title), read from the file; its file name if unreadable."""
    try:
        title = json.loads(path.read_text(encoding="utf-8")).get("title")
    except (OSError, ValueError, AttributeError):
        title = None
    if isinstance(title, str) and title.strip():
        return title.strip()
    return path.stem.replace("_", " ").replace("-", " ").capitalize()


def sample_line(path: Path) -> str:
    return SAMPLE_LINES.get(path.stem, "")


def matplotlib_font(name: str) -> Path:
    """A DejaVu font file shipped inside matplotlib (used to embed fonts in the PDF)."""
    import matplotlib

    return Path(matplotlib.get_data_path()) / "fonts" / "ttf" / name
