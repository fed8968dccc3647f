#!/usr/bin/env python3
"""Writes assets/icon.png: a 256x256 mapping grid on a rounded tile.

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


if __name__ == "__main__":
    out = Path(__file__).resolve().parent.parent / "assets" / "icon.png"
    out.write_bytes(png(SIZE, SIZE, colour_at))
    print(f"wrote {out}")
