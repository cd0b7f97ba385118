import DTDrafts
import DTIngest
import DTModel
import Testing

/// The bracket forms of PILLARS.md "Negotiating drafts", read from a text draft.
@Suite struct BracketScannerTests {
    static func analyse(_ text: String, path: String = "draft.txt") throws -> (DraftAnalysis, Agreement) {
        let agreement = try DocumentLoader.load(bytes: Array(text.utf8), path: path)
        return (DraftAnalysis(agreement), agreement)
    }

    static func article(_ body: String, number: String = "Article 5", heading: String = "Location of Computing Facilities") -> String {
        "\(number): \(heading)\n\n\(body)\n\nArticle 6: Final Provisions\n\nThis Agreement shall enter into force on signature.\n"
    }

    @Test func attributionBeforeTheColon() throws {
        let (a, _) = try Self.analyse(Self.article("1. [CH propose; CO/US oppose: No Party shall require a covered person to use or locate computing facilities in its territory.]"))
        let b = try #require(a.negotiation.first)
        #expect(b.role == .proposal)
        #expect(b.attribution?.written == "CH propose; CO/US oppose")
        #expect(b.attribution?.parties(.propose) == ["CH"])
        #expect(b.attribution?.parties(.oppose) == ["CO", "US"])
        #expect(b.text.hasPrefix("No Party shall require"))
        #expect(b.articles.count == 1)
        #expect(a.articleLabel(b.articles[0]) == "Article 5")
    }

    @Test func considering() throws {
        let (a, _) = try Self.analyse(Self.article("[EU propose; NO considering: Each Party shall allow the transfer.] [AU/MX considering: text]"))
        #expect(a.negotiation.count == 2)
        #expect(a.negotiation[0].attribution?.parties(.consider) == ["NO"])
        #expect(a.negotiation[1].attribution?.parties(.consider) == ["AU", "MX"])
    }

    @Test func attributionAfterTheBracket() throws {
        let (a, _) = try Self.analyse(Self.article("[No Party shall require the use of local computing facilities.] (AU/JP/SG propose; ID/VN oppose)"))
        let b = try #require(a.negotiation.first)
        #expect(a.negotiation.count == 1)
        #expect(b.attribution?.parties(.propose) == ["AU", "JP", "SG"])
        #expect(b.attribution?.parties(.oppose) == ["ID", "VN"])
        let (c, _) = try Self.analyse(Self.article("[No Party shall require the use of local computing facilities.] [US propose; VN oppose]"))
        #expect(c.negotiation.count == 1)
        #expect(c.brackets.count == 1)
        #expect(c.negotiation.first?.attribution?.written == "US propose; VN oppose")
    }

    /// `[EU propose: …] [IN oppose]`: the trailing bracket of parties alone adds them to
    /// the attributed bracket before it (as `[…] [EU propose; IN oppose]` does), not a comment.
    @Test func trailingOppositionAfterAnAttributedBracket() throws {
        let (a, agreement) = try Self.analyse(Self.article("[EU propose: 1. No Party shall require a covered person to use or locate computing facilities in that Party's territory.] [IN oppose]"))
        #expect(a.negotiation.count == 1)
        #expect(a.comments.isEmpty)
        let b = try #require(a.negotiation.first)
        #expect(b.attribution?.written == "EU propose; IN oppose")
        #expect(b.attribution?.parties(.propose) == ["EU"])
        #expect(b.attribution?.parties(.oppose) == ["IN"])
        #expect(b.text.hasPrefix("1. No Party shall require"))
        // Rejected, the bracket and its attribution go: nothing of `[IN oppose]` is left as text.
        #expect(!a.agreement(agreement).articles[0].article.fullText.contains("oppose"))
        // With text between, the bracket of parties stands alone as a comment.
        let (c, _) = try Self.analyse(Self.article("[EU propose: No Party shall require the use of local computing facilities.] and so on [IN oppose]"))
        #expect(c.negotiation.first?.attribution?.written == "EU propose")
        #expect(c.comments.count == 1)
    }

    @Test func inlineInsertionAndBareOption() throws {
        let (a, agreement) = try Self.analyse(Self.article("Each Party shall [TW/TR propose: endeavour to] adopt measures on [accessing, processing or storing] data."))
        #expect(a.negotiation.count == 2)
        #expect(a.negotiation[0].attribution?.parties(.propose) == ["TW", "TR"])
        #expect(a.negotiation[1].attribution == nil)
        #expect(a.negotiation[1].text == "accessing, processing or storing")
        let agreed = a.agreement(agreement)
        let text = BracketWords_collapse(agreed.articles[0].article.fullText)
        #expect(text == "Each Party shall adopt measures on data.")
        let accepted = a.agreement(agreement, accepting: [a.negotiation[0].id])
        #expect(BracketWords_collapse(accepted.articles[0].article.fullText) == "Each Party shall endeavour to adopt measures on data.")
    }

    @Test func alternativesAndOptions() throws {
        let (a, _) = try Self.analyse(Self.article("[ALT 1: No Party shall require it.] [ALT 2: Each Party may require it.]\n\n[Option A: first] [Option B: second] [Option C: third]"))
        let alts = a.negotiation
        #expect(alts.count == 5)
        #expect(alts.allSatisfy { $0.role == .alternative })
        #expect(alts.map(\.label) == ["ALT 1", "ALT 2", "Option A", "Option B", "Option C"])
        #expect(alts[0].group == alts[1].group)
        #expect(alts[2].group == alts[3].group && alts[3].group == alts[4].group)
        #expect(alts[0].group != alts[2].group)
        #expect(alts[0].text == "No Party shall require it.")
    }

    @Test func alternativeHeadings() throws {
        let (a, _) = try Self.analyse("Article 2: [CA propose: Movement of Information] [JP propose: Cross-Border Information Flows]\n\nEach Party shall allow it.\n")
        let n = a.negotiation
        #expect(n.count == 2)
        #expect(n[0].group != nil && n[0].group == n[1].group)
        #expect(n[1].attribution?.parties(.propose) == ["JP"])
    }

    @Test func nestingThreeDeep() throws {
        let (a, agreement) = try Self.analyse(Self.article("[US propose: No Party shall require [JP propose: a covered person [SG propose: or a financial service supplier] to use] local facilities.]"))
        let n = a.negotiation
        #expect(n.count == 3)
        #expect(n.map(\.depth) == [0, 1, 2])
        #expect(n[2].parent == n[1].id && n[1].parent == n[0].id)
        #expect(a.chain(n[2].id) == [n[0].id, n[1].id, n[2].id])
        let inner = a.agreement(agreement, accepting: Set(a.chain(n[2].id)))
        #expect(BracketWords_collapse(inner.articles[0].article.fullText)
            == "No Party shall require a covered person or a financial service supplier to use local facilities.")
        let outerOnly = a.agreement(agreement, accepting: [n[0].id])
        #expect(BracketWords_collapse(outerOnly.articles[0].article.fullText) == "No Party shall require local facilities.")
    }

    @Test func overParagraphs() throws {
        let (a, _) = try Self.analyse(Self.article("1. Agreed text.\n\n[US propose: 2. No Party shall require it.\n\n3. Nothing prevents a measure.]\n\n4. More agreed text."))
        let b = try #require(a.negotiation.first)
        #expect(a.negotiation.count == 1)
        #expect(b.text.contains("No Party shall require it.") && b.text.contains("Nothing prevents"))
        #expect(!b.unbalanced)
        #expect(a.warnings.isEmpty)
    }

    @Test func wholeArticleWithItsHeading() throws {
        let text = "Article 4: Definitions\n\nTerms.\n\n[US propose: Article 5: Location of Computing Facilities\n\nNo Party shall require a covered person to use or locate computing facilities in that Party's territory.]\n\nArticle 6: Source Code\n\nAgreed.\n"
        let (a, agreement) = try Self.analyse(text)
        let b = try #require(a.negotiation.first)
        #expect(a.negotiation.count == 1)
        #expect(!b.unbalanced)
        #expect(b.articles.map { a.articleLabel($0) } == ["Article 5"])
        let agreed = a.agreement(agreement)
        let article5 = try #require(agreed.articles.first { $0.article.number == "Article 5" })
        #expect(article5.article.heading == nil)
        #expect(BracketWords_collapse(article5.article.fullText).isEmpty)
        let accepted = a.agreement(agreement, accepting: [b.id])
        let heading = accepted.articles.first { $0.article.number == "Article 5" }?.article.heading
        #expect(heading == "Location of Computing Facilities")
    }

    @Test func unbalancedIsClosedAtTheNextArticleWithAWarning() throws {
        let text = "Article 5: Location\n\n[US propose: No Party shall require local computing facilities.\n\nArticle 6: Final Provisions\n\nThis Agreement shall enter into force.\n"
        let (a, agreement) = try Self.analyse(text, path: "drafts/open.txt")
        let b = try #require(a.negotiation.first)
        #expect(b.unbalanced)
        #expect(b.articles.map { a.articleLabel($0) } == ["Article 5"])
        #expect(a.warnings.count == 1)
        #expect(a.warnings.first?.description == "drafts/open.txt:3: bracket never closed; closed before Article 6")
        // Article 6 is agreed text still.
        let agreed = a.agreement(agreement)
        #expect(agreed.articles.last?.article.fullText.contains("enter into force") == true)
    }

    @Test func commentsAndPlaceholders() throws {
        let (a, agreement) = try Self.analyse(Self.article("Each Party shall allow it [KR: we need more time] by [date]. [Note: to be checked by legal scrubbing.]"))
        #expect(a.negotiation.isEmpty)
        #expect(a.comments.count == 2)
        #expect(a.placeholders.count == 1)
        #expect(a.isDraft)
        #expect(a.comments[0].attribution?.written == "KR")
        let agreed = a.agreement(agreement)
        #expect(BracketWords_collapse(agreed.articles[0].article.fullText) == "Each Party shall allow it by [date].")
    }

    @Test(arguments: [
        "This Article is subject to Article 14.13 [Location of Computing Facilities] of this Chapter.",
        "[Reserved]",
        "The Party [sic] shall.",
        "subparagraph [a] and footnote [1] and [iv]",
        "[Scope]",
        "“[T]he Parties shall cooperate.”",
        "A [link](https://example.org) in Markdown.",
    ])
    func editorialBracketsChangeNothing(_ body: String) throws {
        let (a, _) = try Self.analyse(Self.article(body))
        #expect(!a.isDraft, "\(a.brackets.map { ($0.role, $0.text) })")
        #expect(a.warnings.isEmpty)
    }

    @Test func noBracketsNoAnalysis() throws {
        let agreement = try DocumentLoader.load(bytes: Array(Self.article("No Party shall require it.").utf8), path: "x.txt")
        #expect(DraftAnalysis.of(agreement) == nil)
    }
}

/// White space collapsed, as reports quote text.
func BracketWords_collapse(_ s: String) -> String {
    s.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
}

/// Hostile nesting: deeper than any draft, brackets are text, so grading stays bounded.
@Suite struct BracketNestingLimitTests {
    @Test func deepNestingIsNotNegotiation() throws {
        let n = 20_000
        let body = "[US propose: No Party shall require it.] " + String(repeating: "[and more words ", count: n)
            + "No Party shall require local facilities." + String(repeating: "]", count: n)
        let article = Division(kind: .article, number: "Article 1", heading: "Location", text: body, location: SourceLocation(line: 1))
        let agreement = Agreement(language: "en", sourceFormat: .text, sourcePath: "deep.txt", divisions: [article])
        let a = DraftAnalysis(agreement)
        #expect(a.brackets.count == n + 1)
        #expect(a.negotiation.count == 17)
        #expect(a.negotiation.allSatisfy { $0.depth < 16 })
        #expect(a.warnings.isEmpty)
    }
}
