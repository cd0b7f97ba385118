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
}
