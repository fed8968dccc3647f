#!/usr/bin/env python3
"""Writes the hostile workbooks in tests/corpus/modules (kept in git; rerun to regenerate):
far-cell.xlsx, a module list with one cell at XFD1048576, and zip-bomb.xlsx, about 2 MB
whose sheet inflates to 2 GiB. Python's zipfile streams the bomb; nothing big is held."""
import os
import sys
import zipfile

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "corpus", "modules")

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Modules" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)
SHEET_START = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
)


def cell(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


HEADER = (
    '<row r="1">' + cell("A1", "Code") + cell("B1", "Title") + "</row>"
    '<row r="2">' + cell("A2", "A401") + cell("B2", "Foundations") + "</row>"
)


def write(name, sheet_parts):
    with zipfile.ZipFile(os.path.join(OUT, name), "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            for part in sheet_parts:
                f.write(part)


def far_cell():
    yield (
        SHEET_START + '<dimension ref="A1:XFD1048576"/><sheetData>' + HEADER
        + '<row r="1048576">' + cell("XFD1048576", "x") + "</row></sheetData></worksheet>"
    ).encode()


def bomb(total=2 << 30):
    yield (SHEET_START + '<dimension ref="A1:B2"/><sheetData>' + HEADER).encode()
    # An empty row, then a megabyte of spaces, again and again: deflate stores a run of one
    # byte at about 1000:1 (a repeat of a longer unit costs extra distance bits).
    row = b'<row r="3" spans="1:2"></row>'
    chunk = row + b" " * ((1 << 20) - len(row))
    for _ in range(total // len(chunk) + 1):
        yield chunk
    yield b"</sheetData></worksheet>"


if __name__ == "__main__":
    write("far-cell.xlsx", far_cell())
    if "--no-bomb" not in sys.argv:
        write("zip-bomb.xlsx", bomb())
