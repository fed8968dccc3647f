#!/usr/bin/env python3
"""Writes tests/corpus/modules/repeat-bomb.ods (kept in git; rerun to regenerate): an .ods of
under 1 KB whose one data row is repeated 4,990 times, with a 1,000-character cell repeated
990 times across it. That lies inside the 5,000 rows x 1,000 columns a module list may use,
but expands to about 4.9 GB of text, which a reader must refuse before expanding it."""
import os
import zipfile

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "corpus", "modules", "repeat-bomb.ods")

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def cell(text, repeat=1):
    rep = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    return f'<table:table-cell office:value-type="string"{rep}><text:p>{text}</text:p></table:table-cell>'


CONTENT = (
    f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {NS} office:version="1.2">'
    '<office:body><office:spreadsheet><table:table table:name="Modules">'
    "<table:table-row>" + cell("code") + cell("title") + "</table:table-row>"
    '<table:table-row table:number-rows-repeated="4990">' + cell("A401") + cell("x" * 1000, 990) + "</table:table-row>"
    "</table:table></office:spreadsheet></office:body></office:document-content>"
)
MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
    '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)

with zipfile.ZipFile(OUT, "w") as z:
    # The mimetype comes first and unpacked, as ODF asks.
    z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
    z.writestr("content.xml", CONTENT, zipfile.ZIP_DEFLATED, compresslevel=9)
    z.writestr("META-INF/manifest.xml", MANIFEST, zipfile.ZIP_DEFLATED, compresslevel=9)
print(f"{OUT}: {os.path.getsize(OUT)} bytes")
