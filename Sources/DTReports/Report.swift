import DTGrading
import DTRules

/// The tool that wrote a report; the version is passed in so reports stay reproducible.
public struct ToolInfo: Codable, Sendable, Equatable {
    public var name: String
    public var version: String

    public init(name: String = "dtcheck", version: String) {
        self.name = name
        self.version = version
    }
}

/// Counts over a set of documents, shown at the end of text reports and in JSON.
public struct ReportSummary: Codable, Sendable, Equatable {
    public var documents: Int
    public var assessed: Int
    public var notAssessed: Int
    public var errors: Int
    /// Pillar verdicts per level, keyed by level id (only levels that occur).
    public var levels: [String: Int]

    public init(documents: [DocumentVerdict]) {
        self.documents = 0
        assessed = 0
        notAssessed = 0
        errors = 0
        levels = [:]
        for doc in documents { add(doc) }
    }

    /// Counts one more document, so a streamed report can keep its summary as it goes.
    public mutating func add(_ doc: DocumentVerdict) {
        documents += 1
        switch doc.status {
        case .assessed:
            assessed += 1
            for p in doc.pillars { levels[p.level.rawValue, default: 0] += 1 }
        case .notAssessed: notAssessed += 1
        case .error: errors += 1
        }
    }

    /// Level counts strongest first, for one-line summaries.
    public var orderedLevels: [(Level, Int)] {
        Level.allCases.reversed().compactMap { level in levels[level.rawValue].map { (level, $0) } }
    }
}

/// The envelope every `check` format renders. JSON form is the contract in PILLARS.md
/// (`schemaVersion`, `documents[].path/status/pillars[].id/level/score/evidence[].article`);
/// schemas/dtcheck-report.schema.json describes it.
public struct Report: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = "1.0"

    public var schemaVersion: String
    public var tool: ToolInfo
    public var baselines: [BaselineID]
    public var pillars: [PillarID]
    public var documents: [DocumentVerdict]
    public var summary: ReportSummary

    public init(tool: ToolInfo, baselines: [BaselineID], pillars: [PillarID] = PillarID.allCases,
                documents: [DocumentVerdict]) {
        schemaVersion = Report.currentSchemaVersion
        self.tool = tool
        self.baselines = baselines
        self.pillars = pillars
        self.documents = documents
        summary = ReportSummary(documents: documents)
    }
}
