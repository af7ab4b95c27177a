"""The `continuum` command and `python main.py` are one program; the declared dependencies are
the ones the code imports (issue 10)."""
from __future__ import annotations

import sys
import tomllib
from pathlib import Path

import main

ROOT = Path(__file__).resolve().parent.parent
PROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_the_console_script_is_main_py_s_dispatcher():
    assert PROJECT["scripts"]["continuum"] == "main:main"


def test_with_no_arguments_the_command_opens_the_app(monkeypatch):
    opened = []
    import ui.app
    monkeypatch.setattr(ui.app, "run", lambda argv: opened.append(list(argv)) or 0)
    monkeypatch.setattr(sys, "argv", ["continuum"])
    assert main.main() == 0                 # as the console script calls it: no argv
    assert opened == [[]]
    monkeypatch.setattr(sys, "argv", ["continuum", "case.continuum"])
    assert main.main() == 0
    assert opened[-1] == ["case.continuum"]


def test_the_command_runs_the_headless_appraisal(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["continuum", "--version"])
    try:
        status = main.main()
    except SystemExit as done:              # argparse's --version leaves by SystemExit(0)
        status = done.code
    assert status == 0
    assert capsys.readouterr().out.strip().startswith("Continuum ")


def test_pandas_is_not_a_dependency_and_no_bindings_patch_remains():
    assert not any(d.lower().startswith("pandas") for d in PROJECT["dependencies"])
    pyside = next(d for d in PROJECT["dependencies"] if d.startswith("PySide6"))
    assert "!=6.12.0" in pyside                          # the faulty release, excluded by version
    assert not (ROOT / "ui" / "refcounts.py").exists()
    for package in ("appraisal", "ui"):
        for source in (ROOT / package).rglob("*.py"):
            text = source.read_text(encoding="utf-8")
            assert "import pandas" not in text and "from pandas" not in text, source
