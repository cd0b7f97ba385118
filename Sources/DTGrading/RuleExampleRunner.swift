import DTModel
import DTRules

/// The outcome of one example carried by a rule.
public struct ExampleResult: Sendable, Equatable {
    public var rule: String
    public var file: String
    public var line: Int
    public var triggers: Bool
    public var passed: Bool
    /// What was expected and what happened, for the failure message.
    public var detail: String

    public init(rule: String, file: String, line: Int, triggers: Bool, passed: Bool, detail: String) {
        self.rule = rule
        self.file = file
        self.line = line
        self.triggers = triggers
        self.passed = passed
        self.detail = detail
    }
}

/// Runs every rule's examples through the real grader, SwiftLint-style: each
/// example becomes a one-article agreement in an e-commerce chapter (or the
/// chapter the example names), and the rule must fire (or not) on it.
public enum RuleExampleRunner {
    /// Every example of every rule, in each language the rules read (English first).
    public static func run(_ rules: RuleSet) -> [ExampleResult] {
        let grader = Grader(rules: rules)
        var out: [ExampleResult] = []
        for code in rules.languages {
            guard let set = rules.worded(in: code) else { continue }
            for rule in set.rules {
                for ex in rule.examples {
                    out.append(check(ex, of: rule, grader: grader))
                }
            }
        }
        return out
    }

    public static func check(_ ex: RuleExample, of rule: Rule, grader: Grader) -> ExampleResult {
        let agreement = exampleAgreement(ex, file: rule.file, language: rule.language)
        let verdict = grader.grade(agreement, options: GradeOptions(pillars: rule.pillars))
        var fired = false
        var levels: [String] = []
        for p in verdict.pillars {
            let ids = [p.rule].compactMap { $0 } + (p.limitations + p.deviations + p.sectoral).flatMap(\.allRules)
            if ids.contains(rule.id) { fired = true }
            levels.append("\(p.id.rawValue)=\(p.level.rawValue)")
        }
        var passed = fired == ex.triggers
        var detail = ex.triggers ? (fired ? "fired as expected" : "expected the rule to fire; it did not")
                                 : (fired ? "expected the rule not to fire; it fired" : "did not fire, as expected")
        if let want = ex.level {
            let got = verdict.pillars.filter { rule.pillars.count == 1 ? $0.id == rule.pillars[0] : true }.map(\.level)
            if !got.contains(want) {
                passed = false
                detail += "; expected level \(want.rawValue), got \(levels.joined(separator: ", "))"
            }
        }
        let name = rule.language == "en" ? rule.id : "\(rule.id) [\(rule.language)]"
        return ExampleResult(rule: name, file: rule.file, line: ex.line, triggers: ex.triggers, passed: passed, detail: detail)
    }

    /// An agreement in `language` with one chapter and one article holding the example text.
    public static func exampleAgreement(_ ex: RuleExample, file: String, language: String = "en") -> Agreement {
        let loc = SourceLocation(line: ex.line, column: nil, path: nil)
        let (articleWord, chapterWord, ecommerce): (String, String, String) = switch language {
        case "es": ("Artículo", "Capítulo", "Comercio Electrónico")
        case "fr": ("Article", "Chapitre", "Commerce électronique")
        default: ("Article", "Chapter", "Electronic Commerce")
        }
        let article = Division(kind: .article, number: "\(articleWord) 1", heading: ex.heading, text: ex.text, location: loc)
        let chapter = Division(kind: .chapter, number: "\(chapterWord) 1", heading: ex.chapter ?? ecommerce,
                               location: loc, children: [article])
        return Agreement(title: "example", language: language, sourceFormat: .text, sourcePath: "\(file):\(ex.line)", divisions: [chapter])
    }
}
