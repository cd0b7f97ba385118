#!/usr/bin/env python3
"""Make the DOCX drafts of the modern-style draft set (corpus/drafts/modern).

Run from anywhere: python3 corpus/drafts/modern/make_docx.py
Needs python-docx (pip install python-docx). The .docx files it writes are
committed; rerun after editing the texts below. Each document is a list of
(kind, text) items, so the three files exercise three ways Word drafts carry
article headings: a bold number line with the heading on the next line
(sadea-style), Word heading styles (asean-china-style), and a plain paragraph
inside an amending protocol with the replacement text in quotation marks
(eu-japan-2023-protocol); aanzfta-upgrade-style also uses heading styles.
"""
import datetime
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

HERE = Path(__file__).resolve().parent

FIXED_TIME = datetime.datetime(2026, 1, 1, 0, 0, 0)

NOTE = "for testing dtcheck. Not a treaty text."

SADEA = [
    ("title", "AGREEMENT TO AMEND THE FREE TRADE AGREEMENT BETWEEN THE PARTIES (DIGITAL ECONOMY AGREEMENT, STYLE DRAFT)"),
    ("p", "Draft written in the tradition of the Singapore-Australia Digital Economy Agreement, " + NOTE),
    ("p", "Chapter 14 (Electronic Commerce) of the Free Trade Agreement shall be deleted and replaced with the following:"),
    ("title", "CHAPTER 14"),
    ("title", "DIGITAL ECONOMY"),
    ("num", "ARTICLE 1"), ("head", "DEFINITIONS"),
    ("p", "For the purposes of this Chapter:"),
    ("p", "computing facilities means computer servers and storage devices for processing or storing information for commercial use;"),
    ("p", "covered person means a covered investment, an investor of a Party, or a service supplier of a Party, but does not include a financial institution or a cross-border financial service supplier;"),
    ("p", "electronic transmission or transmitted electronically means a transmission made using any electromagnetic means, including by photonic means."),
    ("num", "ARTICLE 2"), ("head", "SCOPE AND GENERAL PROVISIONS"),
    ("p", "1. This Chapter shall apply to measures adopted or maintained by a Party that affect trade by electronic means."),
    ("p", "2. The obligations contained in Articles 23, 24 and 28 are subject to the relevant provisions, exceptions and non-conforming measures of Chapter 7 (Trade in Services), Chapter 8 (Investment) and Chapter 9 (Financial Services)."),
    ("num", "ARTICLE 5"), ("head", "CUSTOMS DUTIES"),
    ("p", "1. Neither Party shall impose customs duties on electronic transmissions, including content transmitted electronically, between a person of a Party and a person of the other Party."),
    ("p", "2. For greater certainty, paragraph 1 shall not preclude a Party from imposing internal taxes, fees or other charges on content transmitted electronically, provided that such taxes, fees or charges are imposed in a manner consistent with this Agreement."),
    ("num", "ARTICLE 23"), ("head", "CROSS-BORDER TRANSFER OF INFORMATION BY ELECTRONIC MEANS"),
    ("p", "1. The Parties recognise that each Party may have its own regulatory requirements concerning the transfer of information by electronic means."),
    ("p", "2. Neither Party shall prohibit or restrict the cross-border transfer of information by electronic means, including personal information, if this activity is for the conduct of the business of a covered person."),
    ("p", "3. Nothing in this Article shall prevent a Party from adopting or maintaining measures inconsistent with paragraph 2 to achieve a legitimate public policy objective, provided that the measure:"),
    ("p", "(a) is not applied in a manner which would constitute a means of arbitrary or unjustifiable discrimination or a disguised restriction on trade; and"),
    ("p", "(b) does not impose restrictions on transfers of information greater than are required to achieve the objective."),
    ("num", "ARTICLE 24"), ("head", "LOCATION OF COMPUTING FACILITIES"),
    ("p", "1. The Parties recognise that each Party may have its own regulatory requirements regarding the use of computing facilities, including requirements that seek to ensure the security and confidentiality of communications."),
    ("p", "2. Neither Party shall require a covered person to use or locate computing facilities in that Party's territory as a condition for conducting business in that territory."),
    ("p", "3. Nothing in this Article shall prevent a Party from adopting or maintaining measures inconsistent with paragraph 2 to achieve a legitimate public policy objective, provided that the measure:"),
    ("p", "(a) is not applied in a manner which would constitute a means of arbitrary or unjustifiable discrimination or a disguised restriction on trade; and"),
    ("p", "(b) does not impose restrictions on the use or location of computing facilities greater than are required to achieve the objective."),
    ("num", "ARTICLE 25"), ("head", "LOCATION OF FINANCIAL SERVICE COMPUTING FACILITIES FOR COVERED FINANCIAL SERVICE SUPPLIERS"),
    ("p", "Neither Party shall require a covered financial service supplier to use or locate financial service computing facilities in the Party's territory as a condition for conducting business in that territory, so long as the Party's financial regulatory authorities have immediate, direct, complete and ongoing access to information processed or stored on those facilities."),
    ("num", "ARTICLE 28"), ("head", "SOURCE CODE"),
    ("p", "1. Neither Party shall require the transfer of, or access to, source code of software owned by a person of the other Party, or the transfer of, or access to, an algorithm expressed in that source code, as a condition for the import, distribution, sale or use of that software, or of products containing that software, in its territory."),
    ("p", "2. This Article does not preclude a regulatory body or judicial authority of a Party from requiring a person of the other Party to preserve and make available the source code of software, or an algorithm expressed in that source code, for a specific investigation, inspection, examination, enforcement action or judicial proceeding, subject to safeguards against unauthorised disclosure."),
    ("p", "3. This Article does not preclude the inclusion or implementation of terms and conditions related to the provision of source code in commercially negotiated contracts."),
    ("num", "ARTICLE 38"), ("head", "REVIEW"),
    ("p", "The Parties shall review the operation of this Chapter within three years of the date of entry into force of the Agreement to Amend, and every three years thereafter, with a view to its further development."),
]

ASEAN_CHINA = [
    ("title", "PROTOCOL TO UPGRADE THE FRAMEWORK AGREEMENT ON COMPREHENSIVE ECONOMIC CO-OPERATION (STYLE DRAFT)"),
    ("p", "Draft written in the tradition of ASEAN-China economic co-operation texts, " + NOTE),
    ("h1", "CHAPTER 12 ELECTRONIC COMMERCE"),
    ("h2", "Article 1 Definitions"),
    ("p", "For the purposes of this Chapter, electronic transmission means a transmission made using any electromagnetic means, and computing facilities means computer servers and storage devices for processing or storing information for commercial use."),
    ("h2", "Article 2 Objectives"),
    ("p", "The objectives of this Chapter are to promote electronic commerce among the Parties, to create an environment of trust and confidence in its use, and to enhance co-operation among the Parties regarding its development."),
    ("h2", "Article 4 Customs Duties"),
    ("p", "The Parties shall endeavour to maintain the current practice of not imposing customs duties on electronic transmissions between the Parties, in accordance with the WTO Ministerial Decision on the Work Programme on Electronic Commerce."),
    ("h2", "Article 7 Online Personal Information Protection"),
    ("p", "1. Each Party shall adopt or maintain measures which ensure the protection of the personal information of the users of electronic commerce."),
    ("p", "2. The Parties recognise that the protection of personal information is important for trust in cross-border flows of information and for the development of electronic commerce."),
    ("h2", "Article 9 Cross-Border Transfer of Information by Electronic Means"),
    ("p", "1. The Parties recognise the importance of the free flow of information across borders by electronic means for the conduct of business."),
    ("p", "2. The Parties shall endeavour to facilitate the cross-border transfer of information by electronic means for the conduct of the business of a covered person, in accordance with their respective laws and regulations."),
    ("h2", "Article 10 Location of Computing Facilities"),
    ("p", "The Parties recognise the importance of not imposing requirements on the localisation of computing facilities as a condition for conducting business, and shall exchange views on their respective approaches to data localisation."),
    ("h2", "Article 11 Digital Industry Co-operation"),
    ("p", "1. The Parties shall promote co-operation in the digital industry, including in the joint development and localisation of production of information and communications technology equipment in the territories of the Parties."),
    ("p", "2. The Parties shall encourage technology transfer on voluntary and mutually agreed terms, including in relation to software and its source code, and shall not regard such co-operation as creating any obligation for a Party."),
    ("h2", "Article 14 Non-Application of Dispute Settlement"),
    ("p", "No Party shall have recourse to the Agreement on Dispute Settlement Mechanism for any matter arising under this Chapter."),
    ("h2", "Annex 12-A Telecommunications Services"),
    ("p", "1. Each Party shall ensure that service suppliers of the other Parties may use public telecommunications networks and services for the movement of information within and across borders, including for intra-corporate communications, and for access to information contained in databases or otherwise stored in machine-readable form in the territory of any Party."),
    ("p", "2. Notwithstanding paragraph 1, a Party may take such measures as are necessary to ensure the security and confidentiality of messages, subject to the requirement that such measures are not applied in a manner which would constitute a means of arbitrary or unjustifiable discrimination or a disguised restriction on trade in services."),
]

EU_JAPAN = [
    ("title", "PROTOCOL AMENDING THE AGREEMENT BETWEEN THE EUROPEAN UNION AND JAPAN FOR AN ECONOMIC PARTNERSHIP (STYLE DRAFT)"),
    ("p", "Draft written in the tradition of the 2023 EU-Japan protocol on cross-border data flows, " + NOTE),
    ("p", "THE EUROPEAN UNION and JAPAN, hereinafter referred to as \"the Parties\", RECALLING Article 8.81 of the Agreement, under which the Parties were to reassess the need for inclusion of provisions on the free flow of data into the Agreement, HAVE AGREED AS FOLLOWS:"),
    ("art", "Article 1"),
    ("p", "Article 8.81 of the Agreement is replaced by the following:"),
    ("p", "\u201cArticle 8.81"),
    ("p", "Cross-border transfer of information by electronic means"),
    ("p", "1. The Parties are committed to ensuring the cross-border transfer of information by electronic means where this activity is for the conduct of the business of a covered person."),
    ("p", "2. To that end, a Party shall not adopt or maintain measures which prohibit or restrict the cross-border transfer of information by electronic means by:"),
    ("p", "(a) requiring the use of computing facilities or network elements in the Party's territory for information processing, including by requiring the use of computing facilities or network elements that are certified or approved in the territory of the Party;"),
    ("p", "(b) requiring the localisation of information in the Party's territory for storage or processing;"),
    ("p", "(c) prohibiting the storage or processing of information in the territory of the other Party;"),
    ("p", "(d) making the cross-border transfer of information contingent upon the use of computing facilities or network elements in the Party's territory or upon localisation requirements in the Party's territory;"),
    ("p", "(e) prohibiting the transfer of information into the territory of the Party; or"),
    ("p", "(f) requiring the approval of the Party prior to the transfer of information to the territory of the other Party."),
    ("p", "3. Nothing in this Article shall prevent a Party from adopting or maintaining measures inconsistent with paragraph 2 to achieve a legitimate public policy objective, provided that such measures:"),
    ("p", "(a) are not applied in a manner which would constitute a means of arbitrary or unjustifiable discrimination, or a disguised restriction on trade; and"),
    ("p", "(b) do not impose restrictions on transfers of information greater than are necessary to achieve the objective."),
    ("p", "4. Nothing in this Article shall prevent a Party from adopting or maintaining measures on the protection of personal data and privacy, including with respect to cross-border information transfers, provided that the law of the Party provides for instruments enabling transfers under conditions of general application for the protection of the information transferred."),
    ("p", "5. The Parties shall keep the implementation of this Article under review and assess its functioning within three years of the date of entry into force of the Protocol, unless the Parties agree otherwise.\u201d"),
    ("art", "Article 2"),
    ("p", "This Protocol shall enter into force on the first day of the third month following the date on which the Parties exchange written notifications confirming the completion of their respective applicable legal procedures."),
]

AANZFTA = [
    ("title", "SECOND PROTOCOL TO AMEND THE REGIONAL FREE TRADE AGREEMENT (STYLE DRAFT)"),
    ("p", "Draft written in the tradition of the ASEAN-Australia-New Zealand FTA upgrade, " + NOTE),
    ("h1", "CHAPTER 10 ELECTRONIC COMMERCE"),
    ("h2", "Article 1 Definitions"),
    ("p", "For the purposes of this Chapter: carrier medium means any physical object capable of storing a digital code that forms a digital product; computing facilities means computer servers and storage devices for processing or storing information for commercial use; covered person means a covered investment, an investor of a Party or a service supplier of a Party."),
    ("h2", "Article 2 Scope and General Provisions"),
    ("p", "1. This Chapter shall apply to measures adopted or maintained by a Party that affect trade by electronic means."),
    ("p", "2. Each Party shall implement its obligations under this Chapter subject to its laws and regulations."),
    ("h2", "Article 6 Customs Valuation of Carrier Media"),
    ("p", "Each Party shall determine the customs value of an imported carrier medium bearing software or other digital content on the basis of the cost or value of the carrier medium alone, without regard to the cost or value of the software or digital content recorded on it."),
    ("h2", "Article 7 Co-operation"),
    ("p", "The Parties shall co-operate on the measurement of electronic commerce, including the exchange of statistics on cross-border electronic transmissions and on the customs treatment of low-value consignments ordered online."),
    ("h2", "Article 12 Cross-Border Transfer of Information by Electronic Means"),
    ("p", "1. The Parties recognise that each Party may have its own regulatory requirements concerning the transfer of information by electronic means."),
    ("p", "2. A Party shall not prevent cross-border transfer of information, including personal information, by electronic means where such activity is for the conduct of the business of a covered person."),
    ("p", "3. Nothing in this Article shall prevent a Party from adopting or maintaining any measure inconsistent with paragraph 2 that is necessary to achieve a legitimate public policy objective, provided that the measure is not applied in a manner which would constitute a means of arbitrary or unjustifiable discrimination or a disguised restriction on trade, and does not impose restrictions on transfers of information greater than are necessary to achieve the objective."),
    ("h2", "Article 13 Location of Computing Facilities"),
    ("p", "No Party shall require a covered person to use or locate computing facilities in that Party's territory as a condition for conducting business in that Party's territory."),
    ("h2", "Article 15 Source Code"),
    ("p", "The Parties shall endeavour not to require the transfer of, or access to, source code of software owned by a person of another Party as a condition for the import, distribution, sale or use of such software in its territory."),
    ("h2", "Article 16 Security Exception"),
    ("p", "Nothing in this Chapter shall be construed to prevent a Party from taking any action that it considers necessary for the protection of its essential security interests. Such measures shall not be disputed by other Parties."),
    ("h2", "Annex 10-A Telecommunications (Extract)"),
    ("p", "Each Party shall ensure that any service supplier of another Party may use public telecommunications transport networks and services for the movement of information within and across borders, including for intra-corporate communications of such service supplier."),
]


def build(items, path):
    doc = Document()
    doc.core_properties.title = path.stem
    doc.core_properties.author = "dtcheck team"
    doc.core_properties.last_modified_by = "dtcheck team"
    doc.core_properties.created = FIXED_TIME
    doc.core_properties.modified = FIXED_TIME
    for kind, text in items:
        if kind == "title":
            para = doc.add_paragraph()
            run = para.add_run(text)
            run.bold = True
            run.font.size = Pt(13)
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif kind in ("num", "head"):
            para = doc.add_paragraph()
            run = para.add_run(text)
            run.bold = True
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif kind == "art":
            para = doc.add_paragraph()
            run = para.add_run(text)
            run.italic = True
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif kind == "h1":
            doc.add_heading(text, level=1)
        elif kind == "h2":
            doc.add_heading(text, level=2)
        else:
            doc.add_paragraph(text)
    doc.save(str(path))
    normalise_zip(path)


def normalise_zip(path):
    """Rewrite the package with fixed entry dates so a rerun gives the same bytes."""
    with zipfile.ZipFile(path) as src:
        entries = [(info.filename, src.read(info)) for info in src.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, data)


def main():
    build(SADEA, HERE / "sadea-style.docx")
    build(ASEAN_CHINA, HERE / "asean-china-style.docx")
    build(EU_JAPAN, HERE / "eu-japan-2023-protocol.docx")
    build(AANZFTA, HERE / "aanzfta-upgrade-style.docx")


if __name__ == "__main__":
    main()
