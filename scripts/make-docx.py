#!/usr/bin/env python3
"""Writes a minimal Word (DOCX) file from a Markdown or plain-text draft, so the
web page's bench and browser test upload a real Word package without committing
one: headings (#…) become Heading1/Heading2 paragraphs, front matter and
emphasis marks are dropped, every other line is a paragraph.

    scripts/make-docx.py INPUT.md OUTPUT.docx
"""
import re
import sys
import zipfile
from xml.sax.saxutils import escape

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>
</Types>"""
RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""
DOC_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>"""
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STYLES = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="{W}">
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>
</w:styles>"""


def paragraphs(text):
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)  # front matter
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        m = re.match(r"(#+)\s*(.*)", line)
        style = None
        if m:
            style = "Heading1" if len(m.group(1)) == 1 else "Heading2"
            line = m.group(2)
        line = re.sub(r"\[\[(\d+)\]\]\([^)]*\)", "", line)  # footnote links
        line = line.replace("**", "").replace("__", "")
        yield style, line


def document(text):
    body = []
    for style, line in paragraphs(text):
        ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        body.append(f'<w:p>{ppr}<w:r><w:t xml:space="preserve">{escape(line)}</w:t></w:r></w:p>')
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:document xmlns:w="{W}"><w:body>{"".join(body)}</w:body></w:document>')


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as f:
        text = f.read()
    with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        z.writestr("word/_rels/document.xml.rels", DOC_RELS)
        z.writestr("word/styles.xml", STYLES)
        z.writestr("word/document.xml", document(text))


if __name__ == "__main__":
    main()
