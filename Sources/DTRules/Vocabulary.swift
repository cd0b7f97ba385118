// The fixed vocabulary of PILLARS.md: pillar ids, levels, baselines, limitation ids.

/// The four pillars; ids are fixed by PILLARS.md and used in reports, rules and gold files.
public enum PillarID: String, Codable, Sendable, CaseIterable, Comparable {
    case dataFlows = "data-flows"
    case localization
    case sourceCode = "source-code"
    case customsDuties = "customs-duties"

    public var title: String {
        switch self {
        case .dataFlows: return "Cross-border data flows"
        case .localization: return "No data localization"
        case .sourceCode: return "No source-code disclosure"
        case .customsDuties: return "No customs duties on electronic transmissions"
        }
    }

    public var shortName: String {
        switch self {
        case .dataFlows: return "data flows"
        case .localization: return "localization"
        case .sourceCode: return "source code"
        case .customsDuties: return "customs duties"
        }
    }

    public static func < (a: PillarID, b: PillarID) -> Bool {
        (allCases.firstIndex(of: a) ?? 0) < (allCases.firstIndex(of: b) ?? 0)
    }
}

/// A pillar's level (PILLARS.md), ordered from weakest to strongest.
/// `notAssessed` is given to every pillar of a document the rules cannot read.
public enum Level: String, Codable, Sendable, CaseIterable, Comparable {
    case notAssessed = "not-assessed"
    case absent
    case soft
    case bindingQualified = "binding-qualified"
    case baseline

    public var rank: Int { Level.allCases.firstIndex(of: self) ?? 0 }

    public static func < (a: Level, b: Level) -> Bool { a.rank < b.rank }

    /// The score range PILLARS.md gives the level.
    public var scoreRange: ClosedRange<Int> {
        switch self {
        case .notAssessed, .absent: return 0...0
        case .soft: return 10...49
        case .bindingQualified: return 50...89
        case .baseline: return 90...100
        }
    }
}

/// The two baselines a text is measured against.
public enum BaselineID: String, Codable, Sendable, CaseIterable {
    case usmca, ujdta

    public var title: String {
        switch self {
        case .usmca: return "USMCA"
        case .ujdta: return "UJDTA"
        }
    }
}

/// A reference to a baseline article, e.g. USMCA 19.12.
public struct BaselineCitation: Codable, Sendable, Equatable, Hashable {
    public var baseline: BaselineID
    public var article: String

    public init(baseline: BaselineID, article: String) {
        self.baseline = baseline
        self.article = article
    }

    public var description: String { "\(baseline.title) \(article)" }
}

/// Material limitation ids fixed by PILLARS.md.
public enum LimitationID {
    public static let common: Set<String> = ["domestic-law", "self-judging", "no-dispute-settlement", "time-limited"]
    public static let byPillar: [PillarID: Set<String>] = [
        .dataFlows: ["no-necessity-test", "personal-information-excluded"],
        .localization: ["localization-exception"],
        .sourceCode: ["mass-market-only", "critical-infrastructure-excluded", "algorithms-not-covered", "broader-exception"],
        .customsDuties: ["current-practice", "reserved-right"],
    ]

    /// Whether `id` is a limitation PILLARS.md defines for `pillar`.
    public static func isValid(_ id: String, for pillar: PillarID) -> Bool {
        common.contains(id) || byPillar[pillar]?.contains(id) == true
    }
}
