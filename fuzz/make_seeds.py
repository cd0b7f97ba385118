#!/usr/bin/env python3
"""Writes the generated seeds in fuzz/seeds/. Each seed's first byte picks the
path extension the fuzzer uses (0 xml, 1 html, 2 txt, 3 docx, 4 md, 5 akn, 6 odt, 7 htm)."""
import io, os, zipfile

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "seeds")
os.makedirs(here, exist_ok=True)

def seed(name, ext_byte, body):
    if isinstance(body, str):
        body = body.encode("utf-8")
    with open(os.path.join(here, name), "wb") as f:
        f.write(bytes([ext_byte]) + body)

TOTA = """<?xml version="1.0" encoding="UTF-8"?>
<treaty><meta><name>Test Agreement</name><date_signed>2020-01-01</date_signed>
<parties><partyisocode>AUS</partyisocode><partyisocode>NZL</partyisocode></parties><language>en</language></meta>
<body><chapter number="CHAPTER 1" name="General">
<article number="ARTICLE 1.1" name="Definitions">
1. For the purposes of this Chapter:
(a) data means any information;
(b) person means a natural person.
2. The Parties shall cooperate.
</article><article number="ARTICLE 1.2">Text &amp; more text &#233;</article></chapter>
<article number="ARTICLE 2">Loose article.</article></body></treaty>
"""
seed("tota.xml", 0, TOTA)
seed("tota-entities.xml", 0, """<?xml version="1.0"?>
<!DOCTYPE treaty [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;"><!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<treaty><meta><name>&a;</name></meta><body><chapter><article number="ARTICLE 1">&b; &xxe;</article></chapter></body></treaty>""")
seed("akn.xml", 5, """<?xml version="1.0"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act><meta/><body>
<chapter eId="chp_1"><num>Chapter 1</num><heading>General</heading>
<article eId="art_1"><num>Article 1</num><heading>Scope</heading><paragraph eId="art_1__para_1"><num>1.</num>
<content><p>This Agreement applies<authorialNote><p>A note.</p></authorialNote>.</p></content></paragraph></article>
</chapter></body></act></akomaNtoso>""")
seed("generic.xml", 0, """<?xml version="1.0" encoding="ISO-8859-1"?><doc><section><title>Article 1</title><p>caf\xe9</p></section></doc>""".encode("latin-1"))
seed("html.html", 1, """<!DOCTYPE html><html><head><meta charset="windows-1252"><title>Agreement</title></head><body>
<h1>Chapter 1 General</h1><h2>Article 1.1 Definitions</h2><p>1. For the purposes:</p><p>(a) data;</p>
<table><tr><td>cell</td></tr></table><div><div><div><span>deep</span></div></div></div><p>footnote<sup>1</sup></p>
<script>alert(1)</script><style>p{}</style></body></html>""")
seed("xhtml.htm", 7, """<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>Article 1</p></body></html>""")
seed("text.txt", 2, """AGREEMENT BETWEEN A AND B

CHAPTER 1
GENERAL PROVISIONS

Article 1.1
Definitions

1. For the purposes of this Agreement:
(a) "data" means information;
(iv) roman.
11 .3 WTO style.
""")
seed("markdown.md", 4, """# Agreement\n\n## Chapter 1\n\n### Article 1 Scope\n\n1. Text with *emphasis* and [link](http://x).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```\n""")
seed("utf16le.txt", 2, "\ufeffArticle 1\n1. Text.\n".encode("utf-16-le") if False else b"\xff\xfe" + "Article 1\n1. Text.\n".encode("utf-16-le"))
seed("utf16be.txt", 2, b"\xfe\xff" + "Article 1\n1. Text.\n".encode("utf-16-be"))
seed("bad-utf8.txt", 2, b"Article 1\nCaf\xc3 \xff\xfe text\n")
seed("bom-utf8.txt", 2, b"\xef\xbb\xbfArticle 1\n")

def docx(parts):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return buf.getvalue()

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
doc = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document {W}><w:body>
<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:r><w:t>Chapter 1 General</w:t></w:r></w:p>
<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>Article 1 Scope</w:t></w:r></w:p>
<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve">1. The Parties </w:t></w:r><w:r><w:t>shall.</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r></w:p>
<w:tbl><w:tr><w:tc><w:p><w:r><w:t>cell</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
</w:body></w:document>"""
ct = """<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"""
foot = f"""<?xml version="1.0"?><w:footnotes {W}><w:footnote w:id="1"><w:p><w:r><w:t>A footnote.</w:t></w:r></w:p></w:footnote></w:footnotes>"""
seed("docx.docx", 3, docx({"[Content_Types].xml": ct, "word/document.xml": doc, "word/footnotes.xml": foot}))
seed("docx-xxe.docx", 3, docx({"[Content_Types].xml": ct, "word/document.xml":
    f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document {W}><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>'}))
seed("docx-empty.docx", 3, docx({}))
seed("odt.odt", 6, docx({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml":
    '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:h text:outline-level="1">Article 1</text:h><text:p>Text.</text:p></office:text></office:body></office:document-content>'}))
seed("truncated.xml", 0, TOTA[:300])
print("wrote seeds to", here)

# Issue #15: the probe's inputs, shrunk to fit the fuzzer's 64 KB.
ESC = "\x1b[2J\x1b]8;;http://evil.example/\x07click\x1b]8;;\x07\x08\x9b31m"
ARTICLE7 = "<h2>Article 7: Customs Duties</h2><p>No Party shall impose customs duties on electronic transmissions.</p>"
seed("hostile-deep260.html", 1, "<html><body>" + "<div>\n" * 260 + "x" + "</div>" * 260 + ARTICLE7 + "</body></html>")
seed("hostile-deep250.html", 1, "<html><body>" + "<div>" * 250 + "x" + "</div>" * 250 + ARTICLE7 + "</body></html>")
seed("hostile-stray-end-tags.html", 1, "<html><body>" + "<div>" * 300 + "</x>" * 300 + ARTICLE7 + "</body></html>")
seed("hostile-long-text.html", 1, "<html><body><p>" + "The Parties affirm. " * 2500 + "</p>" + ARTICLE7 + "</body></html>")
seed("hostile-ibm037.html", 1, "<html><head><meta charset=ibm037><title>Enc</title></head><body>" + ARTICLE7 + "</body></html>")
seed("hostile-utf32.html", 1, "<html><head><meta charset=utf-32><title>Enc</title></head><body>" + ARTICLE7 + "</body></html>")
seed("hostile-utf16-meta.html", 1, '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-16"></head><body>' + ARTICLE7 + "</body></html>")
seed("hostile-ebcdic-decl.xml", 0, '<?xml version="1.0" encoding="ibm037"?><doc><p>Article 1</p></doc>')
seed("hostile-escapes.txt", 2, "Title " + ESC + "\n\nArticle 1: Customs " + ESC + "\n\nNo Party shall impose customs duties " + ESC + ".\n")
seed("hostile-formulas.md", 4, "# =cmd|' /C calc'!A0\n\n### Article 1 @SUM(1)\n\n+1 -2 =3 \t=4\r=5\n")
seed("hostile-markdown-breakout.md", 4, "# a`` `b\n\n### Article 1\n\nx\n\n<img src=x onerror=alert(1)>\n\n# owned\n[l](javascript:alert(1)) ![t](http://evil.example/t.png)\n")
seed("hostile-escapes.html", 1, "<html><head><title>T " + ESC + " &#27;[2J &#x9b;</title></head><body><h2>Article 1 " + ESC + "</h2><p>No Party shall &lt;img onerror&gt; " + ESC + "</p></body></html>")
seed("hostile-big-line.md", 4, "# Agreement\n\n" + "Article 1 No Party shall impose customs duties on electronic transmissions. " * 700 + "\n")
# A heading with a backtick (shown as \` in Markdown) before the path's code span on the same line.
seed("report-escaped-backtick.html", 1, "<html><body>" + "<div>" * 12 + "<h2>Article 7: Custom`s Duties</h2><p>No Party shall impose customs duties on electronic transmissions.</p></body></html>")

# Issue #15 point 1: what a followed symlink to /etc/passwd showed as the document (the
# walk no longer follows it; the fuzzer cannot make links, so the content stands in).
seed("hostile-passwd.txt", 2, "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n")
# Point 5, the big inputs' shapes, shrunk: scripts/bench writes the 10 MB HTML, 50 MB text
# and 50 MB one-line Markdown files; these are their first articles.
def bench_article(n, fmt):
    paras = [f"{k}. The parties shall ensure that no party imposes customs duties on electronic transmissions." for k in range(1, 4)]
    if fmt == "html":
        return f"<h2>Article {n}: Provision {n}</h2>\n" + "".join(f"<p>{p}</p>\n" for p in paras)
    return f"\nArticle {n}: Provision {n}\n\n" + "\n\n".join(paras) + "\n"
seed("big-shape.html", 1, "<!DOCTYPE html><html><head><meta charset=utf-8><title>Big Agreement</title></head><body>\n<h1>Big Agreement</h1>\n"
     + "".join(bench_article(n, "html") for n in range(1, 30)) + "</body></html>\n")
seed("big-shape.txt", 2, "BIG AGREEMENT ON DIGITAL TRADE\n" + "".join(bench_article(n, "text") for n in range(1, 30)))
# Many `[` without `]` (and `](` without `)`): link and footnote-mark scans were quadratic.
seed("brackets.md", 4, "# Agreement\n\n### Article 1 Scope[^1]\n\n" + "[a [[1 [^x (^ ](" * 2000 + "\n\n[^1]: A note.\n")
seed("brackets.txt", 2, "AGREEMENT\n\nArticle 1 Scope [1]\n\n" + "[[12 [1 [^ab (^c " * 2000 + "\n\n 1 A footnote at the page bottom.\n\n- 2 -\n")
# The HTML tree built from SAX events (point 5) against libxml2's tree (fuzz/HTMLTreeOracle.swift):
# text split by comments, script and style, content after </html>, a DOCTYPE in the body,
# an undeclared UTF-8 page, attributes without values or repeated.
seed("sax-shapes.html", 1, "<!-- first --><html lang=en><head><title>T</title><style>p{}</style><script>if (a<b) x();</script></head>"
     "<body><p>one<!-- c -->two<?pi x?>three</p><input disabled><p id=a id=b class=x>dup</p>"
     "<![CDATA[cdata]]>text &amp; &nbsp; &#8212;</body></html>\n<p>after html</p>tail text")
seed("sax-after-html.html", 1, "<html><body><p>in</p></body></html><div>after <b>bold</b></div>more")
seed("sax-doctype-late.html", 1, "<p>before</p><!DOCTYPE html><p>after</p></html><p>later</p>")
seed("undeclared-utf8.html", 1, "<html><body><h2>Article 1 \u2013 Scope</h2><p>\u201cParty\u201d means \u2026</p></body></html>")
