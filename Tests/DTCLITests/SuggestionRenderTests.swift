import DTGrading
import DTModel
import DTReports
import DTRules
import DTTestSupport
import Foundation
import Testing

/// "What to change" in each format: the redline's words escaped like every other
/// document value, struck and added words marked, SARIF fixes valid.
@Suite struct SuggestionRenderTests {
    static let hostile = "Each Party shall <script>alert(1)</script> allow & \"transfer\" | *data* `x`."
    static let baseline = "No Party shall prohibit or restrict the cross-border transfer of information."

    /// The fixture verdict with suggestions on data flows (a redline from a hostile
    /// clause) and customs duties (a paragraph proposed whole).
    static func verdict() -> DocumentVerdict {
        var doc = Fixtures.verdict()
        let redline = Suggestion(addresses: ["level", "allow-instead-of-not-restrict"], action: .replace, baseline: .usmca,
                                 article: "19.11.1", text: baseline + " <b>bold</b>",
                                 diff: [WordDiff.Run(kind: .removed, text: hostile), WordDiff.Run(kind: .added, text: baseline + " <b>bold</b>")],
                                 draftArticle: "ARTICLE 14.11", draftText: hostile,
                                 location: SourceLocation(line: 120, column: 7), note: "USMCA 19.11.1 words it <so>.")
        let whole = Suggestion(addresses: ["level"], action: .insert, baseline: .usmca, article: "19.3",
                               text: "1. No Party shall impose customs duties.\n2. For greater certainty, <internal> taxes.",
                               diff: nil, draftArticle: nil, location: nil, note: "Add USMCA Article 19.3.")
        doc.pillars[0].suggestions = [redline]
        doc.pillars[3].suggestions = [whole]
        return doc
    }

    static var report: Report { Fixtures.report([verdict()]) }

    @Test func htmlMarksStruckAndAddedWordsAndEscapesThem() throws {
        let html = HTMLReport.render(Self.report, references: try Fixtures.baselineReferences())
        #expect(html.contains("What to change"))
        #expect(html.contains("<del>"), "struck words")
        #expect(html.contains("<ins>"), "added words")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;b&gt;bold&lt;/b&gt;") && !html.contains("<b>bold"))
        #expect(html.contains("USMCA 19.11.1 words it &lt;so&gt;."))
        #expect(html.contains("<ins>1. No Party shall impose customs duties.<br>2. For greater certainty, &lt;internal&gt; taxes.</ins>"))
        #expect(html.contains("del{") && html.contains("ins{"), "tracked-change styling")
    }

    @Test func textShowsRemovedAndAddedWordsAsLines() throws {
        let text = TextReport.render(Self.report, color: false)
        #expect(text.contains("what to change (the level, allow-instead-of-not-restrict): replace with USMCA 19.11.1 at ARTICLE 14.11"))
        #expect(text.contains("        - Each Party shall <script>alert(1)</script> allow & \"transfer\" | *data* `x`."), "\(text)")
        #expect(text.contains("        + No Party shall prohibit or restrict the cross-border transfer of information. <b>bold</b>"), "\(text)")
        #expect(text.contains("        + 1. No Party shall impose customs duties.\n        + 2. For greater certainty, <internal> taxes.\n"), "\(text)")
        // Terminal control characters in a suggestion are escaped like any document text.
        var doc = Self.verdict()
        doc.pillars[0].suggestions?[0].note = "bad \u{1B}[31m note"
        #expect(!TextReport.render(Fixtures.report([doc]), color: false).contains("\u{1B}[31m"))
    }

    @Test func markdownStrikesAndEmboldensEscapedWords() throws {
        let md = MarkdownReport.render(Self.report, references: try Fixtures.baselineReferences())
        #expect(md.contains("**What to change**"))
        #expect(md.contains("~~Each Party shall &lt;script&gt;alert(1)&lt;/script&gt; allow &amp; \"transfer\" \\| \\*data\\* \\`x\\`.~~"), "\(md)")
        #expect(md.contains("**No Party shall prohibit or restrict the cross-border transfer of information. &lt;b&gt;bold&lt;/b&gt;**"))
        // The absent pillar has no quote but still gets its section with the proposal.
        #expect(md.contains("### customs-duties: absent (0)"))
    }

    @Test func jsonCarriesSuggestionsWithoutRenamingAnyField() throws {
        let json = try JSONReport.render(Self.report)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let docs = try #require(obj["documents"] as? [[String: Any]])
        let pillars = try #require(docs.first?["pillars"] as? [[String: Any]])
        let flows = try #require(pillars.first)
        for key in ["id", "level", "score", "evidence", "limitations", "deviations"] { #expect(flows[key] != nil, "\(key)") }
        let s = try #require((flows["suggestions"] as? [[String: Any]])?.first)
        #expect(s["baseline"] as? String == "usmca")
        #expect(s["article"] as? String == "19.11.1")
        #expect((s["text"] as? String)?.hasPrefix("No Party shall prohibit") == true)
        let diff = try #require(s["diff"] as? [[String: Any]])
        #expect(diff.contains { $0["kind"] as? String == "removed" } && diff.contains { $0["kind"] as? String == "added" })
        #expect(s["action"] as? String == "replace")
    }

    @Test(.needsSharedCorpus) func sarifFixReplacesTheClauseRegionAndValidates() throws {
        var doc = Self.verdict()
        doc.format = "markdown"
        // Line 120 holds a paragraph number, then the clause: the region starts after it.
        let lines: SourceLineReader = { path, line in path == Fixtures.file && line == 120 ? "1. " + Self.hostile : nil }
        let out = try SARIFReport.render(Fixtures.report([doc]), lines: lines)
        #expect(try SARIFReport.render(Self.report, lines: lines).contains("\"fixes\"") == false, "no fix in an XML file's line")
        #expect(try SARIFReport.render(Fixtures.report([doc])).contains("\"fixes\"") == false, "no fix without the line")
        let log = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let results = try #require(((log["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        let withFix = results.filter { $0["fixes"] != nil }
        // The level's redline and the deviation it also answers; the inserted article has no region.
        #expect(withFix.count == 1, "\(withFix.map { $0["ruleId"] ?? "" })")
        let fix = try #require((withFix.first?["fixes"] as? [[String: Any]])?.first)
        let change = try #require((fix["artifactChanges"] as? [[String: Any]])?.first)
        let replacement = try #require((change["replacements"] as? [[String: Any]])?.first)
        let region = try #require(replacement["deletedRegion"] as? [String: Any])
        #expect(region["startLine"] as? Int == 120 && region["startColumn"] as? Int == 4)
        #expect(region["endColumn"] as? Int == 4 + Self.hostile.utf16.count)
        #expect((region["snippet"] as? [String: Any])?["text"] as? String == Self.hostile)
        #expect((replacement["insertedContent"] as? [String: Any])?["text"] as? String == Self.baseline + " <b>bold</b>")
        guard let schema = SharedCorpus.schema("sarif-schema-2.1.0.json") else { return }
        guard let errors = SchemaValidator.validate(json: out, schemaPath: schema) else { return }
        #expect(errors.isEmpty, "\(errors)")
    }
}
