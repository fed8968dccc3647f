#!/usr/bin/env python3
"""Writes assets/icon.png: a 256x256 mapping grid on a rounded tile; and the desktop icons
packaging/linux/icons/: the same drawing at 48, 128 and 256 px (smaller sizes averaged over
4x4 samples a pixel, so edges stay smooth) and as SVG.

Standard library only (zlib + struct), so it runs anywhere:
    python3 scripts/make_icon.py
"""

import struct
import zlib
from pathlib import Path

SIZE = 256
TILE = (28, 61, 90)  # deep blue
FULL = (150, 214, 168)  # the app's "full" green
PARTIAL = (250, 205, 110)  # the app's "partial" amber
EMPTY = (58, 95, 126)
# A 4x4 mapping matrix: F full, P partial, . unmapped.
MATRIX = ["FF.P", ".FP.", "P.FF", ".P.F"]


def inside_rounded(x, y, x0, y0, x1, y1, r):
    """Whether pixel centre (x, y) lies in the rounded rectangle [x0, x1) x [y0, y1)."""
    px, py = x + 0.5, y + 0.5
    if not (x0 <= px < x1 and y0 <= py < y1):
        return False
    cx = min(max(px, x0 + r), x1 - r)
    cy = min(max(py, y0 + r), y1 - r)
    return (px - cx) ** 2 + (py - cy) ** 2 <= r * r


def colour_at(x, y):
    if not inside_rounded(x, y, 8, 8, SIZE - 8, SIZE - 8, 44):
        return (0, 0, 0, 0)
    step, cell, origin = 52, 44, 28
    col, row = (x - origin) // step, (y - origin) // step
    if 0 <= col < 4 and 0 <= row < 4:
        x0, y0 = origin + col * step, origin + row * step
        if inside_rounded(x, y, x0, y0, x0 + cell, y0 + cell, 8):
            mark = MATRIX[row][col]
            return (*{"F": FULL, "P": PARTIAL}.get(mark, EMPTY), 255)
    return (*TILE, 255)


def png(width, height, pixel):
    rows = b"".join(
        b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height)
    )

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, 9))
        + chunk(b"IEND", b"")
    )


def scaled(size, samples=4):
    """colour_at drawn at size x size: each pixel the average of samples x samples points."""
    k = SIZE / size

    def pixel(x, y):
        total = [0, 0, 0, 0]
        for j in range(samples):
            for i in range(samples):
                # colour_at takes a pixel of the 256 grid and looks at its centre, so step by cells.
                sx = int((x + (i + 0.5) / samples) * k)
                sy = int((y + (j + 0.5) / samples) * k)
                r, g, b, a = colour_at(sx, sy)
                total = [total[0] + r * a, total[1] + g * a, total[2] + b * a, total[3] + a]
        n = samples * samples
        alpha = total[3]
        if alpha == 0:
            return (0, 0, 0, 0)
        return (round(total[0] / alpha), round(total[1] / alpha), round(total[2] / alpha), round(alpha / n))

    return pixel


def svg():
    """The same tile and matrix as vectors, for the hicolor scalable folder."""
    hexa = lambda c: "#%02x%02x%02x" % c
    cells = []
    step, cell, origin = 52, 44, 28
    for row, marks in enumerate(MATRIX):
        for col, mark in enumerate(marks):
            colour = {"F": FULL, "P": PARTIAL}.get(mark, EMPTY)
            cells.append(
                f'  <rect x="{origin + col * step}" y="{origin + row * step}" width="{cell}" '
                f'height="{cell}" rx="8" fill="{hexa(colour)}"/>'
            )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" viewBox="0 0 {SIZE} {SIZE}">\n'
        f'  <title>HTQ Mapper</title>\n'
        f'  <rect x="8" y="8" width="{SIZE - 16}" height="{SIZE - 16}" rx="44" fill="{hexa(TILE)}"/>\n'
        + "\n".join(cells)
        + "\n</svg>\n"
    )


if __name__ == "__main__":
    root = Path(__file__).resolve().parent.parent
    out = root / "assets" / "icon.png"
    out.write_bytes(png(SIZE, SIZE, colour_at))
    print(f"wrote {out}")
    icons = root / "packaging" / "linux" / "icons"
    icons.mkdir(parents=True, exist_ok=True)
    for size in (48, 128, 256):
        path = icons / f"{size}.png"
        path.write_bytes(png(size, size, colour_at if size == SIZE else scaled(size)))
        print(f"wrote {path}")
    (icons / "scalable.svg").write_text(svg())
    print(f"wrote {icons / 'scalable.svg'}")
