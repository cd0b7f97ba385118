import DTGrading
import DTRules

/// One document in a survey: metadata, the four levels and the overall score.
public struct SurveyRow: Codable, Sendable, Equatable {
    public var path: String
    public var status: DocumentStatus
    public var title: String?
    public var dateSigned: String?
    public var parties: [String]
    /// Level per pillar id; pillars not graded are missing.
    public var levels: [String: Level]
    public var scores: [String: Int]
    public var overallScore: Int?
    public var error: String?

    public init(_ doc: DocumentVerdict) {
        path = doc.path
        status = doc.status
        title = doc.title
        dateSigned = doc.dateSigned
        parties = doc.parties
        levels = Dictionary(doc.pillars.map { ($0.id.rawValue, $0.level) }, uniquingKeysWith: { a, _ in a })
        scores = Dictionary(doc.pillars.map { ($0.id.rawValue, $0.score) }, uniquingKeysWith: { a, _ in a })
        overallScore = doc.overallScore
        error = doc.error.map { _ in LocationText.error(doc) }
    }

    /// The year signed when the date starts with four digits.
    public var year: Int? {
        guard let d = dateSigned, d.count >= 4, let y = Int(d.prefix(4)) else { return nil }
        return y
    }
}

/// `dtcheck survey`: the envelope for JSON and the source for every survey format.
public struct Survey: Codable, Sendable, Equatable {
    public var schemaVersion: String
    public var tool: ToolInfo
    public var baselines: [BaselineID]
    public var pillars: [PillarID]
    public var documents: [SurveyRow]
    public var summary: ReportSummary

    public init(tool: ToolInfo, baselines: [BaselineID], pillars: [PillarID], documents: [DocumentVerdict]) {
        schemaVersion = Report.currentSchemaVersion
        self.tool = tool
        self.baselines = baselines
        self.pillars = pillars
        self.documents = documents.map(SurveyRow.init)
        summary = ReportSummary(documents: documents)
    }
}

public enum SurveyReport {
    public static func json(_ survey: Survey) throws -> String { try JSONOutput.encode(survey) }

    public static func csv(_ survey: Survey) -> String {
        var out = Escape.csvRow(["path", "status", "title", "date_signed", "parties"]
            + survey.pillars.map(\.rawValue) + ["overall_score"])
        for r in survey.documents {
            out += Escape.csvRow([r.path, r.status.rawValue, r.title ?? "", r.dateSigned ?? "", r.parties.joined(separator: ";")]
                + survey.pillars.map { r.levels[$0.rawValue]?.rawValue ?? "" } + [r.overallScore.map(String.init) ?? ""])
        }
        return out
    }

    /// Fixed-width columns: level names abbreviated so a row fits a terminal.
    public static func text(_ survey: Survey) -> String {
        let abbrev: [Level: String] = [.baseline: "BASE", .bindingQualified: "BQ", .soft: "soft", .absent: "-", .notAssessed: "n/a"]
        func pad(_ s: String, _ n: Int) -> String {
            s.count >= n ? String(s.prefix(n - 1)) + " " : s.padding(toLength: n, withPad: " ", startingAt: 0)
        }
        var out = pad("date", 11) + pad("title", 36) + survey.pillars.map { pad($0.rawValue, 15) }.joined() + "score\n"
        for r in survey.documents {
            out += pad(r.dateSigned ?? "", 11) + pad(r.title ?? r.path, 36)
            if r.status == .error {
                out += "error: " + (r.error ?? "") + "\n"
                continue
            }
            out += survey.pillars.map { pad(r.levels[$0.rawValue].map { abbrev[$0] ?? $0.rawValue } ?? "", 15) }.joined()
            out += (r.overallScore.map(String.init) ?? "") + "\n"
        }
        let s = survey.summary
        out += "\(s.documents) document\(s.documents == 1 ? "" : "s"): \(s.assessed) assessed, \(s.notAssessed) not assessed, "
            + "\(s.errors) error\(s.errors == 1 ? "" : "s")"
            + " (BASE = baseline, BQ = binding-qualified, - = absent)\n"
        return out
    }
}
