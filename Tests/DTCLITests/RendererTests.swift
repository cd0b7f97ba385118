import DTGrading
import DTIngest
import DTModel
@testable import DTReports
import DTRules
import DTTestSupport
import Foundation
import Testing

@Suite struct TextAndMarkdownRendererTests {
    @Test func textShowsLevelsEvidenceFindingsAndErrors() {
        let out = TextReport.render(Fixtures.report(), color: false)
        #expect(out.contains("binding-qualified  score 62"))
        #expect(out.contains("ARTICLE 14.11 — Cross-Border Transfer"))
        #expect(out.contains("drafts/draft <A&B>.xml:120:7"))
        #expect(out.contains("limitation domestic-law"))
        #expect(out.contains("(vs USMCA 19.11, UJDTA 11)"))
        #expect(out.contains("deviation shall-allow"))
        #expect(out.contains("sectoral financial-transfers"))
        #expect(out.contains("        at ARTICLE 14.11  drafts/draft <A&B>.xml:120:7\n"))
        #expect(out.contains("error: drafts/broken.xml:12:5: malformed XML: tag mismatch"))
        #expect(out.hasSuffix("3 documents: 1 assessed, 1 not assessed, 1 error; pillars: 1 baseline, 1 binding-qualified, 1 soft, 1 absent\n"))
        #expect(!out.contains("\u{1B}["))
    }

    @Test func textColourOnlyWhenAsked() {
        #expect(TextReport.render(Fixtures.report(), color: true).contains("\u{1B}[1;32mbaseline\u{1B}[0m"))
    }

    @Test func longQuotesAreTrimmedAtAWord() {
        let long = String(repeating: "word ", count: 100)
        let t = Trim.quote(long, limit: 50)
        #expect(t.count <= 52)
        #expect(t.hasSuffix(" …"))
    }

    @Test func markdownHasTableAndDetails() throws {
        let out = MarkdownReport.render(Fixtures.report(), references: try Fixtures.baselineReferences())
        #expect(out.contains("| pillar | level | score | articles | limitations |"))
        #expect(out.contains("| data-flows | binding-qualified | 62 | ARTICLE 14.11 | domestic-law |"))
        #expect(out.contains("**Limitation** `domestic-law`"))
        // The baseline articles, from rules/baselines/*.yml.
        #expect(out.contains("Measured against USMCA 19.11, UJDTA 11."))
        #expect(out.contains("> **error:** `drafts/broken.xml:12:5: malformed XML: tag mismatch`"))
        // Quoted clauses cannot inject HTML into a PR comment.
        #expect(!out.contains("<script>"))
        #expect(out.contains("&lt;script&gt;"))
    }
}

@Suite struct HTMLRendererTests {
    @Test func htmlEscapesAndLinksFindingsToQuotes() throws {
        let out = HTMLReport.render(Fixtures.report(), references: try Fixtures.baselineReferences())
        #expect(out.contains("<li>Covers personal information explicitly</li>"))
        #expect(!out.contains("<script>"))
        #expect(out.contains("&lt;script&gt;"))
        #expect(out.contains("Agreement between A, B &amp; &quot;C&quot;"))
        // Every href="#x" has a matching id="x".
        let hrefs = matches(of: ##"href="#([^"]+)""##, in: out)
        #expect(!hrefs.isEmpty)
        for h in hrefs { #expect(out.contains("id=\"\(h)\""), "dangling link #\(h)") }
        #expect(out.contains("<a href=\"#doc0-data-flows-q0\">ARTICLE 14.11</a>"))
        #expect(out.contains("USMCA 19.12, UJDTA 12, UJDTA 13"))
        #expect(out.contains("@media print"))
        #expect(out.contains("class=\"finding limitation\""))
        #expect(!out.contains("<script"))
        #expect(!out.contains("src="))
    }

    @Test func surveyHTMLHasHeatMapAndTimeline() {
        let survey = Survey(tool: ToolInfo(version: "t"), baselines: BaselineID.allCases, pillars: PillarID.allCases,
                            documents: [Fixtures.verdict(), Fixtures.broken, Fixtures.spanish])
        let out = SurveyHTML.render(survey)
        #expect(out.contains("<svg"))
        #expect(out.contains("<title>2019: 1 baseline</title>"))
        #expect(out.contains("class=\"heat\""))
        #expect(!out.contains("http://") && !out.contains("https://"))
    }

    func matches(of pattern: String, in s: String) -> [String] {
        guard let re = try? NSRegularExpression(pattern: pattern) else { return [] }
        return re.matches(in: s, range: NSRange(s.startIndex..., in: s)).compactMap {
            Range($0.range(at: 1), in: s).map { String(s[$0]) }
        }
    }
}

@Suite struct MachineFormatTests {
    @Test func csvQuotesFieldsAndHasOneRowPerPillar() {
        let out = CSVReport.render(Fixtures.report())
        let rows = out.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.first == #""path","status","title","date_signed","pillar","level","score","articles","limitations","deviations","proposed_level","proposed_score","weakest_level","weakest_score","original_level","original_score","open_brackets""#)
        // 4 pillars + 1 error row + 4 not-assessed pillars.
        #expect(rows.count == 1 + 4 + 1 + 4)
        #expect(rows[1] == #""drafts/draft <A&B>.xml","assessed","Agreement between A, B & ""C""","2019-10-07","data-flows","binding-qualified",62,"ARTICLE 14.11","domestic-law","shall-allow","","","","","","","""#)
        // A line break inside a cell is shown, so every record is one line.
        #expect(Escape.csvField("a\nb") == #""a\u{A}b""#)
    }

    /// #16: a bracketed draft's row carries its proposed and weakest states and the
    /// count of open brackets; a final text leaves those cells empty.
    @Test func csvCarriesDraftStates() throws {
        let rules = try ProjectRuleSet.require()
        let draft = Grader(rules: rules).grade(try DocumentLoader.load(bytes: Array("""
            ## Article 5: Location of Computing Facilities

            [No Party shall require a covered person to use or locate computing facilities in that Party's territory as a condition for conducting business in that territory.] [US propose; VN oppose]
            """.utf8), path: "draft.md"))
        let agreed = Grader(rules: rules).grade(try DocumentLoader.load(bytes: Array("""
            ## Article 5: Location of Computing Facilities

            No Party shall require a covered person to use or locate computing facilities in that Party's territory as a condition for conducting business in that territory.
            """.utf8), path: "final.md"))
        let header = CSVReport.header
        func cells(_ doc: DocumentVerdict) -> [String: String] {
            let row = CSVReport.rows(doc).components(separatedBy: "\r\n").first { $0.contains(#""localization""#) } ?? ""
            // The parser marks quoted cells `q:`: text and empty cells are quoted, numbers bare.
            let fields = HostileCSVTests.parse(row + "\r\n").first ?? []
            #expect(fields.count == header.count)
            return Dictionary(uniqueKeysWithValues: zip(header, fields))
        }
        let d = cells(draft)
        let p = try #require(draft.pillar(.localization))
        #expect(d["level"] == "q:absent")
        #expect(d["proposed_level"] == "q:baseline" && d["proposed_score"] == p.proposed.map { String($0.score) })
        #expect(d["weakest_level"] == "q:absent" && d["weakest_score"] == p.weakest.map { String($0.score) })
        #expect(d["original_level"] == "q:" && d["original_score"] == "q:")
        #expect(d["open_brackets"] == "1")
        let a = cells(agreed)
        #expect(a["level"] == "q:baseline")
        for column in ["proposed_level", "proposed_score", "weakest_level", "weakest_score", "original_level", "original_score", "open_brackets"] {
            #expect(a[column] == "q:", "\(column)")
        }
    }

    /// #16: a state that rests on proposals accepted together names each of them.
    @Test func combinedStateNamesEveryProposal() throws {
        let rules = try RuleSet.load(directory: SharedCorpus.packageRoot.appendingPathComponent("rules").path)
        let draft = Grader(rules: rules).grade(try DocumentLoader.load(bytes: Array("""
            ## Article 4: Cross-Border Transfer of Information by Electronic Means

            No Party shall [AU/JP propose: prohibit or restrict] the [SG propose: cross-border transfer of information, including personal information, by electronic means] if this activity is for the conduct of the business of a covered person.
            """.utf8), path: "draft.md"))
        let p = try #require(draft.pillar(.dataFlows))
        let line = try #require(DraftLines.states(p))
        #expect(line.hasPrefix("agreed absent 0 · proposed baseline 100 (AU/JP propose + SG propose) · weakest absent 0"))
        // One bracket's state names that bracket alone, as before.
        var single = p
        single.proposed?.together = nil
        #expect(DraftLines.states(single)?.contains("proposed baseline 100 (SG propose)") == true)
    }

    /// #16: a redline that weakens what a proposal would give, while the agreed text
    /// stands still, is not reported as "no pillar got weaker" alone.
    @Test func compareSaysWhenOnlyTheProposalsGotWeaker() throws {
        let rules = try RuleSet.load(directory: SharedCorpus.packageRoot.appendingPathComponent("rules").path)
        func grade(_ exception: String) throws -> DocumentVerdict {
            Grader(rules: rules).grade(try DocumentLoader.load(bytes: Array("""
                ## Article 5: Location of Computing Facilities

                1. [No Party shall require a covered person to use or locate computing facilities in that Party's territory as a condition for conducting business in that territory.] [US propose; VN oppose]

                2. Nothing in this Article shall prevent a Party from adopting or maintaining measures inconsistent with paragraph 1 \(exception)to achieve a legitimate public policy objective.
                """.utf8), path: "draft.md"))
        }
        let c = Comparison(tool: ToolInfo(version: "t"), old: try grade(""), new: try grade("that it considers necessary "),
                           pillars: PillarID.allCases)
        #expect(!c.regression)
        let text = CompareReport.text(c, color: false)
        #expect(text.contains("result: no pillar got weaker\nbut weaker in the proposals: localization proposed "))
        #expect(CompareReport.markdown(c).contains("**But weaker in the proposals:** localization proposed "))
        // Two identical drafts: nothing more to say.
        let same = Comparison(tool: ToolInfo(version: "t"), old: try grade(""), new: try grade(""), pillars: PillarID.allCases)
        #expect(!CompareReport.text(same, color: false).contains("weaker in the proposals"))
    }

    /// #16: the tracked-change line when only the proposed state moved.
    @Test func trackedLineWhenOnlyAProposalMoved() {
        var p = PillarVerdict(id: .localization, level: .absent, score: 0, rule: nil, evidence: [], limitations: [],
                              deviations: [], sectoral: [], summary: "")
        p.original = StateLevel(level: .absent, score: 0, brackets: [])
        p.proposed = StateLevel(level: .bindingQualified, score: 75, brackets: [0])
        p.weakest = StateLevel(level: .absent, score: 0, brackets: [])
        #expect(DraftLines.tracked(p) == nil)
        p.originalProposed = StateLevel(level: .baseline, score: 98, brackets: [])
        p.originalWeakest = StateLevel(level: .absent, score: 0, brackets: [])
        p.changes = [ChangeRef(kind: "insertion", author: "B", date: "2026-05-06T09:00:00Z", article: "Article 9.12",
                               words: "that it considers necessary", file: "d.docx", line: 4)]
        #expect(DraftLines.tracked(p) == "tracked changes: localization agreed absent 0 unchanged, proposed baseline 98 → binding-qualified 75 "
            + "(B, 2026-05-06, Article 9.12: inserted “that it considers necessary”)")
    }

    /// #16: a draft with brackets and tracked changes says once what its levels are.
    @Test func draftSummaryWithBracketsAndTrackedChanges() {
        var d = DraftInfo(brackets: 2, comments: [], placeholders: 0, warnings: [])
        #expect(DraftLines.summary(d) == "draft: 2 negotiation brackets; levels are agreed text only")
        d.trackedChanges = 3
        #expect(DraftLines.summary(d) == "draft: 2 negotiation brackets, 3 tracked changes; levels are agreed text only, with every tracked change accepted")
        d.brackets = 0
        #expect(DraftLines.summary(d) == "draft: 0 negotiation brackets, 3 tracked changes; levels are with every tracked change accepted")
    }

    @Test func junitFailsGatedPillarsAndErrorsBrokenDocuments() {
        let out = JUnitReport.render(Fixtures.report(), gate: Gate(failUnder: .bindingQualified, minScore: nil))
        #expect(out.contains("<testsuites name=\"dtcheck\" tests=\"9\" failures=\"2\" errors=\"1\" skipped=\"4\">"))
        #expect(out.contains("<testsuite name=\"drafts/draft &lt;A&amp;B&gt;.xml\""))
        #expect(out.contains("<failure message=\"level soft is below binding-qualified\""))
        #expect(out.contains("<error message=\"drafts/broken.xml:12:5: malformed XML: tag mismatch\""))
        #expect(out.contains("<skipped message=\"not assessed\"/>"))
    }

    @Test func gateIgnoresNotAssessedDocuments() {
        let gate = Gate(failUnder: .baseline, minScore: 100)
        #expect(!gate.fails([Fixtures.spanish, Fixtures.broken]))
        #expect(gate.fails([Fixtures.verdict()]))
        #expect(!Gate(failUnder: .absent, minScore: 0).fails([Fixtures.verdict()]))
    }

    @Test func jsonIsDeterministicAndCarriesTheContract() throws {
        let a = try JSONReport.render(Fixtures.report())
        let b = try JSONReport.render(Fixtures.report())
        #expect(a == b)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(a.utf8)) as? [String: Any])
        #expect(obj["schemaVersion"] as? String == "1.0")
        let docs = try #require(obj["documents"] as? [[String: Any]])
        let pillars = try #require(docs.first?["pillars"] as? [[String: Any]])
        let evidence = try #require(pillars.first?["evidence"] as? [[String: Any]])
        #expect(evidence.first?["article"] as? String == "ARTICLE 14.11")
        #expect(a.contains("\"path\" : \"drafts/draft <A&B>.xml\""))
    }
}

@Suite struct SARIFRendererTests {
    func results(_ sarif: String) throws -> [[String: Any]] {
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        let runs = try #require(obj["runs"] as? [[String: Any]])
        return try #require(runs.first?["results"] as? [[String: Any]])
    }

    func fingerprints(_ sarif: String) throws -> [String] {
        try results(sarif).compactMap { ($0["partialFingerprints"] as? [String: String])?["dtcheck/v1"] }
    }

    @Test func fingerprintsSurviveLineChanges() throws {
        let before = try SARIFReport.render(Fixtures.report([Fixtures.verdict()]))
        let after = try SARIFReport.render(Fixtures.report([Fixtures.verdict(lineShift: 37)]))
        #expect(before != after, "line numbers should differ")
        let fb = try fingerprints(before), fa = try fingerprints(after)
        #expect(fb.count == 4 + 3)
        #expect(fb == fa)
        #expect(Set(fb).count == fb.count, "fingerprints are distinct")
    }

    @Test func levelsAndRulesFollowTheDocumentedMapping() throws {
        let out = try SARIFReport.render(Fixtures.report(), rules: ["localization.binding-ban": RuleMetadata(
            shortDescription: "Binding ban on localization", helpUri: "rules/localization.yml")], baseDirectory: "drafts")
        let rs = try results(out)
        func level(_ rule: String) -> String? { rs.first { $0["ruleId"] as? String == rule }?["level"] as? String }
        #expect(level("localization.binding-ban") == "note")
        #expect(level("data-flows.binding-allow") == "warning")
        #expect(level("source-code.recognise") == "warning")
        #expect(level("customs-duties.absent") == "note")
        #expect(level("data-flows.domestic-law") == "warning")
        #expect(level("data-flows.shall-allow") == "note")
        #expect(out.contains("\"text\" : \"Binding ban on localization\""))
        #expect(out.contains("\"helpUri\" : \"rules/localization.yml\""))
        #expect(out.contains("\"uri\" : \"draft%20%3CA&B%3E.xml\""))
        #expect(out.contains("\"startLine\" : 120"))
        #expect(out.contains("\"executionSuccessful\" : false"))
    }

    @Test(.needsSharedCorpus) func sarifValidatesAgainstTheSchema() throws {
        guard let schema = SharedCorpus.schema("sarif-schema-2.1.0.json") else { return }
        let out = try SARIFReport.render(Fixtures.report())
        guard let errors = SchemaValidator.validate(json: out, schemaPath: schema) else { return }
        #expect(errors.isEmpty, "\(errors)")
    }
}

@Suite struct ComparisonTests {
    @Test func weakerDraftIsARegression() throws {
        let old = Fixtures.verdict()
        var new = Fixtures.verdict(lineShift: 5)
        new.pillars[1].level = .bindingQualified
        new.pillars[1].score = 70
        new.pillars[1].limitations = [Finding(id: "localization-exception", kind: .limitation, rule: "localization.exception",
                                              message: "exception", baselines: [BaselineCitation(baseline: .usmca, article: "19.12")],
                                              evidence: nil, fingerprint: "x")]
        new.pillars[1].evidence[0].quote += " Notwithstanding paragraph 2, a Party may adopt measures."
        let c = Comparison(tool: ToolInfo(version: "t"), old: old, new: new, pillars: PillarID.allCases)
        #expect(c.regression)
        let loc = try #require(c.pillars.first { $0.id == .localization })
        #expect(loc.regression)
        #expect(loc.limitationsAdded == ["localization-exception"])
        #expect(loc.articles.count == 1)
        #expect(loc.articles.first?.quotesAdded.count == 1 && loc.articles.first?.quotesRemoved.count == 1)
        // Moving text down the file is not a change.
        #expect(c.pillars.first { $0.id == .dataFlows }?.articles.isEmpty == true)
        #expect(CompareReport.text(c, color: false).contains("localization   baseline 100 → binding-qualified 70  REGRESSION"))
        #expect(CompareReport.markdown(c).contains("| localization | baseline 100 | binding-qualified 70 | **REGRESSION** |"))
        #expect(CompareReport.csv(c).contains(#""localization","baseline",100,"binding-qualified",70,"true","localization-exception","","ARTICLE 14.13""#))
        #expect(CompareReport.junit(c).contains("type=\"regression\""))
        #expect(CompareReport.html(c).contains("limitation added"))
    }

    @Test func sameDraftIsNoRegression() {
        let c = Comparison(tool: ToolInfo(version: "t"), old: Fixtures.verdict(), new: Fixtures.verdict(), pillars: PillarID.allCases)
        #expect(!c.regression)
        #expect(c.pillars.allSatisfy { $0.articles.isEmpty })
    }
}
