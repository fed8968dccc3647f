#!/usr/bin/env python3
"""Writes the legacy .xls files in tests/corpus/modules (kept in git; rerun to regenerate,
needs `pip install xlwt`): modules.xls, a real module list, and far-cell.xls, the same list
with a DIMENSIONS record claiming 4 billion rows and a cell at column 65535, which made
calamine reserve memory until the process aborted."""
import os
import struct

import xlwt

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "corpus", "modules")
ROWS = [
    ("code", "title", "level", "credits", "status", "group"),
    ("HAP401", "Foundations of care", 4, 20, "core", ""),
    ("HAP402", "Anatomy and physiology", 4, 20, "core", ""),
]


def write(path, marker):
    book = xlwt.Workbook()
    sheet = book.add_sheet("Modules")
    for r, row in enumerate(ROWS):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    if marker:
        sheet.write(60000, 200, marker)  # far enough to find in the bytes, within xlwt's limits
    book.save(path)


def patch(path):
    data = bytearray(open(path, "rb").read())
    # DIMENSIONS (0x0200, 14 bytes): last row + 1 becomes 0xFFFFFFFF.
    dims = data.find(b"\x00\x02\x0e\x00")
    struct.pack_into("<I", data, dims + 8, 0xFFFFFFFF)
    # The marker cell (row 60000, column 200) moves to column 65535.
    cell = data.find(struct.pack("<HH", 60000, 200))
    struct.pack_into("<H", data, cell + 2, 0xFFFF)
    open(path, "wb").write(bytes(data))


plain = os.path.join(OUT, "modules.xls")
write(plain, "")
far = os.path.join(OUT, "far-cell.xls")
write(far, "far")
patch(far)
