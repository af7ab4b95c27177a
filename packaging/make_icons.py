"""Render the app icon (ui/resources/continuum.svg, the one drawing the app itself uses) into
the files each platform's bundle wants.

    python packaging/make_icons.py OUT_DIR

writes OUT_DIR/continuum.png (512 px), OUT_DIR/continuum.ico (Windows, 16-256 px) and
OUT_DIR/continuum.icns (macOS, 16-1024 px). Qt draws every size from the vector source; the .ico
and .icns containers hold PNG images and are written here directly, so no image library beyond
PySide6 (QtSvg) is needed.
"""
from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "ui" / "resources" / "continuum.svg"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# .icns element types that may hold PNG data, and the pixel size each one stands for.
ICNS_TYPES = ((b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256),
              (b"ic09", 512), (b"ic10", 1024), (b"ic11", 32), (b"ic12", 64), (b"ic13", 256),
              (b"ic14", 512))


def render_png(size: int, source: Path = SOURCE) -> bytes:
    """The icon drawn at ``size`` x ``size`` pixels, transparent outside the tile, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    if QGuiApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        render_png.app = QGuiApplication([])  # kept alive for later calls
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise ValueError(f"cannot read the icon drawing {source.name}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    buf.close()
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico holding one PNG image per size (sizes up to 256; 256 is stored as 0)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = [], []
    for size in sizes:
        blob = pngs[size]
        dim = 0 if size >= 256 else size
        entries.append(struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(blob), offset))
        blobs.append(blob)
        offset += len(blob)
    return header + b"".join(entries) + b"".join(blobs)


def icns_bytes(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns holding PNG elements for every type whose size is in ``pngs``."""
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
                    for kind, size in ICNS_TYPES if size in pngs)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def make_icons(out_dir: Path, source: Path = SOURCE) -> list[Path]:
    """Write continuum.png, continuum.ico and continuum.icns into ``out_dir``; return their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    sizes = sorted(set(ICO_SIZES) | {size for _, size in ICNS_TYPES})
    pngs = {size: render_png(size, source) for size in sizes}
    written = {
        "continuum.png": pngs[512],
        "continuum.ico": ico_bytes({s: pngs[s] for s in ICO_SIZES}),
        "continuum.icns": icns_bytes(pngs),
    }
    paths = []
    for name, payload in written.items():
        path = out_dir / name
        path.write_bytes(payload)
        paths.append(path)
    return paths


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit("usage: make_icons.py OUT_DIR")
    for p in make_icons(Path(sys.argv[1])):
        print(f"icon: {p} ({p.stat().st_size:,} bytes)")
