import DTTestSupport
import DTGrading
import DTRules
import Testing

/// The package's rules, loaded once for every test in this target.
enum ProjectRules {
    static var directory: String { ProjectRuleSet.directory }
    static var loaded: RuleSet? { ProjectRuleSet.loaded }
    static var ids: [String] { loaded?.rules.map(\.id) ?? [] }
}

/// SwiftLint-style: one test per rule, generated from the examples it carries,
/// so no rule ships untested.
@Suite struct RuleExampleTests {
    @Test func projectRulesLoad() throws {
        _ = try RuleSet.load(directory: ProjectRules.directory)
    }

    /// Every rule's examples in every language the rules read: a rule with wording
    /// carries a trigger and a no-trigger example in each (`lang:` blocks).
    @Test(arguments: ProjectRules.ids)
    func examplesHold(ruleID: String) throws {
        let set = try #require(ProjectRules.loaded)
        #expect(set.languages == ["en", "es", "fr"])
        let grader = Grader(rules: set)
        for code in set.languages {
            let rule = try #require(set.worded(in: code)?.rule(id: ruleID), "\(ruleID) has no \(code) wording")
            #expect(rule.language == code)
            #expect(rule.examples.contains { $0.triggers } && rule.examples.contains { !$0.triggers }, "\(ruleID) [\(code)]")
            for ex in rule.examples {
                let result = RuleExampleRunner.check(ex, of: rule, grader: grader)
                #expect(result.passed, "[\(code)] \(result.file):\(result.line): \(result.detail)")
            }
        }
    }

    @Test func everyKindAndEveryLimitationIsCovered() throws {
        let set = try #require(ProjectRules.loaded)
        for kind in RuleKind.allCases { #expect(set.rules.contains { $0.kind == kind }, "no rule of kind \(kind.rawValue)") }
        for (pillar, ids) in LimitationID.byPillar {
            for id in ids.union(LimitationID.common) {
                #expect(set.rules.contains { $0.limitation == id && $0.pillars.contains(pillar) }, "no rule finds \(id) on \(pillar.rawValue)")
            }
        }
    }
}
