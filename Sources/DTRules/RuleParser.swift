import DTModel
import Yams

/// Turns one YAML rule mapping into a compiled `Rule`.
struct RuleParser {
    let file: String
    let terms: [String: String]
    let defaults: RuleLoader.Defaults
    /// The other languages the rules read, each with its terms (`lang:` in the files).
    var languageTerms: [String: [String: String]] = [:]
    /// Patterns compiled so far in this load, shared by the rules that repeat one.
    var cache = PatternCache()

    static let knownKeys: Set<String> = [
        "id", "kind", "pillar", "pillars", "message", "scope", "when", "unless", "headings", "context",
        "limitation", "element", "baselines", "article", "formula", "examples", "lang",
    ]
    /// The keys a rule's `lang: {es: {…}}` block may hold: its wording and examples.
    static let wordingKeys = ["when", "unless", "headings", "context"]

    /// For each language in `languageTerms`, `rule` (parsed from `node`) with that
    /// language's wording and examples (`lang:`). A rule with wording must
    /// give every language its own; a rule without (none yet) serves every language.
    func translations(of rule: Rule, node: Node) throws -> [String: RuleWording] {
        let r = NodeReader(file: file)
        guard let mapping = node.mapping else { return [:] }
        let m = NodeReader.fields(mapping)
        let hasWording = !(rule.when.isEmpty && rule.unless.isEmpty && rule.headings.isEmpty && rule.context.isEmpty)
        var blocks: [String: Node] = [:]
        if let lang = m["lang"] {
            guard let lm = lang.mapping else { throw r.fail(lang, "rule \(rule.id): 'lang' must map a language code to {when:, unless:, examples:}") }
            for (k, v) in lm {
                guard let code = k.string, languageTerms[code] != nil else {
                    throw r.fail(k, "rule \(rule.id): unknown language '\(k.string ?? "")' in lang; the rules read \((["en"] + languageTerms.keys.sorted()).joined(separator: ", ")) (a language needs a modality section)")
                }
                blocks[code] = v
            }
        }
        var out: [String: RuleWording] = [:]
        for (code, terms) in languageTerms.sorted(by: { $0.key < $1.key }) {
            guard let block = blocks[code] else {
                if hasWording { throw r.fail(node, "rule \(rule.id) has wording but no lang.\(code) block: give its \(code) patterns and examples") }
                out[code] = .same(rule)
                continue
            }
            out[code] = try translation(of: rule, block: block, language: code, terms: terms)
        }
        return out
    }

    /// `rule` with the wording and examples of its `lang.<code>` block, its patterns
    /// read and checked (compiled only when a text in the language is met).
    func translation(of rule: Rule, block: Node, language code: String, terms: [String: String]) throws -> RuleWording {
        let r = NodeReader(file: file)
        guard let mapping = block.mapping else { throw r.fail(block, "rule \(rule.id): lang.\(code) must be a mapping {when:, unless:, examples:}") }
        let m = NodeReader.fields(mapping)
        for (k, _) in mapping where !(Self.wordingKeys + ["examples"]).contains(k.string ?? "") {
            throw r.fail(k, "unknown key '\(k.string ?? "")' in lang.\(code) of rule \(rule.id); expected \((Self.wordingKeys + ["examples"]).joined(separator: ", ")) (ids, kinds, limitations and baselines are shared)")
        }
        let english: [String: [Pattern]] = ["when": rule.when, "unless": rule.unless, "headings": rule.headings, "context": rule.context]
        var parsed: [String: [ParsedPattern]] = [:]
        for key in Self.wordingKeys {
            // The same shape in every language: a condition the English rule has, the translation has too.
            if m[key] == nil, english[key]?.isEmpty == false {
                throw r.fail(block, "rule \(rule.id): lang.\(code) lacks '\(key)', which the English rule has")
            }
            parsed[key] = try sources(m[key], key: key, reader: r).map { src, item in
                do { return try cache.parsed(TextNormalizer.foldAccents(src), language: code, terms: terms) } catch let e as PatternError {
                    throw r.fail(item, "rule \(rule.id): \(e.message)")
                }
            }
        }
        let examples = try parseExamples(m["examples"], id: "\(rule.id) (lang.\(code))", reader: r, fallbackLine: block.mark?.line)
        return .worded(RuleWording.Worded(english: rule, when: parsed["when"] ?? [], unless: parsed["unless"] ?? [],
                                          headings: parsed["headings"] ?? [], context: parsed["context"] ?? [],
                                          examples: examples, line: block.mark?.line ?? rule.line, language: code))
    }

    /// A `when:`-style list (a pattern, or a list of patterns or of alternatives),
    /// accents folded as the normalised text has them, compiled with `terms`.
    func patterns(_ n: Node?, key: String, id: String, terms: [String: String], reader r: NodeReader,
                  language: String = "en") throws -> [Pattern] {
        try sources(n, key: key, reader: r).map { src, item in
            do { return try cache.pattern(TextNormalizer.foldAccents(src), language: language, terms: terms) } catch let e as PatternError {
                throw r.fail(item, "rule \(id): \(e.message)")
            }
        }
    }

    /// The pattern sources of a `when:`-style list, each with its node (for messages).
    func sources(_ n: Node?, key: String, reader r: NodeReader) throws -> [(String, Node)] {
        guard let n else { return [] }
        if let seq = n.sequence {
            return try seq.map { item in
                guard let s = r.patternSource(item) else { throw r.fail(item, "'\(key)' items must be patterns (strings or lists of alternatives)") }
                return (s, item)
            }
        } else if let s = n.string {
            return [(s, n)]
        } else {
            throw r.fail(n, "'\(key)' must be a pattern or a list of patterns")
        }
    }

    func parse(_ node: Node) throws -> Rule {
        let r = NodeReader(file: file)
        guard let mapping = node.mapping else { throw r.fail(node, "each rule must be a mapping") }
        let m = NodeReader.fields(mapping)
        for (k, _) in mapping where !RuleParser.knownKeys.contains(k.string ?? "") {
            throw r.fail(k, "unknown key '\(k.string ?? "")' in rule; expected one of \(RuleParser.knownKeys.sorted().joined(separator: ", "))")
        }
        let line = node.mark?.line ?? 0
        let id = try r.string(m["id"], key: "id")
        guard id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" || $0 == "_" }) else {
            throw r.fail(m["id"], "rule id '\(id)' may hold only letters, digits, '.', '-' and '_'")
        }
        let kindName = try r.string(m["kind"], key: "kind")
        guard let kind = RuleKind(rawValue: kindName) else {
            throw r.fail(m["kind"], "unknown kind '\(kindName)' in rule \(id); use one of \(RuleKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        var pillars = defaults.pillars ?? []
        if let p = m["pillar"] ?? m["pillars"] { pillars = try r.pillars(p) }
        guard !pillars.isEmpty else { throw r.fail(node, "rule \(id) names no pillar (set pillar: in the rule or the file)") }
        let message = try r.string(m["message"], key: "message")
        var scope = Scope.sentence
        if let s = m["scope"] {
            guard let name = s.string, let sc = Scope(rawValue: name) else {
                throw r.fail(s, "unknown scope '\(s.string ?? "")' in rule \(id); use \(Scope.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            scope = sc
        }
        func patterns(_ key: String) throws -> [Pattern] {
            try self.patterns(m[key], key: key, id: id, terms: terms, reader: r)
        }
        let when = try patterns("when")
        let unless = try patterns("unless")
        let headings = try patterns("headings")
        let context = try patterns("context")

        var limitation: String?
        if let l = m["limitation"] {
            let name = try r.string(l, key: "limitation")
            for p in pillars where !LimitationID.isValid(name, for: p) {
                throw r.fail(l, "unknown limitation '\(name)' for pillar \(p.rawValue) in rule \(id); PILLARS.md defines \((LimitationID.common.union(LimitationID.byPillar[p] ?? [])).sorted().joined(separator: ", "))")
            }
            limitation = name
        }
        switch kind {
        case .limitation, .disputeExclusion:
            guard limitation != nil || kind == .disputeExclusion else { throw r.fail(node, "limitation rule \(id) needs 'limitation:' (an id from PILLARS.md)") }
            if kind == .disputeExclusion { limitation = limitation ?? "no-dispute-settlement" }
        case .commitment, .mention:
            guard !when.isEmpty else { throw r.fail(node, "\(kind.rawValue) rule \(id) needs 'when:' patterns") }
        case .sectoral:
            guard !when.isEmpty || !headings.isEmpty else { throw r.fail(node, "sectoral rule \(id) needs 'when:' or 'headings:' patterns") }
        case .deviation:
            break
        }

        var baselines: [BaselineCitation] = []
        if let b = m["baselines"] {
            for s in try r.strings(b, key: "baselines", required: true) {
                let parts = s.split(separator: " ", maxSplits: 1).map(String.init)
                guard parts.count == 2, let bid = BaselineID(rawValue: parts[0].lowercased()) else {
                    throw r.fail(b, "baseline citation '\(s)' must look like 'usmca 19.12' or 'ujdta 12'")
                }
                baselines.append(BaselineCitation(baseline: bid, article: parts[1]))
            }
        }
        if let a = m["article"] {
            guard let bid = defaults.baseline else { throw r.fail(a, "'article:' belongs in a baseline file (with baseline: usmca|ujdta)") }
            baselines.append(BaselineCitation(baseline: bid, article: try r.string(a, key: "article")))
        }
        if kind == .deviation && baselines.isEmpty {
            throw r.fail(node, "deviation rule \(id) must cite its baseline article ('article:' in a baseline file)")
        }
        let examples = try parseExamples(m["examples"], id: id, reader: r)
        return Rule(id: id, kind: kind, pillars: pillars, message: message, scope: scope, when: when, unless: unless,
                    headings: headings, context: context, limitation: limitation, element: m["element"]?.string,
                    baselines: baselines, formula: m["formula"]?.string, examples: examples, file: file, line: line)
    }

    /// `examples: {trigger: [...], no-trigger: [...]}`; both lists are required.
    func parseExamples(_ node: Node?, id: String, reader r: NodeReader, fallbackLine: Int? = nil) throws -> [RuleExample] {
        guard let node, let mapping = node.mapping else {
            throw RuleLoadError(file: file, line: node?.mark?.line ?? fallbackLine, message: "rule \(id) has no examples: give examples: {trigger: […], no-trigger: […]}")
        }
        let m = NodeReader.fields(mapping)
        for (k, _) in mapping where !["trigger", "no-trigger"].contains(k.string ?? "") {
            throw r.fail(k, "unknown key '\(k.string ?? "")' in examples of \(id); use trigger and no-trigger")
        }
        var out: [RuleExample] = []
        for (key, triggers) in [("trigger", true), ("no-trigger", false)] {
            guard let seq = m[key]?.sequence, !seq.isEmpty else {
                throw r.fail(node, "rule \(id) needs at least one '\(key)' example")
            }
            for item in seq {
                if let text = item.scalar?.string {
                    out.append(RuleExample(text: text, triggers: triggers, level: nil, heading: nil, chapter: nil, line: item.mark?.line ?? 0))
                    continue
                }
                guard let exampleMapping = item.mapping else { throw r.fail(item, "an example is a string or {text:, level:, heading:, chapter:}") }
                let em = NodeReader.fields(exampleMapping)
                for (k, _) in exampleMapping where !["text", "level", "heading", "chapter"].contains(k.string ?? "") {
                    throw r.fail(k, "unknown key '\(k.string ?? "")' in an example of \(id)")
                }
                var level: Level?
                if let l = em["level"] {
                    guard let name = l.string, let lv = Level(rawValue: name) else {
                        throw r.fail(l, "unknown level '\(l.string ?? "")' in an example of \(id)")
                    }
                    level = lv
                }
                out.append(RuleExample(text: try r.string(em["text"], key: "text"), triggers: triggers, level: level,
                                       heading: em["heading"]?.string, chapter: em["chapter"]?.string, line: item.mark?.line ?? 0))
            }
        }
        return out
    }
}

/// Compiled patterns by language and source, for one load: the same pattern in
/// several rules (the USMCA and UJDTA deviations share their wording) and the
/// same cue in several lists are compiled once. A pattern is immutable, so rules
/// may share it; grading threads take independent copies of the whole set.
final class PatternCache {
    private var compiled: [String: Pattern] = [:]
    private var parsed: [String: ParsedPattern] = [:]
    /// One parser per language, so each term is read once per load rather than
    /// once per pattern that uses it (a language's terms are the same for all).
    private var parsers: [String: PatternParser] = [:]
    /// What the gate read of each term, per language.
    private var memos: [String: LiteralMemo] = [:]

    func pattern(_ source: String, language: String, terms: [String: String]) throws -> Pattern {
        let key = language + "\u{1F}" + source
        if let p = compiled[key] { return p }
        let memo = memos[language] ?? LiteralMemo()
        memos[language] = memo
        let p = Pattern(source: source, tree: try tree(source, language: language, terms: terms), memo: memo)
        compiled[key] = p
        return p
    }

    /// `source` read and checked, not compiled: the patterns of another language
    /// (`LanguageRules` compiles them when a text in it is met), each parsed once.
    func parsed(_ source: String, language: String, terms: [String: String]) throws -> ParsedPattern {
        let key = language + "\u{1F}" + source
        if let p = parsed[key] { return p }
        let p = ParsedPattern(source: source, tree: try tree(source, language: language, terms: terms))
        parsed[key] = p
        return p
    }

    private func tree(_ source: String, language: String, terms: [String: String]) throws -> PatternNode {
        var parser = parsers.removeValue(forKey: language).flatMap { $0.terms == terms ? $0 : nil } ?? PatternParser(terms: terms)
        defer { parsers[language] = parser }
        return try parser.parsePattern(source)
    }
}
