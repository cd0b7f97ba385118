import DTGrading
import DTIngest
import DTModel
import DTRules
import DTTestSupport
import Testing

/// Word and HTML redlines (issue #16): the level with every change accepted, the
/// original with every change rejected, the changes that move a pillar, comments.
@Suite struct TrackedChangeTests {
    static func grade(_ file: String) throws -> DocumentVerdict {
        let rules = try #require(DraftGradingTests.rules)
        return Grader(rules: rules).grade(try DocumentLoader.load(path: DraftGradingTests.folder + "/" + file))
    }

    @Test func wordReadsEveryKindOfChange() throws {
        let a = try DocumentLoader.load(path: DraftGradingTests.folder + "/redline-round4.docx")
        let kinds = a.trackedChanges.map(\.kind)
        #expect(kinds.filter { $0 != .comment } == [.deletion, .insertion, .moveFrom, .moveTo])
        // The format change (w:rPrChange) is no change of words.
        #expect(a.trackedChanges.count == 5)
        let accepted = a.articles.map { $0.article.fullText }.joined(separator: " ")
        #expect(accepted.contains("that it considers necessary"))
        #expect(!accepted.contains("including personal information"))
        let original = Agreement(sourceFormat: .docx, sourcePath: "o", divisions: try #require(a.original))
        let rejected = original.articles.map { $0.article.fullText }.joined(separator: " ")
        #expect(!rejected.contains("that it considers necessary"))
        #expect(rejected.contains("including personal information"))
        // The moved sentence is where it was.
        #expect(rejected.contains("For greater certainty, this applies to content transmitted electronically. No Party shall impose"))
    }

    @Test(arguments: ["redline-round4.docx", "redline-round4.html", "redline-round4.odt"])
    func theChangesThatMoveAPillar(_ file: String) throws {
        let v = try Self.grade(file)
        let data = try #require(v.pillar(.dataFlows))
        #expect(data.level == .bindingQualified)
        #expect(data.original?.level == .baseline)
        let changes = try #require(data.changes)
        #expect(changes.map(\.kind) == ["deletion", "insertion"])
        #expect(changes.last?.author == "J. Smith (Party B)")
        #expect(changes.last?.date?.hasPrefix("2026-03-14T10:00:00") == true)
        #expect(changes.last?.article == "Article 9.11")
        #expect(changes.last?.words.hasPrefix("that it considers necessary") == true)
        // A move inside the customs-duties article moves nothing.
        let duties = try #require(v.pillar(.customsDuties))
        #expect(duties.original?.level == duties.level)
        #expect(duties.changes?.isEmpty == true)
        #expect(v.draft?.trackedChanges == 4)
    }

    @Test func wordCommentsAreBesideTheirArticleNeverText() throws {
        let v = try Self.grade("redline-round4.docx")
        let c = try #require(v.draft?.comments.first)
        #expect(c.article == "Article 9.11")
        #expect(c.author == "K. Tanaka (Party A)")
        #expect(c.text == "We cannot accept a self-judging exception here.")
        let a = try DocumentLoader.load(path: DraftGradingTests.folder + "/redline-round4.docx")
        #expect(!a.articles.contains { $0.article.fullText.contains("cannot accept") })
    }

    // Round 5: whole paragraphs and a whole article inserted and deleted
    // (scripts/make-draft-fixtures.py says how each is written in ODT and in Word).

    static func texts(_ divisions: [Division]) -> [String] {
        Agreement(sourceFormat: .odt, sourcePath: "t", divisions: divisions).articles.map {
            TextNormalizer.collapseWhitespace(($0.article.number ?? "-") + " " + $0.article.fullText)
        }
    }

    /// The text as it stands and the original, worked out by hand from the redline.
    @Test(arguments: ["redline-round5.odt", "redline-round5.docx"])
    func wholeParagraphsInsertedAndDeleted(_ file: String) throws {
        let a = try DocumentLoader.load(path: DraftGradingTests.folder + "/" + file)
        let was = try #require(a.original)
        let accepted = Self.texts(a.divisions)
        let original = Self.texts(was)
        #expect(a.articles.map { $0.article.number } == ["Article 9.11", "Article 9.12", "Article 9.14", "Article 9.15", "Article 9.16"])
        #expect(Agreement(sourceFormat: .odt, sourcePath: "o", divisions: was).articles.map { $0.article.number }
            == ["Article 9.11", "Article 9.13", "Article 9.14", "Article 9.15", "Article 9.16"])
        // The inserted paragraph 2 of Article 9.11 is in the text, not in the original.
        #expect(accepted[0].contains("covered person. Nothing in this Article"))
        #expect(!original[0].contains("Nothing in this Article"))
        #expect(original[0].hasSuffix("business of a covered person."))
        // The deleted paragraph 2 of Article 9.14 is back in the original, as a paragraph of its own.
        #expect(!accepted[2].contains("Nothing in this Article"))
        #expect(original[2].contains("in its territory. Nothing in this Article"))
        let wasArticles = Agreement(sourceFormat: .odt, sourcePath: "o", divisions: was).articles.map(\.article)
        let sourceCode = try #require(wasArticles.first { $0.number == "Article 9.14" })
        #expect(sourceCode.children.map(\.number) == ["1.", "2."])
        // An inserted paragraph break rejected: one paragraph again.
        #expect(accepted[3] == "Article 9.15 The Parties shall endeavour to cooperate on matters of digital trade. "
            + "They shall exchange information on regulatory matters, including for small and medium-sized enterprises.")
        #expect(original[3] == "Article 9.15 The Parties shall endeavour to cooperate on matters of digital trade, "
            + "including for small and medium-sized enterprises.")
        let co = try #require(wasArticles.first { $0.number == "Article 9.15" })
        #expect(co.children.isEmpty)
        // A paragraph deleted with the mark at the start of the next one: back before it.
        let cy = try #require(wasArticles.first { $0.number == "Article 9.16" })
        #expect(cy.children.map(\.number) == ["1.", "2."])
        #expect(cy.children.first?.text.hasPrefix("The Parties recognise the importance") == true)
        #expect(a.articles.last?.article.children.map(\.number) == ["2."])
    }

    /// ODT and Word give the same texts and the same states; the levels were worked out by hand.
    @Test func wholeParagraphsSameInOdtAndWord() throws {
        let odt = try DocumentLoader.load(path: DraftGradingTests.folder + "/redline-round5.odt")
        let word = try DocumentLoader.load(path: DraftGradingTests.folder + "/redline-round5.docx")
        #expect(Self.texts(odt.divisions) == Self.texts(word.divisions))
        let odtOriginal = try #require(odt.original)
        let wordOriginal = try #require(word.original)
        #expect(Self.texts(odtOriginal) == Self.texts(wordOriginal))

        func states(_ v: DocumentVerdict) -> [String] {
            v.pillars.map { p in
                // Word records a change per paragraph, ODT one per region: grouped by kind, article and author.
                var grouped: [String: [String]] = [:]
                for c in p.changes ?? [] { grouped["\(c.kind) \(c.article ?? "-") \(c.author ?? "-")", default: []].append(c.words) }
                let changes = grouped.keys.sorted().map { "\($0): \(TextNormalizer.collapseWhitespace(grouped[$0, default: []].joined(separator: " ")))" }
                return "\(p.id.rawValue) \(p.level.rawValue) \(p.score) original \(p.original.map { "\($0.level.rawValue) \($0.score)" } ?? "-") \(changes)"
            }
        }
        let o = try Self.grade("redline-round5.odt")
        let w = try Self.grade("redline-round5.docx")
        #expect(states(o) == states(w))
        let expected: [(PillarID, Level, Level, String)] = [
            (.dataFlows, .bindingQualified, .baseline, "insertion Article 9.11 J. Smith (Party B)"),
            (.localization, .baseline, .absent, "insertion Article 9.12 M. Dupont (Party C)"),
            (.customsDuties, .absent, .baseline, "deletion Article 9.13 K. Tanaka (Party A)"),
            (.sourceCode, .baseline, .bindingQualified, "deletion Article 9.14 K. Tanaka (Party A)"),
        ]
        for (pillar, level, was, change) in expected {
            let p = try #require(o.pillar(pillar))
            #expect(p.level == level, "\(pillar)")
            #expect(p.original?.level == was, "\(pillar)")
            #expect(p.changes?.map { "\($0.kind) \($0.article ?? "-") \($0.author ?? "-")" } == [change], "\(pillar)")
        }
        // The deleted article's words, heading and all, named in Article 9.13 of the original.
        #expect(o.pillar(.customsDuties)?.changes?.first?.words.hasPrefix("Article 9.13: Customs Duties No Party shall impose") == true)
        #expect(o.draft?.trackedChanges == 6)
        #expect(w.draft?.trackedChanges == 9)
    }

    /// Brackets and tracked changes together: a change that leaves the agreed level
    /// where it was but lowers what the bracketed ban would give is named.
    @Test func aChangeThatMovesOnlyTheProposedState() throws {
        let v = try Self.grade("bracketed-redline.docx")
        let p = try #require(v.pillar(.localization))
        #expect(p.level == .absent && p.original?.level == .absent)
        let proposed = try #require(p.proposed)
        let was = try #require(p.originalProposed)
        #expect((proposed.level, proposed.score) < (was.level, was.score))
        #expect(p.open?.first?.limitations.contains("self-judging") == true)
        let change = try #require(p.changes?.first)
        #expect(p.changes?.count == 1)
        #expect(change.kind == "insertion" && change.article == "Article 9.12" && change.author == "Delegation of Party B")
        #expect(change.words == "that it considers necessary")
        // A pillar nothing moved has no changes listed.
        #expect(v.pillar(.dataFlows)?.changes?.isEmpty == true)
    }
}
