/// The typed extension points a rule can use, in the spirit of Vale's.
public enum RuleKind: String, Sendable, CaseIterable {
    /// A core commitment on a pillar; its sentence's modal force sets binding or soft.
    case commitment
    /// A non-binding mention of the pillar (cooperation, objectives): soft at most.
    case mention
    /// A commitment limited to one sector: reported, never sets the level.
    case sectoral
    /// A material limitation found near a binding commitment (lowers the level).
    case limitation
    /// A chapter or article excluded from dispute settlement (a common limitation).
    case disputeExclusion = "dispute-exclusion"
    /// A difference from a baseline element (lowers the score within the level).
    case deviation
}

/// How far from the commitment a limitation or deviation rule looks.
public enum Scope: String, Sendable, CaseIterable {
    case sentence, paragraph, article, chapter, document
}

/// An example carried by a rule: text that must trigger it or must not.
public struct RuleExample: Sendable {
    public var text: String
    public var triggers: Bool
    /// The pillar level the example must get, when given.
    public var level: Level?
    /// Heading of the example's article and chapter (default: an e-commerce chapter).
    public var heading: String?
    public var chapter: String?
    /// Line of the example in its rule file.
    public var line: Int

    public init(text: String, triggers: Bool, level: Level?, heading: String?, chapter: String?, line: Int) {
        self.text = text
        self.triggers = triggers
        self.level = level
        self.heading = heading
        self.chapter = chapter
        self.line = line
    }
}

/// One rule, compiled. Every kind shares the same condition: a rule holds in its
/// scope when every `when` pattern matches there and no `unless` pattern does.
///
/// A class, as it is immutable once loaded: grading copies rules into loops and
/// candidates, and copying a struct of sixteen fields retained each of their
/// buffers (atomically) every time.
public final class Rule: Sendable {
    public let id: String
    public let kind: RuleKind
    public let pillars: [PillarID]
    public let message: String
    public let scope: Scope
    public let when: [Pattern]
    public let unless: [Pattern]
    /// Headings (chapter or article) that put a match in context: for `mention`
    /// the text must be in such a place or mention it; for `sectoral` a commitment
    /// under such a heading becomes a sectoral finding.
    public let headings: [Pattern]
    /// For `mention`: words that must appear somewhere in the article or its headings.
    public let context: [Pattern]
    /// For `limitation`/`dispute-exclusion`: the PILLARS.md limitation id.
    public let limitation: String?
    /// For `deviation`: a short id of the missing or weakened element.
    public let element: String?
    /// The baseline articles this rule is measured against.
    public let baselines: [BaselineCitation]
    /// For `deviation`: the baseline's short operative formula.
    public let formula: String?
    public let examples: [RuleExample]
    public let file: String
    public let line: Int
    /// The language whose wording the patterns and examples are in (`en`, or a
    /// `lang:` block's code); id, kind, limitation and baselines are the same in all.
    public let language: String

    public init(id: String, kind: RuleKind, pillars: [PillarID], message: String, scope: Scope, when: [Pattern],
                unless: [Pattern], headings: [Pattern], context: [Pattern], limitation: String?, element: String?,
                baselines: [BaselineCitation], formula: String?, examples: [RuleExample], file: String, line: Int,
                language: String = "en") {
        self.language = language
        self.id = id
        self.kind = kind
        self.pillars = pillars
        self.message = message
        self.scope = scope
        self.when = when
        self.unless = unless
        self.headings = headings
        self.context = context
        self.limitation = limitation
        self.element = element
        self.baselines = baselines
        self.formula = formula
        self.examples = examples
        self.file = file
        self.line = line
    }
}

/// Words that set a sentence's modal force (PILLARS.md "Wording").
public struct Modality: Sendable {
    public var binding: [Pattern]
    public var nonBinding: [Pattern]
    /// Lead-ins that turn a sentence into an exception rather than a commitment.
    public var exception: [Pattern]

    public init(binding: [Pattern], nonBinding: [Pattern], exception: [Pattern]) {
        self.binding = binding
        self.nonBinding = nonBinding
        self.exception = exception
    }
}

/// How scores fall within a level.
public struct Scoring: Sendable {
    public var top: [Level: Int]
    public var limitationPenalty: Int
    public var deviationPenalty: Int

    public init(top: [Level: Int], limitationPenalty: Int, deviationPenalty: Int) {
        self.top = top
        self.limitationPenalty = limitationPenalty
        self.deviationPenalty = deviationPenalty
    }

    public static let standard = Scoring(top: [.soft: 45, .bindingQualified: 85, .baseline: 100],
                                         limitationPenalty: 8, deviationPenalty: 2)
}
