import Foundation

/// The rules worded in one language other than English, compiled the first time a
/// text in that language is met. Compiling the Spanish and French patterns is most
/// of what loading the rules costs; a run over English texts alone (a negotiator's
/// draft) never pays for it. Everything that can be wrong with a rule file is still
/// found when it is loaded: the patterns are parsed and checked then
/// (`ParsedPattern`), and compiling a checked tree cannot fail.
///
/// Grading threads may ask at the same time: a lock makes the first compile and the
/// others wait for its set. A thread's copy of the rules (`RuleSet.independentCopy`)
/// holds a copy of this too, which takes its own copy of the set the first compiled,
/// so threads still share no compiled object.
final class LanguageRules: @unchecked Sendable {
    private enum Source {
        case blueprint(LanguageBlueprint)
        case copy(of: LanguageRules)
    }

    private let lock = NSLock()
    private let source: Source
    private var built: RuleSet?

    init(_ blueprint: LanguageBlueprint) {
        source = .blueprint(blueprint)
    }

    private init(copying original: LanguageRules) {
        source = .copy(of: original)
    }

    /// The compiled set, compiled now if no one has asked before.
    var rules: RuleSet {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        let set: RuleSet
        switch source {
        case .blueprint(let blueprint): set = blueprint.build()
        case .copy(let original): set = original.rules.independentCopy()
        }
        built = set
        return set
    }

    /// Whether `rules` has been asked for (tests hold English runs to never asking).
    var isCompiled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return built != nil
    }

    /// A holder for another grading thread: it compiles nothing itself, and copies
    /// the set this one compiles.
    func independentCopy() -> LanguageRules {
        LanguageRules(copying: self)
    }
}

/// A pattern read and checked (`Pattern.parse`), not yet compiled.
struct ParsedPattern: Sendable {
    let source: String
    let tree: PatternNode
}

/// One rule as another language reads it, parsed and checked.
enum RuleWording: Sendable {
    /// A rule without wording (none yet) serves every language as it is.
    case same(Rule)
    /// The rule with its `lang.<code>` block's patterns and examples.
    case worded(Worded)

    struct Worded: Sendable {
        let english: Rule
        let when: [ParsedPattern]
        let unless: [ParsedPattern]
        let headings: [ParsedPattern]
        let context: [ParsedPattern]
        let examples: [RuleExample]
        let line: Int
        let language: String
    }

    func compiled(_ compiler: PatternCompiler) -> Rule {
        switch self {
        case .same(let rule): return rule
        case .worded(let w):
            let rule = w.english
            return Rule(id: rule.id, kind: rule.kind, pillars: rule.pillars, message: rule.message, scope: rule.scope,
                        when: w.when.map(compiler.pattern), unless: w.unless.map(compiler.pattern),
                        headings: w.headings.map(compiler.pattern), context: w.context.map(compiler.pattern),
                        limitation: rule.limitation, element: rule.element, baselines: rule.baselines, formula: rule.formula,
                        examples: w.examples, file: rule.file, line: w.line, language: w.language)
        }
    }
}

/// Everything a language's `RuleSet` is made of, read and checked when the rules
/// are loaded; `build` compiles it.
struct LanguageBlueprint: Sendable {
    var directory: String
    var files: [String]
    var rules: [RuleWording]
    var binding: [ParsedPattern]
    var nonBinding: [ParsedPattern]
    var exception: [ParsedPattern]
    var scoring: Scoring
    var terms: [String: String]
    var keywords: [PillarID: [[UInt8]]]
    var language: String
    var baselineReferences: [PillarID: BaselineReference]

    func build() -> RuleSet {
        let compiler = PatternCompiler()
        let modality = Modality(binding: binding.map(compiler.pattern), nonBinding: nonBinding.map(compiler.pattern),
                                exception: exception.map(compiler.pattern))
        return RuleSet(directory: directory, files: files, rules: rules.map { $0.compiled(compiler) }, modality: modality,
                       scoring: scoring, terms: terms, keywords: keywords, language: language,
                       baselineReferences: baselineReferences)
    }
}

/// Compiles one language's parsed patterns, each source once: rules that share a
/// pattern share the compiled one, as `PatternCache` has them share in English.
final class PatternCompiler {
    private var compiled: [String: Pattern] = [:]
    private let memo = LiteralMemo()

    func pattern(_ parsed: ParsedPattern) -> Pattern {
        if let p = compiled[parsed.source] { return p }
        let p = Pattern(source: parsed.source, tree: parsed.tree, memo: memo)
        compiled[parsed.source] = p
        return p
    }
}
