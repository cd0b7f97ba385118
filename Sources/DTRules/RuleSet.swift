import Foundation

/// A rule file that does not load: the file, the line where known, and what is wrong.
public struct RuleLoadError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var message: String

    public init(file: String, line: Int? = nil, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)"
    }
}

/// All rules from a rules folder, compiled once and shared read-only by every grading thread.
public struct RuleSet: Sendable {
    public let directory: String
    public let files: [String]
    public let rules: [Rule]
    public let modality: Modality
    public let scoring: Scoring
    public let terms: [String: String]
    /// Squeezed keywords per pillar; a pillar without keywords is checked on every article.
    public let keywords: [PillarID: [[UInt8]]]
    /// One automaton for every pillar's keywords (group = index in `PillarID.allCases`)
    /// plus "dispute" (group `disputeGroup`), for the dispute-settlement scan.
    public let keywordMatcher: KeywordMatcher
    /// Each pillar's baseline articles and elements (`measures:` of the baseline files).
    public let baselineReferences: [PillarID: BaselineReference]
    /// `rules(_:for:)`, computed once.
    private let byKindAndPillar: [KindAndPillar: [Rule]]

    private struct KindAndPillar: Hashable {
        var kind: RuleKind
        var pillar: PillarID
    }
    public static let disputeGroup = PillarID.allCases.count

    /// The language this set's wording is in.
    public let language: String
    /// The same rules worded in each other language the rules read (`lang:` in the
    /// files), by language code, each compiled when first asked for (`worded(in:)`);
    /// empty in those sets themselves.
    var translations: [String: LanguageRules] = [:]

    public init(directory: String, files: [String], rules: [Rule], modality: Modality, scoring: Scoring, terms: [String: String],
                keywords: [PillarID: [[UInt8]]] = [:], language: String = "en", baselineReferences: [PillarID: BaselineReference] = [:]) {
        self.language = language
        self.keywords = keywords
        self.baselineReferences = baselineReferences
        let dispute = LanguageWords.of(language).disputeKeyword
        self.keywordMatcher = KeywordMatcher(groups: PillarID.allCases.map { keywords[$0] ?? [] } + [[Squeezed.of(dispute)]])
        self.directory = directory
        self.files = files
        self.rules = rules
        // Grading asks for these lists per pillar of every document: filtering (and
        // copying every rule) each time showed in profiles.
        var lists: [KindAndPillar: [Rule]] = [:]
        for kind in RuleKind.allCases {
            for pillar in PillarID.allCases {
                lists[KindAndPillar(kind: kind, pillar: pillar)] = rules.filter { $0.kind == kind && $0.pillars.contains(pillar) }
            }
        }
        self.byKindAndPillar = lists
        self.modality = modality
        self.scoring = scoring
        self.terms = terms
    }

    /// The rule files as read, so the set can be compiled again.
    public internal(set) var sources: [RuleSource] = []

    /// The same rules compiled again from the same texts: an independent copy that
    /// shares no object with this one. Grading threads each take one, because
    /// reference counting on shared rule objects made two threads ~15% slower than
    /// the sum of their parts (cores contending for the same cache lines).
    public func compiledAgain() throws -> RuleSet {
        guard !sources.isEmpty else { return self }
        return try RuleLoader.load(directory: directory, sources: sources)
    }

    /// Loads and compiles every `.yml` below `directory`.
    public static func load(directory: String) throws -> RuleSet {
        try RuleLoader.load(directory: directory)
    }

    /// Compiles rule files already in memory (the rules built into the binary);
    /// `directory` names them in messages.
    public static func load(directory: String, sources: [RuleSource]) throws -> RuleSet {
        try RuleLoader.load(directory: directory, sources: sources, plainYAML: true)
    }

    public func rule(id: String) -> Rule? { rules.first { $0.id == id } }

    /// Every language the rules read: English first, then the others by code.
    public var languages: [String] { [language] + translations.keys.sorted() }

    /// The rules worded in `code`, or nil when they do not read that language. The
    /// first call for a language compiles its rules (safe from any thread).
    public func worded(in code: String) -> RuleSet? {
        code == language ? self : translations[code]?.rules
    }

    /// Whether the rules worded in `code` have been compiled (English always is):
    /// a run over texts in one language compiles no other's.
    public func isCompiled(_ code: String) -> Bool {
        code == language || translations[code]?.isCompiled == true
    }

    /// The prefilter bit of a pillar in `keywordMatcher`'s result.
    public static func bit(_ pillar: PillarID) -> UInt64 {
        1 << UInt64(PillarID.allCases.firstIndex(of: pillar) ?? 0)
    }

    public func rules(_ kind: RuleKind, for pillar: PillarID) -> [Rule] {
        byKindAndPillar[KindAndPillar(kind: kind, pillar: pillar)] ?? []
    }

    /// `DTCHECK_RULES`, else a `rules/` folder beside the package the executable was
    /// built in (walking up from the executable), else `./rules`.
    public static func defaultDirectory() -> String {
        if let env = ProcessInfo.processInfo.environment["DTCHECK_RULES"], !env.isEmpty { return env }
        var url = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<8 {
            let candidate = url.appendingPathComponent("rules")
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path),
               FileManager.default.fileExists(atPath: candidate.path) {
                return candidate.path
            }
            url = url.deletingLastPathComponent()
        }
        return FileManager.default.currentDirectoryPath + "/rules"
    }
}

/// One rule file's path and text.
public struct RuleSource: Sendable {
    public var file: String
    public var text: String

    public init(file: String, text: String) {
        self.file = file
        self.text = text
    }
}
