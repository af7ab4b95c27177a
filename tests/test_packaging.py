"""The bundled app finds every file it needs (issue 7).

Fast and pure: no PyInstaller. The code opens shipped data only through appraisal.resources; the
spec (read with stand-ins for PyInstaller's names) collects exactly those folders and ui/resources;
the macOS bundle metadata declares the case files; the icon files have the right structure.
"""
from __future__ import annotations

import ast
import os
import re
import shutil
import struct
import sys
import types
from pathlib import Path

import pytest

from appraisal import __version__
from appraisal.casefile import case_to_dict, load_case
from appraisal.resources import RESOURCE_DIRS, resource_path, root

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "continuum.spec"
SMALL_CASE = Path(__file__).resolve().parent / "data" / "small-case.json"


def _sources():
    """Every Python file of the program (not tests, not packaging tools)."""
    files = [ROOT / "main.py", ROOT / "packaging" / "entry.py"]
    for package in ("appraisal", "ui"):
        files += sorted((ROOT / package).rglob("*.py"))
    return files


def _docstrings(tree) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _call_name(func) -> str:
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def data_path_bypasses(path: Path) -> list[str]:
    """Places in ``path`` that name a shipped data folder other than through resource_path."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    allowed = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _call_name(node.func) == "resource_path":
            allowed.update(id(arg) for arg in node.args)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in allowed:
            first = re.split(r"[\\/]", node.value.strip())[0]
            if first in RESOURCE_DIRS:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    return found


def test_the_data_bypass_finder_sees_a_direct_path(tmp_path, monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "ROOT", tmp_path)
    bad = tmp_path / "bad.py"
    bad.write_text('"""Reads templates/x.txt."""\nfrom pathlib import Path\n'
                   'A = Path("templates/x.txt")\nB = f"sample_cases/{1}.json"\n'
                   'C = resource_path("templates", "x.txt")\n', encoding="utf-8")
    assert data_path_bypasses(bad) == ["bad.py:3: 'templates/x.txt'", "bad.py:4: 'sample_cases/'"]


def test_shipped_data_is_only_found_through_resource_path():
    bypasses = [hit for f in _sources() if f.name != "resources.py" for hit in data_path_bypasses(f)]
    assert bypasses == []


def test_the_domain_never_finds_files_beside_its_code():
    # A file found through __file__ would be missing from the bundle unless the spec collected it.
    beside = []
    for f in sorted((ROOT / "appraisal").rglob("*.py")):
        if f.name == "resources.py":
            continue
        tree = ast.parse(f.read_text(encoding="utf-8"))
        beside += [f"{f.relative_to(ROOT)}:{n.lineno}" for n in ast.walk(tree)
                   if isinstance(n, ast.Name) and n.id == "__file__"]
    assert beside == []


def test_files_the_app_takes_from_ui_resources_are_there():
    named = set()
    for f in sorted((ROOT / "ui").rglob("*.py")):
        text = f.read_text(encoding="utf-8")
        if '"resources"' in text or "'resources'" in text:
            named |= set(re.findall(r"[\"']([\w.-]+\.(?:svg|png|ico|qss|json|txt))[\"']", text))
    missing = sorted(n for n in named if not (ROOT / "ui" / "resources" / n).is_file())
    assert missing == []


@pytest.fixture
def spec(tmp_path, monkeypatch):
    """The spec's names, executed with stand-ins for PyInstaller's hook helpers."""
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.collect_data_files = lambda package, **kw: [(f"<data of {package}>", package)]
    hooks.collect_submodules = lambda package, **kw: [package, f"{package}.<submodules>"]
    for name in ("PyInstaller", "PyInstaller.utils"):
        monkeypatch.setitem(sys.modules, name, types.ModuleType(name))
    monkeypatch.setitem(sys.modules, "PyInstaller.utils.hooks", hooks)
    monkeypatch.setattr(sys, "path", list(sys.path))
    namespace = {"SPECPATH": str(SPEC.parent), "workpath": str(tmp_path), "__name__": "spec"}
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    assert "a" not in namespace  # without PyInstaller's Analysis the build itself does not run
    return namespace


def _holds_files(folder: Path) -> bool:
    return folder.is_dir() and any(p.is_file() for p in folder.rglob("*"))


def test_the_spec_collects_every_data_folder_and_the_app_icons(spec):
    datas = {dest: src for src, dest in spec["DATAS"]}
    expected = {name: ROOT / name for name in RESOURCE_DIRS} | {"ui/resources": ROOT / "ui" / "resources"}
    for dest, source in expected.items():
        if _holds_files(source):
            assert Path(datas[dest]) == source, dest
    assert {"reportlab", "svglib", "openpyxl"} <= set(datas)


def test_the_spec_reads_the_data_folders_from_resource_dirs():
    text = SPEC.read_text(encoding="utf-8")
    assert "from appraisal.resources import RESOURCE_DIRS" in text
    assert not any(f'"{name}"' in text or f"'{name}'" in text for name in RESOURCE_DIRS)


def test_the_spec_keeps_lazily_imported_modules(spec):
    hidden = set(spec["HIDDEN_IMPORTS"])
    assert {"appraisal", "appraisal.<submodules>", "ui", "ui.<submodules>", "main"} <= hidden
    assert "matplotlib.backends.backend_svg" in hidden


def test_the_mac_bundle_declares_retina_and_the_case_files(spec):
    plist = spec["INFO_PLIST"]
    assert plist["NSHighResolutionCapable"] is True
    assert plist["CFBundleShortVersionString"] == __version__
    kinds = {tuple(d["CFBundleTypeExtensions"]): d for d in plist["CFBundleDocumentTypes"]}
    own, json_files = kinds[("continuum",)], kinds[("json",)]
    assert (own["CFBundleTypeRole"], own["LSHandlerRank"]) == ("Editor", "Owner")
    assert (json_files["CFBundleTypeRole"], json_files["LSHandlerRank"]) == ("Editor", "Alternate")
    assert json_files["LSItemContentTypes"] == ["public.json"]
    (exported,) = plist["UTExportedTypeDeclarations"]
    assert own["LSItemContentTypes"] == [exported["UTTypeIdentifier"]]
    assert exported["UTTypeTagSpecification"]["public.filename-extension"] == ["continuum"]
    assert exported["UTTypeConformsTo"] == ["public.json"]


def test_the_minimum_macos_is_the_most_demanding_wheel(spec):
    class Dist:
        def __init__(self, tag):
            self.tag = tag

        def read_text(self, name):
            return f"Wheel-Version: 1.0\nTag: {self.tag}\n" if self.tag else None

    tags = ["cp39-abi3-macosx_13_0_universal2", "cp311-cp311-macosx_10_9_x86_64",
            "py3-none-any", None, "cp39-abi3-macosx_14_0_arm64"]
    spec["metadata"] = types.SimpleNamespace(distributions=lambda: [Dist(t) for t in tags])
    assert spec["minimum_macos"]() == "14.0"
    spec["metadata"] = types.SimpleNamespace(distributions=lambda: [Dist("py3-none-any")])
    assert spec["minimum_macos"]() == "11.0"


def test_the_windows_version_resource(spec):
    assert spec["version_tuple"]("0.1.0") == (0, 1, 0, 0)
    assert spec["version_tuple"]("2.10") == (2, 10, 0, 0)
    assert spec["version_tuple"]("1.4.2rc1") == (1, 4, 2, 0)

    def record(kind):
        return lambda *args, **kw: (kind, args, kw)

    names = ["VSVersionInfo", "FixedFileInfo", "StringFileInfo", "StringTable", "StringStruct",
             "VarFileInfo", "VarStruct"]
    info = eval(spec["version_info_text"]("1.2.3"), {n: record(n) for n in names})  # noqa: S307
    ffi = info[2]["ffi"][2]
    assert ffi["filevers"] == ffi["prodvers"] == (1, 2, 3, 0)
    string_table = info[2]["kids"][0][1][0][0]
    assert string_table[1][0] == "080904B0"  # English (UK), Unicode
    strings = dict(s[1] for s in string_table[1][1])
    assert strings["FileDescription"] == strings["ProductName"] == "Continuum"
    assert strings["FileVersion"] == "1.2.3"
    assert strings["CompanyName"]


def test_every_shipped_file_is_found_through_resource_path():
    shipped = [p for name in RESOURCE_DIRS for p in sorted((ROOT / name).rglob("*")) if p.is_file()]
    for path in shipped:
        parts = path.relative_to(ROOT).parts
        found = resource_path(*parts)
        assert found == path and found.read_bytes() == path.read_bytes()


@pytest.mark.parametrize("parts", [
    ("sample_cases", "..", "main.py"),
    ("templates", "..", "templatesX", "a.txt"),
    ("templates", str(Path(os.sep, "etc", "passwd"))),
    ("sample_cases/../main.py",),
    ("appraisal", "engine.py"),
    (),
])
def test_resource_path_refuses_paths_outside_the_data_folders(parts):
    with pytest.raises(ValueError):
        resource_path(*parts)


def test_resource_path_looks_in_the_bundle_when_frozen(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert root() == tmp_path
    assert resource_path("templates", "x.txt") == tmp_path / "templates" / "x.txt"


def test_a_case_file_opens_whatever_its_extension(tmp_path):
    renamed = tmp_path / "Board options.continuum"
    shutil.copyfile(SMALL_CASE, renamed)
    assert case_to_dict(load_case(renamed)) == case_to_dict(load_case(SMALL_CASE))


def test_the_frozen_program_keeps_its_chart_cache(tmp_path, monkeypatch):
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import entry
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "temporary"))
    entry.keep_chart_cache()  # from source: nothing changes
    assert os.environ["MPLCONFIGDIR"] == str(tmp_path / "temporary")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr("platformdirs.user_cache_dir", lambda *a, **k: str(tmp_path / "cache"))
    entry.keep_chart_cache()
    assert os.environ["MPLCONFIGDIR"] == str(tmp_path / "cache" / "matplotlib")
    assert (tmp_path / "cache" / "matplotlib").is_dir()


def test_icon_containers_hold_each_png():
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import make_icons
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    pngs = {16: b"\x89PNG-16", 256: b"\x89PNG-256-long"}
    ico = make_icons.ico_bytes(pngs)
    assert struct.unpack("<HHH", ico[:6]) == (0, 1, 2)
    first = struct.unpack("<BBBBHHII", ico[6:22])
    second = struct.unpack("<BBBBHHII", ico[22:38])
    assert first[:2] == (16, 16) and second[:2] == (0, 0)  # 256 px is written as 0
    assert ico[first[7]:first[7] + first[6]] == pngs[16]
    assert ico[second[7]:second[7] + second[6]] == pngs[256]
    icns = make_icons.icns_bytes({16: b"a" * 5, 32: b"b" * 7})
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    assert icns[8:12] == b"icp4" and struct.unpack(">I", icns[12:16])[0] == 8 + 5


def test_the_icon_renders_at_every_size(tmp_path, qapp):
    # qapp: the session's one QApplication, so the icon maker does not start a lesser one.
    pytest.importorskip("PySide6.QtSvg")
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import make_icons
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    png, ico, icns = make_icons.make_icons(tmp_path)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack("<HHH", ico.read_bytes()[:6]) == (0, 1, len(make_icons.ICO_SIZES))
    data = icns.read_bytes()
    assert data[:4] == b"icns" and struct.unpack(">I", data[4:8])[0] == len(data)
    from PySide6.QtGui import QImage

    image = QImage(str(png))
    assert (image.width(), image.height()) == (512, 512)
    assert image.pixelColor(0, 0).alpha() == 0  # transparent corner outside the rounded tile
    assert image.pixelColor(256, 40).alpha() == 255


def test_build_output_stays_out_of_git():
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert "build/" in ignored and "dist/" in ignored


def test_the_bundled_streams_never_fail_on_a_character(monkeypatch):
    import io

    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import entry
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    err = io.TextIOWrapper(io.BytesIO(), encoding="cp1252")
    out = io.TextIOWrapper(io.BytesIO(), encoding="cp1252")  # a pipe: not a terminal
    monkeypatch.setattr(sys, "stderr", err)
    monkeypatch.setattr(sys, "stdout", out)
    entry.safe_text_streams()
    err.write("standalone → merger, £1,234k")
    out.write('{"title": "A → B"}')
    err.flush(), out.flush()
    assert err.buffer.getvalue() == "standalone \\u2192 merger, £1,234k".encode("cp1252")
    assert out.buffer.getvalue().decode("utf-8") == '{"title": "A → B"}'
    monkeypatch.setattr(sys, "stdout", None)  # a windowed program has no streams
    monkeypatch.setattr(sys, "stderr", None)
    entry.safe_text_streams()
