import Yams

/// Turns one YAML rule mapping into a compiled `Rule`.
struct RuleParser {
    let file: String
    let terms: [String: String]
    let defaults: RuleLoader.Defaults

    static let knownKeys: Set<String> = [
        "id", "kind", "pillar", "pillars", "message", "scope", "when", "unless", "headings", "context",
        "limitation", "element", "baselines", "article", "formula", "examples",
    ]

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
            guard let n = m[key] else { return [] }
            // Each pattern with the node it was written in, so an error names its line.
            let list: [(source: String, node: Node)]
            if let seq = n.sequence {
                list = try seq.map { item in
                    guard let s = r.patternSource(item) else { throw r.fail(item, "'\(key)' items must be patterns (strings or lists of alternatives)") }
                    return (s, item)
                }
            } else if let s = n.string {
                list = [(s, n)]
            } else {
                throw r.fail(n, "'\(key)' must be a pattern or a list of patterns")
            }
            return try list.map { item in
                do { return try Pattern(item.source, terms: terms) } catch let e as PatternError {
                    throw r.fail(item.node, "rule \(id): \(e.message)")
                }
            }
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
    func parseExamples(_ node: Node?, id: String, reader r: NodeReader) throws -> [RuleExample] {
        guard let node, let mapping = node.mapping else {
            throw RuleLoadError(file: file, line: node?.mark?.line, message: "rule \(id) has no examples: give examples: {trigger: […], no-trigger: […]}")
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
