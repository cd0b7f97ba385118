@testable import DTIngest
import DTModel
import Testing

/// Headings written in today's drafting traditions (issue #21): a replacement text
/// quoted in an amending instrument, and dotted article numbers with an inserted
/// letter (`ARTICLE 8.61-F`) beside plain dotted ones (`ARTICLE 8.58`).
@Suite struct ModernHeadingTests {
    @Test func anOpeningQuotationMarkBeforeTheKeywordIsNotPartOfTheHeading() {
        #expect(HeadingParser.parse("\u{201C}Article 8.81")?.number == "Article 8.81")
        #expect(HeadingParser.parse("\"CHAPTER 13")?.kind == .chapter)
        #expect(HeadingParser.parse("\u{2018}Article 3 Definitions")?.heading == "Definitions")
    }

    @Test func aQuotedReferenceInASentenceIsStillNotAHeading() {
        #expect(HeadingParser.parse("\u{201C}Article 5 applies to measures of a Party\u{201D}") == nil)
        #expect(HeadingParser.parse("\u{201C}article 5 of the Agreement") == nil)
    }

    @Test func aModuleOfADEPAStyleAgreementIsAChapter() {
        let m = HeadingParser.parse("Module 3: Treatment of Digital Products and Related Issues")
        #expect(m?.kind == .chapter)
        #expect(m?.number == "Module 3")
        #expect(m?.heading == "Treatment of Digital Products and Related Issues")
        #expect(HeadingParser.parse("module 3 of the Agreement applies") == nil)
    }

    @Test func aDottedNumberWithAnInsertedLetterHasTheDottedStyle() {
        #expect(HeadingParser.numberShape("8.61-F", kind: .article) == "dotted")
        #expect(HeadingParser.numberShape("8.58", kind: .article) == "dotted")
        // Not dotted: no dot before the dash, or more than an inserted letter after it.
        #expect(HeadingParser.numberShape("14-A", kind: .article) == "alnum")
        #expect(HeadingParser.numberShape("8.61-ABC", kind: .article) == "alnum")
    }

    /// Five headings in one style and one in another: before, the rarer style was read
    /// as cross-references and ARTICLE 8.58 was folded into ARTICLE 8.61-B.
    @Test func anArticleOutOfNumberingOrderKeepsItsHeadingInPlainText() throws {
        let text = """
        SECTION F
        DIGITAL TRADE

        ARTICLE 8.61-A
        DEFINITIONS

        For the purposes of this Section, a covered person means a service supplier of a Party.

        ARTICLE 8.61-B
        SCOPE

        This Section applies to measures affecting trade by electronic means.

        ARTICLE 8.58
        CUSTOMS DUTIES

        Neither Party shall impose customs duties on electronic transmissions.

        ARTICLE 8.61-F
        CROSS-BORDER TRANSFER OF INFORMATION BY ELECTRONIC MEANS

        Each Party shall allow the cross-border transfer of information by electronic means.

        ARTICLE 8.61-G
        LOCATION OF COMPUTING FACILITIES

        Neither Party shall require a covered person to use or locate computing facilities in its territory.

        ARTICLE 8.61-K
        SOURCE CODE

        Neither Party shall require the transfer of, or access to, source code of software.
        """
        let a = try PlainTextReader.read(bytes: Array(text.utf8), path: "uksdea.txt", markdown: false)
        #expect(a.articleNumbers == ["ARTICLE 8.61-A", "ARTICLE 8.61-B", "ARTICLE 8.58", "ARTICLE 8.61-F", "ARTICLE 8.61-G", "ARTICLE 8.61-K"])
        let customs = try #require(a.articles.first { $0.article.number == "ARTICLE 8.58" }).article
        #expect(customs.heading == "CUSTOMS DUTIES")
        #expect(customs.fullText.contains("customs duties on electronic transmissions"))
    }

    @Test func theFirstArticleOfAQuotedReplacementTextIsAnArticle() throws {
        let text = """
        PROTOCOL AMENDING THE AGREEMENT

        Article 1

        Article 8.81 of the Agreement is replaced by the following:

        \u{201C}Article 8.81

        Cross-border transfer of information by electronic means

        1. A Party shall not adopt or maintain measures which prohibit or restrict the cross-border transfer of information by electronic means.\u{201D}

        Article 2

        This Protocol shall enter into force on the first day of the third month following its signature.
        """
        let a = try PlainTextReader.read(bytes: Array(text.utf8), path: "protocol.txt", markdown: false)
        #expect(a.articleNumbers == ["Article 1", "Article 8.81", "Article 2"])
    }
}
