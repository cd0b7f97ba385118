import DTGrading
import DTModel
import DTReports
import DTRules
import DTTestSupport

/// Hand-built verdicts with the content the rule engine will produce (levels above
/// absent, evidence, limitations, deviations with baseline citations, sectoral
/// findings), so renderers are tested on realistic input before the engine lands.
enum Fixtures {
    static let file = "drafts/draft <A&B>.xml"

    /// The project's baseline articles and elements (`measures:` in rules/baselines/*.yml).
    static func baselineReferences() throws -> [PillarID: BaselineReference] {
        try ProjectRuleSet.require().baselineReferences
    }

    static func evidence(_ article: String, heading: String?, quote: String, line: Int, column: Int? = nil) -> Evidence {
        Evidence(article: article, heading: heading, paragraph: "2.", chapter: "CHAPTER 14", quote: quote, file: file,
                 location: SourceLocation(line: line, column: column, path: "/treaty/body/chapter[14]/article[11]"))
    }

    static let flowsQuote = "Each Party shall allow the cross-border transfer of information by electronic means, including personal information, when this activity is for the conduct of the business of a covered person, subject to its laws and regulations."
    static let locQuote = "No Party shall require a covered person to use or locate computing facilities in that Party's territory as a condition for conducting business in that territory."

    /// `lineShift` moves every quote down the file, as a re-paginated draft would.
    static func verdict(lineShift: Int = 0, path: String = file) -> DocumentVerdict {
        let flowsEvidence = evidence("ARTICLE 14.11", heading: "Cross-Border Transfer of Information \"by\" Electronic Means",
                                     quote: flowsQuote, line: 120 + lineShift, column: 7)
        let domesticLaw = Finding(
            id: "domestic-law", kind: .limitation, rule: "data-flows.domestic-law",
            message: "The commitment is subject to the Party's laws and regulations.",
            baselines: [BaselineCitation(baseline: .usmca, article: "19.11"), BaselineCitation(baseline: .ujdta, article: "11")],
            evidence: flowsEvidence,
            fingerprint: Fingerprint.of(rule: "data-flows.domestic-law", pillar: .dataFlows, quote: flowsQuote))
        let shallAllow = Finding(
            id: "shall-allow", kind: .deviation, rule: "data-flows.shall-allow",
            message: "\"Each Party shall allow\" instead of \"No Party shall prohibit or restrict\".",
            baselines: [BaselineCitation(baseline: .usmca, article: "19.11")], evidence: flowsEvidence,
            fingerprint: Fingerprint.of(rule: "data-flows.shall-allow", pillar: .dataFlows, quote: flowsQuote))
        let finQuote = "Each Party shall permit a financial service supplier to transfer information in electronic form, for data processing."
        let finEvidence = Evidence(article: "Article 9.10", heading: "Transfers of Information", paragraph: nil, chapter: "CHAPTER 9",
                                   quote: finQuote, file: file, location: SourceLocation(line: 80 + lineShift))
        let sectoral = Finding(id: "financial-transfers", kind: .sectoral, rule: "data-flows.sectoral-financial",
                               message: "Sectoral commitment on financial information only.", baselines: [],
                               evidence: finEvidence,
                               fingerprint: Fingerprint.of(rule: "data-flows.sectoral-financial", pillar: .dataFlows, quote: finQuote))
        let flows = PillarVerdict(id: .dataFlows, level: .bindingQualified, score: 62, rule: "data-flows.binding-allow",
                                  evidence: [flowsEvidence], limitations: [domesticLaw], deviations: [shallAllow],
                                  sectoral: [sectoral], summary: "binding, subject to domestic law")
        let loc = PillarVerdict(id: .localization, level: .baseline, score: 100, rule: "localization.binding-ban",
                                evidence: [evidence("ARTICLE 14.13", heading: "Location of Computing Facilities", quote: locQuote,
                                                    line: 160 + lineShift)],
                                limitations: [], deviations: [], sectoral: [], summary: "as strong as USMCA 19.12")
        let softQuote = "The Parties recognise the importance of not requiring the transfer of source code <script>alert(1)</script>."
        let code = PillarVerdict(id: .sourceCode, level: .soft, score: 20, rule: "source-code.recognise",
                                 evidence: [evidence("Article 14.17", heading: nil, quote: softQuote, line: 200 + lineShift)],
                                 limitations: [], deviations: [], sectoral: [], summary: "recognition only")
        let duties = PillarVerdict(id: .customsDuties, level: .absent, score: 0, rule: nil, evidence: [], limitations: [],
                                   deviations: [], sectoral: [], summary: "no provision")
        return DocumentVerdict(path: path, status: .assessed, format: "tota", language: "en",
                               title: "Agreement between A, B & \"C\"", dateSigned: "2019-10-07", parties: ["USA", "JPN"],
                               pillars: [flows, loc, code, duties], overallScore: 45, summary: "mixed", error: nil)
    }

    static let broken = DocumentVerdict(path: "drafts/broken.xml", status: .error, format: nil, language: nil, title: nil,
                                        dateSigned: nil, parties: [], pillars: [], overallScore: nil,
                                        summary: "malformed XML", error: DocumentError(message: "malformed XML: tag mismatch", line: 12, column: 5))

    static let spanish: DocumentVerdict = {
        let pillars = PillarID.allCases.map {
            PillarVerdict(id: $0, level: .notAssessed, score: 0, rule: nil, evidence: [], limitations: [], deviations: [],
                          sectoral: [], summary: "not assessed")
        }
        return DocumentVerdict(path: "tota/pta_5.xml", status: .notAssessed, format: "tota", language: "es", title: "Chile - México",
                               dateSigned: "1998-04-17", parties: ["CHL", "MEX"], pillars: pillars, overallScore: nil,
                               summary: "not assessed", error: nil)
    }()

    static func report(_ docs: [DocumentVerdict] = [verdict(), broken, spanish]) -> Report {
        Report(tool: ToolInfo(version: "0.1.0-test"), baselines: BaselineID.allCases, documents: docs)
    }
}
