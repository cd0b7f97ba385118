#!/usr/bin/env python3
"""Writes the same bracketed draft as .txt, .md, .html and .docx into
corpus/drafts/negotiating/ (the team's fixtures for issue #16: one draft in four
formats must give the same states), and redlines with tracked changes: round 4
(words inserted, deleted, moved) as .docx, .html and .odt, round 5 (whole
paragraphs and articles inserted and deleted) as .odt and .docx. Standard library only; the .docx is written
as XML by hand and kept small. Rerun after editing DRAFT; the outputs are committed.

    python3 scripts/make-draft-fixtures.py
"""
import html
import os
import zipfile

OUT = os.path.join(os.path.dirname(__file__), "..", "corpus", "drafts", "negotiating")

# Headings start with "Article"; paragraphs are separated by blank lines. Forms
# from PILLARS.md "Negotiating drafts": attribution after the bracket, an inline
# weakening insertion, a bracketed exception, a comment and a placeholder.
TITLE = "Digital Trade Chapter (negotiating draft, round 3)"
DRAFT = [
    ("Article 9.11: Cross-Border Transfer of Information by Electronic Means", [
        "1. No Party shall prohibit or restrict the cross-border transfer of information, including personal information, "
        "by electronic means if this activity is for the conduct of the business of a covered person.",
        "2. Nothing in this Article shall prevent a Party from adopting or maintaining a measure inconsistent with paragraph 1 "
        "that is necessary to achieve a legitimate public policy objective, provided that the measure is not applied in a "
        "manner which would constitute a means of arbitrary or unjustifiable discrimination or a disguised restriction on "
        "trade, and does not impose restrictions on transfers of information greater than are required to achieve the "
        "objective[VN propose: , or that it considers necessary to protect its essential security interests].",
    ]),
    ("Article 9.12: Location of Computing Facilities", [
        "[No Party shall require a covered person to use or locate computing facilities in that Party's territory as a "
        "condition for conducting business in that territory.] [US propose; VN oppose]",
    ]),
    ("Article 9.13: Customs Duties", [
        "No Party shall [TW propose: endeavour to] impose customs duties on electronic transmissions, including content "
        "transmitted electronically, between a person of one Party and a person of another Party [KR: we need more time].",
    ]),
    ("Article 9.14: Entry into Force", [
        "This Chapter shall enter into force on [date].",
    ]),
]


def write(name, text, mode="w"):
    with open(os.path.join(OUT, name), mode) as f:
        f.write(text)


def txt():
    out = [TITLE, ""]
    for heading, paras in DRAFT:
        out += [heading, ""]
        for p in paras:
            out += [p, ""]
    return "\n".join(out)


def md():
    out = ["# " + TITLE, ""]
    for heading, paras in DRAFT:
        out += ["## " + heading, ""]
        for p in paras:
            out += [p, ""]
    return "\n".join(out)


def htm():
    out = ["<!DOCTYPE html>", "<html lang=\"en\"><head><meta charset=\"utf-8\"><title>%s</title></head><body>" % html.escape(TITLE),
           "<h1>%s</h1>" % html.escape(TITLE)]
    for heading, paras in DRAFT:
        out.append("<h2>%s</h2>" % html.escape(heading))
        for p in paras:
            out.append("<p>%s</p>" % html.escape(p))
    out.append("</body></html>")
    return "\n".join(out) + "\n"


W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def para(text, style=None):
    ppr = '<w:pPr><w:pStyle w:val="%s"/></w:pPr>' % style if style else ""
    return '<w:p>%s<w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % (ppr, html.escape(text, quote=False))


def docx_parts(body_xml):
    content_types = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                     '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                     '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                     '<Default Extension="xml" ContentType="application/xml"/>'
                     '<Override PartName="/word/document.xml" '
                     'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
                     '</Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>')
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<w:document xmlns:w="%s"><w:body>%s</w:body></w:document>' % (W, body_xml))
    return {"[Content_Types].xml": content_types, "_rels/.rels": rels, "word/document.xml": document}


def write_docx(name, parts):
    path = os.path.join(OUT, name)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for part, data in parts.items():
            # A fixed date keeps the file's bytes the same on every run.
            info = zipfile.ZipInfo(part, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def docx():
    body = [para(TITLE, "Title")]
    for heading, paras in DRAFT:
        body.append(para(heading, "Heading2"))
        body += [para(p) for p in paras]
    return docx_parts("".join(body))


def run(text):
    return '<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % html.escape(text, quote=False)


def change(tag, cid, author, date, text):
    inner = ('<w:r><w:delText xml:space="preserve">%s</w:delText></w:r>' if tag in ("del", "moveFrom")
             else '<w:r><w:t xml:space="preserve">%s</w:t></w:r>') % html.escape(text, quote=False)
    return '<w:%s w:id="%d" w:author="%s" w:date="%s">%s</w:%s>' % (tag, cid, author, date, inner, tag)


def docx_tracked():
    """A redline with no brackets: an insertion that makes the data-flows exception
    self-judging, a deletion of the personal-information coverage, a sentence moved
    within the customs-duties article, a format change (ignored) and a comment."""
    A, D = "J. Smith (Party B)", "2026-03-14T10:00:00Z"
    body = [para("Digital Trade Chapter (redline, round 4)", "Title"),
            para("Article 9.11: Cross-Border Transfer of Information by Electronic Means", "Heading2"),
            '<w:p>' + run("1. No Party shall prohibit or restrict the cross-border transfer of information") +
            change("del", 1, "K. Tanaka (Party A)", "2026-03-13T09:30:00Z", ", including personal information,") +
            run(" by electronic means if this activity is for the conduct of the business of a covered person.") + '</w:p>',
            '<w:p>' + run("2. Nothing in this Article shall prevent a Party from adopting or maintaining a measure inconsistent "
                          "with paragraph 1 ") +
            change("ins", 2, A, D, "that it considers necessary ") +
            run("to achieve a legitimate public policy objective, provided that the measure is not applied in a manner which "
                "would constitute a means of arbitrary or unjustifiable discrimination or a disguised restriction on trade, and "
                "does not impose restrictions on transfers of information greater than are required to achieve the objective.") +
            '<w:commentRangeStart w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>',
            para("Article 9.13: Customs Duties", "Heading2"),
            '<w:p>' + change("moveFrom", 3, A, D, "For greater certainty, this applies to content transmitted electronically. ") +
            '<w:r><w:rPr><w:b/><w:rPrChange w:id="5" w:author="%s" w:date="%s"><w:rPr/></w:rPrChange></w:rPr>' % (A, D) +
            '<w:t xml:space="preserve">No Party shall impose customs duties on electronic transmissions between a person of '
            'one Party and a person of another Party.</w:t></w:r>' +
            change("moveTo", 4, A, D, " For greater certainty, this applies to content transmitted electronically.") + '</w:p>']
    parts = docx_parts("".join(body))
    parts["word/comments.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments xmlns:w="%s">'
        '<w:comment w:id="0" w:author="K. Tanaka (Party A)" w:date="2026-03-14T11:00:00Z">'
        '<w:p><w:r><w:t>We cannot accept a self-judging exception here.</w:t></w:r></w:p></w:comment></w:comments>' % W)
    return parts


def html_tracked():
    """The same redline as docx_tracked, as a comparison tool saves it in HTML."""
    A, D = "J. Smith (Party B)", "2026-03-14T10:00:00Z"
    return "\n".join([
        "<!DOCTYPE html>",
        "<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Digital Trade Chapter (redline, round 4)</title></head><body>",
        "<h1>Digital Trade Chapter (redline, round 4)</h1>",
        "<h2>Article 9.11: Cross-Border Transfer of Information by Electronic Means</h2>",
        "<p>1. No Party shall prohibit or restrict the cross-border transfer of information"
        "<del cite=\"mailto:K. Tanaka (Party A)\" datetime=\"2026-03-13T09:30:00Z\">, including personal information,</del>"
        " by electronic means if this activity is for the conduct of the business of a covered person.</p>",
        "<p>2. Nothing in this Article shall prevent a Party from adopting or maintaining a measure inconsistent with "
        "paragraph 1 <ins cite=\"mailto:%s\" datetime=\"%s\">that it considers necessary </ins>to achieve a legitimate "
        "public policy objective, provided that the measure is not applied in a manner which would constitute a means of "
        "arbitrary or unjustifiable discrimination or a disguised restriction on trade, and does not impose restrictions on "
        "transfers of information greater than are required to achieve the objective.</p>" % (A, D),
        "<h2>Article 9.13: Customs Duties</h2>",
        "<p><del cite=\"mailto:%s\" datetime=\"%s\">For greater certainty, this applies to content transmitted "
        "electronically. </del>No Party shall impose customs duties on electronic transmissions between a person of one "
        "Party and a person of another Party.<ins cite=\"mailto:%s\" datetime=\"%s\"> For greater certainty, this "
        "applies to content transmitted electronically.</ins></p>" % (A, D, A, D),
        "</body></html>", ""])


def odt_tracked():
    """The same redline as docx_tracked, as LibreOffice records changes in ODT."""
    A, D = "J. Smith (Party B)", "2026-03-14T10:00:00"
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"')

    def region(cid, kind, author, date, words=""):
        body = "<text:p>%s</text:p>" % html.escape(words, quote=False) if words else ""
        return ('<text:changed-region text:id="%s"><text:%s><office:change-info><dc:creator>%s</dc:creator>'
                '<dc:date>%s</dc:date></office:change-info>%s</text:%s></text:changed-region>' % (cid, kind, author, date, body, kind))
    tracked = ("<text:tracked-changes>" +
               region("ct1", "deletion", "K. Tanaka (Party A)", "2026-03-13T09:30:00", ", including personal information,") +
               region("ct2", "insertion", A, D) +
               region("ct3", "deletion", A, D, "For greater certainty, this applies to content transmitted electronically.") +
               region("ct4", "insertion", A, D) + "</text:tracked-changes>")
    body = [
        '<text:h text:outline-level="1">Digital Trade Chapter (redline, round 4)</text:h>',
        '<text:h text:outline-level="2">Article 9.11: Cross-Border Transfer of Information by Electronic Means</text:h>',
        '<text:p>1. No Party shall prohibit or restrict the cross-border transfer of information<text:change text:change-id="ct1"/>'
        ' by electronic means if this activity is for the conduct of the business of a covered person.</text:p>',
        '<text:p>2. Nothing in this Article shall prevent a Party from adopting or maintaining a measure inconsistent with '
        'paragraph 1 <text:change-start text:change-id="ct2"/>that it considers necessary <text:change-end text:change-id="ct2"/>'
        'to achieve a legitimate public policy objective, provided that the measure is not applied in a manner which would '
        'constitute a means of arbitrary or unjustifiable discrimination or a disguised restriction on trade, and does not '
        'impose restrictions on transfers of information greater than are required to achieve the objective.'
        '<office:annotation><dc:creator>K. Tanaka (Party A)</dc:creator><dc:date>2026-03-14T11:00:00</dc:date>'
        '<text:p>We cannot accept a self-judging exception here.</text:p></office:annotation></text:p>',
        '<text:h text:outline-level="2">Article 9.13: Customs Duties</text:h>',
        '<text:p><text:change text:change-id="ct3"/>No Party shall impose customs duties on electronic transmissions between a '
        'person of one Party and a person of another Party.<text:change-start text:change-id="ct4"/> For greater certainty, '
        'this applies to content transmitted electronically.<text:change-end text:change-id="ct4"/></text:p>',
    ]
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content %s office:version="1.3"><office:body>'
               '<office:text>%s%s</office:text></office:body></office:document-content>' % (ns, tracked, "".join(body)))
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    path = os.path.join(OUT, "redline-round4.odt")
    with zipfile.ZipFile(path, "w") as z:
        for name, data, method in [("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED),
                                   ("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED),
                                   ("content.xml", content, zipfile.ZIP_DEFLATED)]:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = method
            z.writestr(info, data)


# Round 5: whole paragraphs and a whole article inserted and deleted, written as
# LibreOffice records them in ODT and as Word records them in DOCX. The expected
# states, worked out by hand from the text (and checked by TrackedChangeTests):
#   data-flows     accepted binding-qualified (the inserted self-judging paragraph 2)
#                  original baseline (the ban alone)
#   localization   accepted baseline (the inserted Article 9.12), original absent
#   customs-duties accepted absent (Article 9.13 deleted), original baseline
#   source-code    accepted baseline, original binding-qualified (the deleted
#                  self-judging paragraph 2 put back)
# and Article 9.15, where an inserted paragraph break splits a sentence: rejected,
# it is one paragraph again ("… digital trade, including for small …"); and
# Article 9.16, whose paragraph 1 is deleted with the mark at the start of the
# paragraph after it (LibreOffice's other form): put back as paragraph 1.
R5_TITLE = "Digital Trade Chapter (redline, round 5)"
R5 = {
    "df_heading": "Article 9.11: Cross-Border Transfer of Information by Electronic Means",
    "df_ban": "1. No Party shall prohibit or restrict the cross-border transfer of information, including personal "
              "information, by electronic means if this activity is for the conduct of the business of a covered person.",
    "df_exc": "2. Nothing in this Article shall prevent a Party from adopting or maintaining a measure inconsistent with "
              "paragraph 1 that it considers necessary to achieve a legitimate public policy objective.",
    "loc_heading": "Article 9.12: Location of Computing Facilities",
    "loc_ban": "No Party shall require a covered person to use or locate computing facilities in that Party's territory as "
               "a condition for conducting business in that territory.",
    "cd_heading": "Article 9.13: Customs Duties",
    "cd_ban": "No Party shall impose customs duties on electronic transmissions, including content transmitted "
              "electronically, between a person of one Party and a person of another Party.",
    "sc_heading": "Article 9.14: Source Code",
    "sc_ban": "1. No Party shall require the transfer of, or access to, a source code of software owned by a person of "
              "another Party, or to an algorithm expressed in that source code, as a condition for the import, distribution, "
              "sale or use of that software, or of products containing that software, in its territory.",
    "sc_exc": "2. Nothing in this Article shall prevent a Party from adopting or maintaining a measure inconsistent with "
              "paragraph 1 that it considers necessary to achieve a legitimate public policy objective.",
    "co_heading": "Article 9.15: Cooperation",
    "co_before": "The Parties shall endeavour to cooperate on matters of digital trade",
    "co_inserted": [".", "They shall exchange information on regulatory matters"],
    "co_after": ", including for small and medium-sized enterprises.",
    "cy_heading": "Article 9.16: Cybersecurity",
    "cy_deleted": "1. The Parties recognise the importance of building the capabilities of their national entities responsible for cybersecurity.",
    "cy_kept": "2. The Parties shall endeavour to collaborate to identify and mitigate malicious intrusions.",
}
R5_WHO = {
    1: ("J. Smith (Party B)", "2026-04-02T10:00:00"),
    2: ("M. Dupont (Party C)", "2026-04-02T11:00:00"),
    3: ("K. Tanaka (Party A)", "2026-04-02T12:00:00"),
    4: ("K. Tanaka (Party A)", "2026-04-02T12:05:00"),
    5: ("J. Smith (Party B)", "2026-04-02T13:00:00"),
    6: ("M. Dupont (Party C)", "2026-04-02T14:00:00"),
}


def odt_package(name, content):
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    with zipfile.ZipFile(os.path.join(OUT, name), "w") as z:
        for part, data, method in [("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED),
                                   ("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED),
                                   ("content.xml", content, zipfile.ZIP_DEFLATED)]:
            info = zipfile.ZipInfo(part, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = method
            z.writestr(info, data)


def odt_round5():
    """Insertions run from text:change-start to text:change-end: ct1 from the end of
    paragraph 1 to the end of the inserted paragraph 2 (LibreOffice's form), ct2
    around a whole article as siblings of its paragraphs, ct5 across a paragraph
    break inside a sentence. Deletions keep their paragraphs in the changed-region:
    ct3 a whole article, marked between paragraphs; ct4 a paragraph, marked at the
    end of the one before (the empty first text:p is the deleted paragraph break);
    ct6 a paragraph marked at the start of the next (the empty last text:p)."""
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/"')
    e = lambda t: html.escape(t, quote=False)

    def region(n, kind, body=""):
        author, date = R5_WHO[n]
        return ('<text:changed-region text:id="ct%d"><text:%s><office:change-info><dc:creator>%s</dc:creator>'
                '<dc:date>%s</dc:date></office:change-info>%s</text:%s></text:changed-region>' % (n, kind, author, date, body, kind))
    tracked = ("<text:tracked-changes>" + region(1, "insertion") + region(2, "insertion") +
               region(3, "deletion", '<text:h text:outline-level="2">%s</text:h><text:p>%s</text:p>' % (e(R5["cd_heading"]), e(R5["cd_ban"]))) +
               region(4, "deletion", "<text:p/><text:p>%s</text:p>" % e(R5["sc_exc"])) +
               region(5, "insertion") +
               region(6, "deletion", "<text:p>%s</text:p><text:p/>" % e(R5["cy_deleted"])) + "</text:tracked-changes>")
    h = lambda t: '<text:h text:outline-level="2">%s</text:h>' % e(t)
    body = [
        '<text:h text:outline-level="1">%s</text:h>' % e(R5_TITLE),
        h(R5["df_heading"]),
        '<text:p>%s<text:change-start text:change-id="ct1"/></text:p>' % e(R5["df_ban"]),
        '<text:p>%s<text:change-end text:change-id="ct1"/></text:p>' % e(R5["df_exc"]),
        '<text:change-start text:change-id="ct2"/>', h(R5["loc_heading"]), '<text:p>%s</text:p>' % e(R5["loc_ban"]),
        '<text:change-end text:change-id="ct2"/>',
        '<text:change text:change-id="ct3"/>',
        h(R5["sc_heading"]),
        '<text:p>%s<text:change text:change-id="ct4"/></text:p>' % e(R5["sc_ban"]),
        h(R5["co_heading"]),
        '<text:p>%s<text:change-start text:change-id="ct5"/>%s</text:p>' % (e(R5["co_before"]), e(R5["co_inserted"][0])),
        '<text:p>%s<text:change-end text:change-id="ct5"/>%s</text:p>' % (e(R5["co_inserted"][1]), e(R5["co_after"])),
        h(R5["cy_heading"]),
        '<text:p><text:change text:change-id="ct6"/>%s</text:p>' % e(R5["cy_kept"]),
    ]
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content %s office:version="1.3"><office:body>'
               '<office:text>%s%s</office:text></office:body></office:document-content>' % (ns, tracked, "".join(body)))
    odt_package("redline-round5.odt", content)


def docx_round5():
    """The same redline as Word records it: inserted and deleted runs, and the
    paragraph marks inserted or deleted in w:pPr/w:rPr (a rejected inserted mark
    joins a paragraph to the next; an accepted deleted one too)."""
    def mark(n, tag):
        author, date = R5_WHO[n]
        return '<w:%s w:id="%d" w:author="%s" w:date="%sZ"/>' % (tag, 100 + n, author, date)

    def p(runs, style=None, marked=None):
        props = ('<w:pStyle w:val="%s"/>' % style if style else "") + ("<w:rPr>%s</w:rPr>" % marked if marked else "")
        return "<w:p>%s%s</w:p>" % ("<w:pPr>%s</w:pPr>" % props if props else "", runs)

    def ch(tag, n, text):
        author, date = R5_WHO[n]
        return change(tag, n, author, date + "Z", text)
    body = [
        para(R5_TITLE, "Title"),
        para(R5["df_heading"], "Heading2"),
        p(run(R5["df_ban"]), marked=mark(1, "ins")),
        p(ch("ins", 1, R5["df_exc"])),
        p(ch("ins", 2, R5["loc_heading"]), "Heading2", mark(2, "ins")),
        p(ch("ins", 2, R5["loc_ban"]), marked=mark(2, "ins")),
        p(ch("del", 3, R5["cd_heading"]), "Heading2", mark(3, "del")),
        p(ch("del", 3, R5["cd_ban"]), marked=mark(3, "del")),
        para(R5["sc_heading"], "Heading2"),
        p(run(R5["sc_ban"]), marked=mark(4, "del")),
        p(ch("del", 4, R5["sc_exc"])),
        para(R5["co_heading"], "Heading2"),
        p(run(R5["co_before"]) + ch("ins", 5, R5["co_inserted"][0]), marked=mark(5, "ins")),
        p(ch("ins", 5, R5["co_inserted"][1]) + run(R5["co_after"])),
        para(R5["cy_heading"], "Heading2"),
        p(ch("del", 6, R5["cy_deleted"]), marked=mark(6, "del")),
        para(R5["cy_kept"]),
    ]
    return docx_parts("".join(body))


def docx_bracketed_redline():
    """Brackets and a tracked change together: the ban is still a US proposal, and
    a tracked insertion makes the exception self-judging. The agreed level does not
    move (absent either way); what the proposal would give does."""
    A, D = "Delegation of Party B", "2026-05-06T09:00:00Z"
    body = [para("Digital Trade Chapter (negotiating draft, round 6)", "Title"),
            para("Article 9.12: Location of Computing Facilities", "Heading2"),
            para("1. [No Party shall require a covered person to use or locate computing facilities in that Party's territory "
                 "as a condition for conducting business in that territory.] [US propose; VN oppose]"),
            '<w:p>' + run("2. Nothing in this Article shall prevent a Party from adopting or maintaining a measure inconsistent "
                          "with paragraph 1 ") + change("ins", 1, A, D, "that it considers necessary ") +
            run("to achieve a legitimate public policy objective, provided that the measure is not applied in a manner which "
                "would constitute a means of arbitrary or unjustifiable discrimination or a disguised restriction on trade, and "
                "does not impose restrictions greater than are required to achieve the objective.") + '</w:p>']
    return docx_parts("".join(body))


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    write("round3.txt", txt())
    write("round3.md", md())
    write("round3.html", htm())
    write_docx("round3.docx", docx())
    write_docx("redline-round4.docx", docx_tracked())
    write("redline-round4.html", html_tracked())
    odt_tracked()
    odt_round5()
    write_docx("redline-round5.docx", docx_round5())
    write_docx("bracketed-redline.docx", docx_bracketed_redline())
