#!/usr/bin/env python3
"""Writes the Word module specifications used as test fixtures, in two shapes UK colleges use.

No Word is needed: a .docx is a zip of XML parts, written here with zipfile. Run from this
folder: `python3 make_fixtures.py`. The output is deterministic (fixed timestamps).

- HSC405-module-specification.docx: a key-facts table (Module title, Module code, Level,
  Credits), "Learning Outcomes" as a Heading 1 with "LO1:"-prefixed paragraphs, and an
  "Assessment" heading over a table: Component | Assessment method | Description |
  Weighting | Learning outcomes assessed.
- HSC502-module-descriptor.docx: "Module code: HSC502" lines, numbered outcomes in a Word
  numbered list (no number in the text), a "3. Assessment Strategy" heading, and a table
  Assessment type | Weighting (%) | LOs, with a Total row.
"""
import zipfile
from xml.sax.saxutils import escape

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def run(text, bold=False):
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(text, style=None, numbered=False, bold=False):
    ppr = ""
    if style or numbered:
        ppr = "<w:pPr>"
        if style:
            ppr += f'<w:pStyle w:val="{style}"/>'
        if numbered:
            ppr += '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
        ppr += "</w:pPr>"
    return f"<w:p>{ppr}{run(text, bold)}</w:p>"


def table(rows, header=True):
    out = '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>'
    for i, r in enumerate(rows):
        out += "<w:tr>"
        for c in r:
            paras = "".join(para(line, bold=header and i == 0) for line in c.split("\n"))
            out += f'<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr>{paras}</w:tc>'
        out += "</w:tr>"
    return out + "</w:tbl>"


def docx(path, body):
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document {W}><w:body>{body}'
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>'
    )
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>",
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        "</Relationships>",
        "word/document.xml": document,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2025, 9, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text)


def hsc405():
    body = para("University of the Downs", style="Title")
    body += para("Module Specification", style="Heading1")
    body += table(
        [
            ["Module title", "Health, Safety and Infection Prevention"],
            ["Module code", "HSC405"],
            ["FHEQ level", "4"],
            ["Credit value", "20"],
            ["Module leader", "Dr A. Okafor"],
        ],
        header=False,
    )
    body += para("Module Aims", style="Heading1")
    body += para(
        "This module introduces the principles of risk management, infection prevention and "
        "control, and safe moving and handling that underpin safe practice in health and care."
    )
    body += para("Learning Outcomes", style="Heading1")
    body += para("On successful completion of this module, students will be able to:")
    for lo in [
        "LO1: Explain the principles of risk management & carry out a risk assessment relevant to own practice",
        "LO2: Discuss the duty of candour and how to manage challenging situations and unsafe practice",
        "LO3: Apply infection prevention and control measures, selecting the right personal protective equipment",
        "LO4: Explain how to move and assist individuals and handle equipment safely",
    ]:
        body += para(lo)
    body += para("Indicative Content", style="Heading1")
    body += para("Risk assessment; hazards; RIDDOR; the chain of infection; hand hygiene; moving and handling.")
    body += para("Assessment", style="Heading1")
    body += table(
        [
            ["Component", "Assessment method", "Description", "Weighting", "Learning outcomes assessed"],
            ["1", "Report", "Workplace risk assessment report (2,000 words)", "50%", "LO1, LO2"],
            ["2", "Practical skills assessment", "Infection control and moving and handling stations", "50%", "LO3 & LO4"],
        ]
    )
    body += para("Reading List", style="Heading1")
    body += para("Health and Safety Executive (2024) Managing risks and risk assessment at work.")
    docx("HSC405-module-specification.docx", body)


def hsc502():
    body = para("Module Descriptor", style="Heading1")
    body += para("Module title: Leadership and Supervision in Care")
    body += para("Module code: HSC502")
    body += para("Level: 5    Credits: 20")
    body += para("1. Module Learning Outcomes", style="Heading2")
    body += para("By the end of the module the learner will be able to:")
    for lo in [
        "Apply the principles of team working, delegation, accountability and supervision",
        "Analyse the structure and strategy of health and social care services",
        "Evaluate styles of leadership and act as a role model within own role",
        "Identify the learning needs of others and plan how to meet them",
    ]:
        body += para(lo, style="ListParagraph", numbered=True)
    body += para("2. Learning and Teaching", style="Heading2")
    body += para("Lectures, seminars, action learning sets and tutorials.")
    body += para("3. Assessment Strategy", style="Heading2")
    body += table(
        [
            ["Assessment type", "Weighting (%)", "LOs"],
            ["Reflective essay on leading a team (3,000 words)", "60", "1, 3-4"],
            ["Presentation: a local health and care service", "40", "2"],
            ["Total", "100", ""],
        ]
    )
    docx("HSC502-module-descriptor.docx", body)


if __name__ == "__main__":
    hsc405()
    hsc502()
