import DTGrading
import DTReports
import DTRules
import DTTestSupport
import Foundation
import Testing

/// `survey` for an analyst (#19): a file column, full titles in HTML, per-pillar
/// totals, `--sort`, `--only-present`, a timeline in shares with its unit, and a
/// heat map that starts with the agreements having a provision.
@Suite struct SurveyReadingTests {
    /// An assessed agreement with every pillar at `level` (score from the level's top).
    static func agreement(_ path: String, title: String?, date: String?, level: Level) -> DocumentVerdict {
        let pillars = PillarID.allCases.map {
            PillarVerdict(id: $0, level: level, score: level.scoreRange.upperBound, rule: nil, evidence: [], limitations: [],
                          deviations: [], sectoral: [], summary: "")
        }
        return DocumentVerdict(path: path, status: .assessed, format: "tota", language: "en", title: title, dateSigned: date,
                               parties: [], pillars: pillars, overallScore: level.scoreRange.upperBound, summary: "", error: nil)
    }

    static let tpp1 = agreement("corpus/tota/a/pta_310.xml", title: "Trans-Pacific Strategic Economic Partnership Agreement (P4)",
                                date: "2005-07-18", level: .absent)
    static let tpp2 = agreement("corpus/tota/b/pta_311.xml", title: "Trans-Pacific Partnership Agreement (TPP)",
                                date: "2016-02-04", level: .bindingQualified)
    static let usmca = agreement("corpus/tota/b/pta_400.xml", title: "Agreement between the United States of America, the United Mexican States, and Canada",
                                 date: "2018-11-30", level: .baseline)
    static let docs = [tpp1, tpp2, usmca, Fixtures.broken]

    static func survey(sort: SurveySort = .path, onlyPresent: Bool = false) -> Survey {
        Survey(tool: ToolInfo(version: "t"), baselines: BaselineID.allCases, pillars: PillarID.allCases, documents: docs,
               sort: sort, onlyPresent: onlyPresent)
    }

    @Test func textHasAFileColumnThatTellsRowsApart() {
        let s = Self.survey()
        // The folder all paths share (here only `/`-less relative roots differ) is cut off.
        #expect(s.documents.map(\.id) == ["corpus/tota/a/pta_310.xml", "corpus/tota/b/pta_311.xml", "corpus/tota/b/pta_400.xml", "drafts/broken.xml"])
        let tota = Survey(tool: ToolInfo(version: "t"), baselines: BaselineID.allCases, pillars: PillarID.allCases,
                          documents: [Self.tpp1, Self.tpp2, Self.usmca])
        #expect(tota.documents.map(\.id) == ["a/pta_310.xml", "b/pta_311.xml", "b/pta_400.xml"])
        let text = SurveyReport.text(tota)
        let header = text.components(separatedBy: "\n")[0]
        #expect(header.hasPrefix("date       file          title"), "\(header)")
        let rows = text.components(separatedBy: "\n").filter { $0.contains("Trans-Pacific") }
        #expect(rows.count == 2)
        #expect(rows[0].contains("a/pta_310.xml") && rows[1].contains("b/pta_311.xml"))
        // A cut title says it was cut.
        #expect(rows[0].contains("Trans-Pacific Strategic Economic P… "))
    }

    @Test func totalsCountEachPillarAtEachLevel() throws {
        let s = Self.survey()
        for p in PillarID.allCases {
            #expect(s.total(p, .baseline) == 1 && s.total(p, .bindingQualified) == 1 && s.total(p, .absent) == 1 && s.total(p, .soft) == 0)
        }
        let text = SurveyReport.text(s)
        let line = try #require(text.components(separatedBy: "\n").first { $0.contains("total binding-qualified") })
        #expect(line.split(separator: " ").suffix(4) == ["1", "1", "1", "1"], "\(line)")
        #expect(!text.contains("total soft"))
        let json = try SurveyReport.json(s)
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let totals = try #require(obj["pillarTotals"] as? [String: [String: Int]])
        #expect(totals["data-flows"] == ["baseline": 1, "binding-qualified": 1, "absent": 1])
        let html = SurveyHTML.render(s)
        #expect(html.contains("<h2>Totals per pillar</h2>"))
        #expect(html.contains("<td class=\"n\">1 <span class=\"meta\">(33%)</span></td>"))
    }

    @Test func sortsByDateScoreAndTitle() {
        #expect(Self.survey(sort: .date).documents.map(\.dateSigned) == ["2005-07-18", "2016-02-04", "2018-11-30", nil])
        #expect(Self.survey(sort: .score).documents.map(\.overallScore) == [100, 89, 0, nil])
        #expect(Self.survey(sort: .title).documents.map(\.id) == [
            "corpus/tota/b/pta_400.xml", "drafts/broken.xml", "corpus/tota/b/pta_311.xml", "corpus/tota/a/pta_310.xml",
        ])
        #expect(Self.survey().documents.map(\.id).first == "corpus/tota/a/pta_310.xml")
    }

    @Test func onlyPresentKeepsAgreementsWithAProvision() {
        let s = Self.survey(onlyPresent: true)
        #expect(s.documents.map(\.id) == ["corpus/tota/b/pta_311.xml", "corpus/tota/b/pta_400.xml"])
        // The summary still counts every file read; the totals count the rows shown.
        #expect(s.summary.documents == 4)
        #expect(s.total(.dataFlows, .absent) == 0)
        #expect(SurveyReport.text(s).contains("4 documents: 3 assessed, 0 not assessed, 1 error; 2 with a provision on some pillar shown (--only-present)"))
    }

    @Test func htmlShowsFullTitlesAndStartsTheHeatMapWithProvisions() throws {
        let html = SurveyHTML.render(Self.survey())
        #expect(html.contains(">Agreement between the United States of America, the United Mexican States, and Canada<span class=\"id\">corpus/tota/b/pta_400.xml</span>"))
        let heat = try #require(html.components(separatedBy: "<h2>Heat map</h2>").last)
        let first = try #require(heat.range(of: "pta_311.xml")), absent = try #require(heat.range(of: "pta_310.xml"))
        #expect(first.lowerBound < absent.lowerBound, "agreements with a provision come first")
        #expect(heat.contains("<details><summary>2 agreements with no provision on any pillar, not assessed or unreadable</summary>"))
        #expect(!html.contains("http://") && !html.contains("https://"))
    }

    @Test func timelineIsTheShareOfAgreementsPerYearWithItsUnit() {
        // Two agreements in 2016, one binding-qualified and one absent: a half-and-half bar per pillar.
        let other = Self.agreement("corpus/tota/b/pta_312.xml", title: "Other", date: "2016-05-01", level: .absent)
        let s = Survey(tool: ToolInfo(version: "t"), baselines: BaselineID.allCases, pillars: PillarID.allCases,
                       documents: [Self.tpp2, other, Self.usmca])
        let html = SurveyHTML.render(s)
        #expect(html.components(separatedBy: "% of agreements signed that year").count - 1 == PillarID.allCases.count)
        #expect(html.contains("<title>2016: 1 of 2 agreements binding-qualified (50%)</title>"))
        #expect(html.contains("<title>2016: 1 of 2 agreements absent (50%)</title>"))
        #expect(html.contains("<title>2018: 1 of 1 agreement baseline (100%)</title>"))
        #expect(html.contains(">100%</text>") && html.contains(">50%</text>") && html.contains(">0%</text>"))
        // Each bar is the full height: the chart is 160 high and the two halves are 80 each.
        #expect(html.contains("height=\"80\" fill=\"#d4a72c\""))
    }
}

/// The survey options through the built binary, on the team's drafts.
@Suite(.serialized) struct SurveyCommandTests {
    @Test func onlyPresentAndSortThroughTheBinary() throws {
        let drafts = SharedCorpus.packageRoot.appendingPathComponent("corpus/drafts")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dtcheck-survey-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let minutes = dir.appendingPathComponent("minutes.md")
        try "# Minutes\n\nThe committee met on Tuesday and agreed the agenda for the next round of talks on fisheries.\n"
            .write(to: minutes, atomically: true, encoding: .utf8)
        let files = ["baseline-draft.md", "soft-draft.md", "limitation-localization-exception.md"].map { drafts.appendingPathComponent($0).path }
        guard let all = Dtcheck.run(["survey"] + files + [minutes.path]),
              let some = Dtcheck.run(["survey", "--only-present", "--sort", "score"] + files + [minutes.path]),
              let json = Dtcheck.run(["survey", "--format", "json", "--only-present", "--sort", "score"] + files + [minutes.path]) else { return }
        #expect(all.status == 0 && some.status == 0, "\(all.stderr) \(some.stderr)")
        #expect(all.stdout.contains("minutes.md"))
        // Paths too long for the column keep their end, the file name.
        #expect(all.stdout.contains("/corpus/drafts/baseline-draft.md "), "\(all.stdout)")
        #expect(!some.stdout.contains("minutes.md"))
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let rows = try #require(obj["documents"] as? [[String: Any]])
        let scores = rows.compactMap { $0["overallScore"] as? Int }
        #expect(scores.count == 3 && scores == scores.sorted(by: >), "\(scores)")
        #expect(obj["sort"] as? String == "score" && obj["onlyPresent"] as? Bool == true)
        guard let bad = Dtcheck.run(["survey", "--sort", "size"] + files) else { return }
        #expect(bad.status == 2)
    }
}
