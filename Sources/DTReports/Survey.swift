import DTGrading
import DTRules

/// One document in a survey: metadata, the four levels and the overall score.
public struct SurveyRow: Codable, Sendable, Equatable {
    public var path: String
    /// The path with the folder all rows share cut off (`pta_12.xml`, `tpp/ch14.md`):
    /// what tells two rows of the same title apart in a table.
    public var id: String
    public var status: DocumentStatus
    public var title: String?
    public var dateSigned: String?
    public var parties: [String]
    /// Level per pillar id; pillars not graded are missing.
    public var levels: [String: Level]
    public var scores: [String: Int]
    public var overallScore: Int?
    public var error: String?

    public init(_ doc: DocumentVerdict, id: String? = nil) {
        path = doc.path
        self.id = id ?? doc.path
        status = doc.status
        title = doc.title
        dateSigned = doc.dateSigned
        parties = doc.parties
        levels = Dictionary(doc.pillars.map { ($0.id.rawValue, $0.level) }, uniquingKeysWith: { a, _ in a })
        scores = Dictionary(doc.pillars.map { ($0.id.rawValue, $0.score) }, uniquingKeysWith: { a, _ in a })
        overallScore = doc.overallScore
        error = doc.error.map { _ in LocationText.error(doc) }
    }

    /// Some pillar above `absent`: the agreement has a digital-trade provision.
    public var hasProvision: Bool { levels.values.contains { $0 > .absent } }

    /// The year signed when the date starts with four digits.
    public var year: Int? {
        guard let d = dateSigned, d.count >= 4, let y = Int(d.prefix(4)) else { return nil }
        return y
    }
}

/// The order of a survey's rows.
public enum SurveySort: String, Codable, Sendable, CaseIterable {
    /// As given (paths sorted, as every batch).
    case path
    /// Oldest first; undated last.
    case date
    /// Highest overall score first; not assessed and errors last.
    case score
    /// By title (then path), the file's name where there is no title.
    case title
}

/// `dtcheck survey`: the envelope for JSON and the source for every survey format.
public struct Survey: Codable, Sendable, Equatable {
    public var schemaVersion: String
    public var tool: ToolInfo
    public var baselines: [BaselineID]
    public var pillars: [PillarID]
    /// The rows shown, filtered and sorted.
    public var documents: [SurveyRow]
    /// Every document read, shown or not.
    public var summary: ReportSummary
    /// Per pillar, how many of the rows shown were assessed at each level (`pillarTotals["data-flows"]["soft"]`).
    public var pillarTotals: [String: [String: Int]]
    public var sort: SurveySort
    /// True when only documents with some pillar above `absent` are shown (`--only-present`).
    public var onlyPresent: Bool

    public init(tool: ToolInfo, baselines: [BaselineID], pillars: [PillarID], documents: [DocumentVerdict],
                sort: SurveySort = .path, onlyPresent: Bool = false) {
        schemaVersion = Report.currentSchemaVersion
        self.tool = tool
        self.baselines = baselines
        self.pillars = pillars
        self.sort = sort
        self.onlyPresent = onlyPresent
        let ids = Self.shortIDs(documents.map(\.path))
        var rows = zip(documents, ids).map { SurveyRow($0, id: $1) }
        if onlyPresent { rows = rows.filter(\.hasProvision) }
        self.documents = Self.sorted(rows, by: sort)
        summary = ReportSummary(documents: documents)
        var totals: [String: [String: Int]] = [:]
        for r in rows where r.status == .assessed {
            for p in pillars { if let l = r.levels[p.rawValue] { totals[p.rawValue, default: [:]][l.rawValue, default: 0] += 1 } }
        }
        pillarTotals = totals
    }

    /// Paths with the longest folder prefix they all share removed (the file name alone for one file).
    static func shortIDs(_ paths: [String]) -> [String] {
        let parts = paths.map { $0.split(separator: "/", omittingEmptySubsequences: false).map(String.init) }
        guard var common = parts.first.map({ Array($0.dropLast()) }) else { return [] }
        for p in parts.dropFirst() {
            let folders = p.dropLast()
            var n = 0
            while n < common.count, n < folders.count, common[n] == folders[n] { n += 1 }
            common = Array(common.prefix(n))
        }
        return parts.map { $0.dropFirst(common.count).joined(separator: "/") }
    }

    static func sorted(_ rows: [SurveyRow], by sort: SurveySort) -> [SurveyRow] {
        // Stable: ties keep the input (path) order.
        let indexed = Array(rows.enumerated())
        func title(_ r: SurveyRow) -> String { (r.title ?? r.id).lowercased() }
        let ordered: [(offset: Int, element: SurveyRow)]
        switch sort {
        case .path: return rows
        case .date:
            ordered = indexed.sorted { a, b in
                switch (a.element.dateSigned, b.element.dateSigned) {
                case let (x?, y?) where x != y: return x < y
                case (nil, _?): return false
                case (_?, nil): return true
                default: return a.offset < b.offset
                }
            }
        case .score:
            ordered = indexed.sorted { a, b in
                let x = a.element.overallScore ?? -1, y = b.element.overallScore ?? -1
                return x != y ? x > y : a.offset < b.offset
            }
        case .title:
            ordered = indexed.sorted { a, b in
                let x = title(a.element), y = title(b.element)
                return x != y ? x < y : a.offset < b.offset
            }
        }
        return ordered.map(\.element)
    }

    /// The per-pillar count at `level` among the rows shown.
    public func total(_ pillar: PillarID, _ level: Level) -> Int { pillarTotals[pillar.rawValue]?[level.rawValue] ?? 0 }
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

    static let abbreviations: [Level: String] = [.baseline: "BASE", .bindingQualified: "BQ", .soft: "soft", .absent: "-", .notAssessed: "n/a"]

    /// Fixed-width columns: level names abbreviated so a row fits a terminal; the
    /// file column (`id`) tells apart rows of the same title; per-pillar totals close the table.
    public static func text(_ survey: Survey) -> String {
        func pad(_ s: String, _ n: Int) -> String {
            s.count >= n ? String(s.prefix(n - 2)) + "… " : s.padding(toLength: n, withPad: " ", startingAt: 0)
        }
        // Titles, paths and errors come from the files: `shown` shows their control characters.
        let idWidth = min(40, max(5, survey.documents.map { shown($0.id).count }.max() ?? 0) + 1)
        // A long path is cut at its start: the file name is what tells rows apart.
        func file(_ id: String) -> String {
            id.count < idWidth ? id : "…" + String(id.suffix(idWidth - 2))
        }
        let titleWidth = 36
        var out = pad("date", 11) + pad("file", idWidth) + pad("title", titleWidth) + survey.pillars.map { pad($0.rawValue, 15) }.joined() + "score\n"
        for r in survey.documents {
            out += pad(shown(r.dateSigned ?? ""), 11) + pad(file(shown(r.id)), idWidth) + pad(shown(r.title ?? ""), titleWidth)
            if r.status == .error {
                out += "error: " + shown(r.error ?? "") + "\n"
                continue
            }
            out += survey.pillars.map { pad(r.levels[$0.rawValue].map { abbreviations[$0] ?? $0.rawValue } ?? "", 15) }.joined()
            out += (r.overallScore.map(String.init) ?? "") + "\n"
        }
        // Totals: one line per level, a count per pillar.
        for level in Level.allCases.reversed() where survey.pillars.contains(where: { survey.total($0, level) > 0 }) {
            out += pad("", 11) + pad("", idWidth) + pad("total \(level.rawValue)", titleWidth)
                + survey.pillars.map { pad(String(survey.total($0, level)), 15) }.joined() + "\n"
        }
        let s = survey.summary
        out += "\(s.documents) document\(s.documents == 1 ? "" : "s"): \(s.assessed) assessed, \(s.notAssessed) not assessed, "
            + "\(s.errors) error\(s.errors == 1 ? "" : "s")"
        if survey.onlyPresent {
            out += "; \(survey.documents.count) with a provision on some pillar shown (--only-present)"
        }
        out += " (BASE = baseline, BQ = binding-qualified, soft, - = absent; totals count the rows shown)\n"
        return out
    }
}
