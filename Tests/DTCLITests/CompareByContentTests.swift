import DTGrading
import DTModel
import DTReports
import DTRules
import DTTestSupport
import Foundation
import Testing

/// `compare` matches articles by their words (#19): renumbered, reordered, split and
/// merged articles, a commitment weakened under an unchanged limitation, a deviation
/// added, each through the built binary on versions of a team draft written to a temp folder.
@Suite(.serialized) struct CompareByContentTests {
    static let draftPath = SharedCorpus.packageRoot.appendingPathComponent("corpus/drafts/limitation-no-necessity-test.md").path

    static func draft() throws -> String { try String(contentsOfFile: draftPath, encoding: .utf8) }

    /// Writes `versions` (name → text) to a fresh folder; returns its URL.
    static func folder(_ versions: [String: String]) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dtcheck-compare-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in versions { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return dir
    }

    /// `Article X.n` → `Article X.(n+1)` everywhere, and a new Article X.1 in front.
    static func renumbered(_ s: String) -> String {
        var out = s
        for n in stride(from: 6, through: 1, by: -1) { out = out.replacingOccurrences(of: "Article X.\(n)", with: "Article X.\(n + 1)") }
        return out.replacingOccurrences(of: "## Article X.2: Definitions", with: """
            ## Article X.1: Scope

            This Chapter applies to measures adopted or maintained by a Party that affect trade by electronic means.

            ## Article X.2: Definitions
            """)
    }

    /// The section from `## Article X.n` up to the next heading (or the end).
    static func section(_ s: String, _ n: Int) throws -> String {
        let start = try #require(s.range(of: "## Article X.\(n):"))
        let end = s.range(of: "## Article X.", range: start.upperBound..<s.endIndex)?.lowerBound ?? s.endIndex
        return String(s[start.lowerBound..<end])
    }

    /// `compare --format json OLD NEW` as an object, and the run.
    static func json(_ dir: URL, _ old: String, _ new: String) throws -> ([String: Any], RunResult)? {
        guard let r = Dtcheck.run(["compare", "--format", "json", old, new], cwd: dir) else { return nil }
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any], "stderr: \(r.stderr)")
        return (obj, r)
    }

    static func pillar(_ obj: [String: Any], _ id: String) throws -> [String: Any] {
        try #require((obj["pillars"] as? [[String: Any]])?.first { $0["id"] as? String == id })
    }

    static func articles(_ obj: [String: Any]) -> [[String: Any]] { obj["articles"] as? [[String: Any]] ?? [] }

    @Test func renumberedCopyComparesAsNoChangeInAnyPillar() throws {
        let draft = try Self.draft()
        let dir = try Self.folder(["v1.md": draft, "v2.md": Self.renumbered(draft)])
        defer { try? FileManager.default.removeItem(at: dir) }
        guard let r = Dtcheck.run(["compare", "--fail-on-regression", "v1.md", "v2.md"], cwd: dir) else { return }
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.hasSuffix("result: no change in any pillar\n"), "\(r.stdout)")
        for p in PillarID.allCases { #expect(r.stdout.contains("\(p.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0))"), "\(p)") }
        #expect(r.stdout.components(separatedBy: "\n").filter { $0.hasSuffix("  unchanged") }.count == 4, "\(r.stdout)")
        // Each renumbering is said once, in the article list, and nowhere else.
        for n in 1...6 {
            let line = "Article X.\(n) → Article X.\(n + 1): renumbered, words unchanged"
            #expect(r.stdout.components(separatedBy: line).count == 2, "\(line) in \(r.stdout)")
        }
        #expect(r.stdout.contains("Article X.1: added"))
        #expect(!r.stdout.contains("limitation"))
        guard let (obj, _) = try Self.json(dir, "v1.md", "v2.md") else { return }
        #expect(obj["regression"] as? Bool == false)
        for p in PillarID.allCases {
            let change = try Self.pillar(obj, p.rawValue)
            #expect((change["clauses"] as? [Any])?.isEmpty == true, "\(p)")
            #expect((change["findings"] as? [Any])?.isEmpty == true, "\(p)")
        }
        #expect(Self.articles(obj).filter { $0["kind"] as? String == "renumbered" }.count == 6)
    }

    @Test func reorderedArticlesAreTheSameArticles() throws {
        let draft = try Self.draft()
        let three = try Self.section(draft, 3), four = try Self.section(draft, 4)
        // The data-flows and localization articles swapped, numbers kept with their text…
        let moved = draft.replacingOccurrences(of: three + four, with: four + three)
        // …and swapped with the numbers following the new order.
        let swapped = moved.replacingOccurrences(of: "Article X.3:", with: "Article X.@:")
            .replacingOccurrences(of: "Article X.4:", with: "Article X.3:").replacingOccurrences(of: "Article X.@:", with: "Article X.4:")
        #expect(moved != draft && swapped != moved)
        let dir = try Self.folder(["v1.md": draft, "moved.md": moved, "swapped.md": swapped])
        defer { try? FileManager.default.removeItem(at: dir) }
        for new in ["moved.md", "swapped.md"] {
            guard let r = Dtcheck.run(["compare", "--fail-on-regression", "v1.md", new], cwd: dir) else { return }
            #expect(r.status == 0, "\(new): \(r.stderr)")
            #expect(r.stdout.hasSuffix("result: no change in any pillar\n"), "\(new): \(r.stdout)")
        }
        guard let (obj, _) = try Self.json(dir, "v1.md", "swapped.md") else { return }
        let moves = Self.articles(obj).map { "\($0["kind"] ?? "") \($0["before"] ?? "") \($0["after"] ?? "")" }
        #expect(moves.sorted() == ["renumbered Article X.3 Article X.4", "renumbered Article X.4 Article X.3"])
        guard let (same, _) = try Self.json(dir, "v1.md", "moved.md") else { return }
        #expect(Self.articles(same).isEmpty, "an article moved under its own number is the same article")
    }

    @Test func splitArticleIsReportedAsSplit() throws {
        let draft = try Self.draft()
        let paragraph = try #require(draft.range(of: "2. Nothing in this Article shall prevent"))
        let split = draft.replacingCharacters(in: paragraph, with: "## Article X.3bis: Exceptions\n\nNothing in Article X.3 shall prevent")
        let dir = try Self.folder(["v1.md": draft, "split.md": split])
        defer { try? FileManager.default.removeItem(at: dir) }
        guard let (obj, r) = try Self.json(dir, "v1.md", "split.md") else { return }
        let moves = Self.articles(obj).map { "\($0["kind"] ?? "") \($0["before"] ?? "") \($0["after"] ?? "")" }
        #expect(moves == ["changed Article X.3 Article X.3", "split Article X.3 Article X.3bis"], "\(r.stdout)")
        // The data-flows pillar shows both halves: what left Article X.3 and what the new article holds.
        let flows = try Self.pillar(obj, "data-flows")
        let kinds = (flows["clauses"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }
        #expect(kinds == ["changed", "split"])
    }

    @Test func mergedArticlesAreReportedAsMerged() throws {
        let draft = try Self.draft()
        let five = try Self.section(draft, 5)
        let body = try #require(five.components(separatedBy: "\n\n").dropFirst().first)
        let four = try Self.section(draft, 4)
        let merged = draft.replacingOccurrences(of: four + five, with: four.trimmingCharacters(in: .newlines) + "\n\n2. " + body + "\n\n")
        let dir = try Self.folder(["v1.md": draft, "merged.md": merged])
        defer { try? FileManager.default.removeItem(at: dir) }
        guard let (obj, r) = try Self.json(dir, "v1.md", "merged.md") else { return }
        let moves = Self.articles(obj).map { "\($0["kind"] ?? "") \($0["before"] ?? "") \($0["after"] ?? "")" }
        #expect(moves == ["changed Article X.4 Article X.4", "merged Article X.5 Article X.4"], "\(r.stdout)")
        guard let t = Dtcheck.run(["compare", "v1.md", "merged.md"], cwd: dir) else { return }
        #expect(t.stdout.contains("Article X.5: merged into Article X.4"))
        #expect(t.stdout.hasSuffix("result: no pillar got weaker\n"), "\(t.stdout)")
    }

    /// The issue's case: data-flows drops to soft; the limitation's words and the
    /// article are unchanged, so neither is reported removed: the report says the
    /// level of the commitment changed, and shows the redline of the one clause.
    @Test func weakenedCommitmentExplainsTheLimitationAndShowsTheRedline() throws {
        let draft = try Self.draft()
        let soft = draft.replacingOccurrences(of: "1. No Party shall prohibit or restrict the cross-border transfer",
                                              with: "1. The Parties shall endeavour not to prohibit or restrict the cross-border transfer")
        #expect(soft != draft)
        // Renumbered as well: the redline and the explanation follow the article to its new number.
        let dir = try Self.folder(["v1.md": draft, "soft.md": Self.renumbered(soft)])
        defer { try? FileManager.default.removeItem(at: dir) }
        guard let r = Dtcheck.run(["compare", "--fail-on-regression", "v1.md", "soft.md"], cwd: dir) else { return }
        #expect(r.status == 1)
        #expect(r.stdout.contains("data-flows     binding-qualified 85 → soft 45  REGRESSION"), "\(r.stdout)")
        #expect(r.stdout.contains("- limitation no-necessity-test: no longer applies: the commitment it qualifies went from binding-qualified to soft; its words in Article X.3 (now Article X.4) are unchanged"), "\(r.stdout)")
        #expect(r.stdout.contains("Article X.3 → Article X.4 (Cross-Border Transfer of Information by Electronic Means): words changed"))
        #expect(r.stdout.contains("1. [-No Party-] {+The Parties+} shall {+endeavour not to+} prohibit or restrict"), "\(r.stdout)")
        #expect(!r.stdout.contains("removed"), "nothing was removed: \(r.stdout)")
        #expect(r.stdout.hasSuffix("result: weaker on data-flows\n"))
        guard let (obj, _) = try Self.json(dir, "v1.md", "soft.md") else { return }
        let flows = try Self.pillar(obj, "data-flows")
        let finding = try #require((flows["findings"] as? [[String: Any]])?.first)
        #expect(finding["id"] as? String == "no-necessity-test")
        #expect(finding["change"] as? String == "removed")
        #expect(finding["reason"] as? String == "level-changed")
        let clause = try #require((flows["clauses"] as? [[String: Any]])?.first)
        let runs = try #require(clause["diff"] as? [[String: String]])
        #expect(runs.filter { $0["kind"] == "removed" }.map { $0["text"] } == ["No Party"])
        #expect(runs.filter { $0["kind"] == "added" }.map { $0["text"] } == ["The Parties", "endeavour not to"])
        for other in ["localization", "source-code", "customs-duties"] {
            #expect((try Self.pillar(obj, other)["clauses"] as? [Any])?.isEmpty == true, "\(other)")
        }
        guard let html = Dtcheck.run(["compare", "--format", "html", "v1.md", "soft.md"], cwd: dir),
              let md = Dtcheck.run(["compare", "--format", "markdown", "v1.md", "soft.md"], cwd: dir) else { return }
        #expect(html.stdout.contains("<del>No Party</del> <ins>The Parties</ins> shall <ins>endeavour not to</ins>"))
        #expect(html.stdout.contains("ins{background"))
        #expect(md.stdout.contains("~~No Party~~ **The Parties** shall **endeavour not to**"))
        #expect(md.stdout.contains("- limitation `no-necessity-test` (removed): no longer applies: the commitment it qualifies went from binding-qualified to soft"))
    }

    @Test func limitationWhoseWordsChangedSaysSo() throws {
        let draft = try Self.draft()
        let start = try #require(draft.range(of: "2. Nothing in this Article shall prevent"))
        let end = try #require(draft.range(of: "## Article X.4"))
        let gone = draft.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: "")
        let dir = try Self.folder(["v1.md": draft, "v2.md": gone])
        defer { try? FileManager.default.removeItem(at: dir) }
        guard let (obj, r) = try Self.json(dir, "v1.md", "v2.md") else { return }
        let finding = try #require((try Self.pillar(obj, "data-flows")["findings"] as? [[String: Any]])?.first, "\(r.stdout)")
        #expect(finding["reason"] as? String == "text-changed")
        guard let t = Dtcheck.run(["compare", "v1.md", "v2.md"], cwd: dir) else { return }
        #expect(t.stdout.contains("- limitation no-necessity-test: removed: its words in Article X.3 changed"), "\(t.stdout)")
        #expect(t.stdout.contains("[-2. Nothing in this Article shall prevent"))
    }

    @Test func deviationChangesAreShown() throws {
        let draft = try Self.draft()
        let start = try #require(draft.range(of: "2. For greater certainty, paragraph 1"))
        let end = try #require(draft.range(of: "## Article X.3"))
        let dir = try Self.folder(["v1.md": draft, "v2.md": draft.replacingCharacters(in: start.lowerBound..<end.lowerBound, with: "")])
        defer { try? FileManager.default.removeItem(at: dir) }
        guard let r = Dtcheck.run(["compare", "v1.md", "v2.md"], cwd: dir) else { return }
        #expect(r.stdout.contains("+ deviation internal-taxes-not-clarified: added: the wording of Article X.2 changed"), "\(r.stdout)")
        #expect(r.stdout.contains("customs-duties baseline 100 → baseline 98  REGRESSION"))
        guard let csv = Dtcheck.run(["compare", "--format", "csv", "v1.md", "v2.md"], cwd: dir) else { return }
        #expect(csv.stdout.contains(#""customs-duties","baseline",100,"baseline",98,"true","","","internal-taxes-not-clarified","","Article X.2""#), "\(csv.stdout)")
        // The other way round the deviation is removed, for the same reason.
        guard let back = Dtcheck.run(["compare", "v2.md", "v1.md"], cwd: dir) else { return }
        #expect(back.stdout.contains("- deviation internal-taxes-not-clarified: removed: the wording of Article X.2 changed"), "\(back.stdout)")
    }

    @Test func draftStatesStillCompare() throws {
        let root = SharedCorpus.packageRoot.appendingPathComponent("corpus/drafts/negotiating")
        guard let r = Dtcheck.run(["compare", root.appendingPathComponent("round3.md").path,
                                   root.appendingPathComponent("editorial-only.md").path]) else { return }
        #expect(r.stdout.contains("draft (levels above are agreed): proposed baseline 100 → — · weakest binding-qualified 85 → —"), "\(r.stdout)")
        #expect(r.stdout.contains("- open Article 9.11 [VN propose]"))
        #expect(r.stdout.contains("- deviation internal-taxes-not-clarified: removed with Article 9.13"))
    }
}

/// The article map on its own, through `Comparison` with article texts given.
@Suite struct ArticleMapTests {
    static func verdict(_ path: String) -> DocumentVerdict {
        DocumentVerdict(path: path, status: .assessed, format: "markdown", language: "en", title: nil, dateSigned: nil, parties: [],
                        pillars: [], overallScore: 0, summary: "", error: nil)
    }

    static func compare(_ old: [ArticleText], _ new: [ArticleText]) -> [String] {
        Comparison(tool: ToolInfo(version: "t"), old: verdict("a"), new: verdict("b"), pillars: [],
                   oldArticles: old, newArticles: new).articles.map { "\($0.kind.rawValue) \($0.before ?? "-") \($0.after ?? "-")" }
    }

    static func article(_ label: String, _ text: String, heading: String? = nil) -> ArticleText {
        ArticleText(label: label, chapter: nil, heading: heading, text: text)
    }

    static let transfer = "No Party shall prohibit or restrict the cross-border transfer of information by electronic means."
    static let location = "No Party shall require a covered person to use or locate computing facilities in its territory."
    static let duties = "No Party shall impose customs duties on electronic transmissions between the Parties."

    @Test func identicalWordsUnderAnotherNumberAreRenumbered() {
        #expect(Self.compare([Self.article("Article 1", Self.transfer), Self.article("Article 2", Self.location)],
                             [Self.article("Article 2", Self.transfer), Self.article("Article 3", Self.location)])
                == ["renumbered Article 1 Article 2", "renumbered Article 2 Article 3"])
    }

    @Test func typographyAndSpacingAreNotChanges() {
        #expect(Self.compare([Self.article("Article 1", "No Party shall restrict the Party's\ntransfer — of data.")],
                             [Self.article("Article 1", "no party  shall restrict the Party’s transfer – of data.")]).isEmpty)
    }

    @Test func articlesWithLittleInCommonAreAddedAndRemoved() {
        #expect(Self.compare([Self.article("Article 1", Self.transfer)], [Self.article("Article 1b", Self.duties)])
                == ["removed Article 1 -", "added - Article 1b"])
    }

    @Test func aRewriteThatKeptItsNumberIsChanged() {
        let out = Self.compare([Self.article("Article 1", Self.transfer)], [Self.article("Article 1", Self.duties)])
        #expect(out == ["changed Article 1 Article 1"])
    }

    @Test func theMostSimilarArticleWinsOverTheSameNumber() {
        // Two similar localization articles; the edited one moved to another number.
        let edited = Self.location.replacingOccurrences(of: "covered person", with: "covered financial service supplier")
        let out = Self.compare([Self.article("Article 1", Self.transfer), Self.article("Article 2", Self.location)],
                               [Self.article("Article 1", Self.duties), Self.article("Article 2", Self.transfer), Self.article("Article 3", edited)])
        #expect(out == ["added - Article 1", "renumbered Article 1 Article 2", "changed Article 2 Article 3"])
    }
}
