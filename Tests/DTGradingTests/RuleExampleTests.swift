import DTTestSupport
import DTGrading
import DTRules
import Testing

/// The package's rules, loaded once for every test in this target.
enum ProjectRules {
    static let directory = SharedCorpus.packageRoot.appendingPathComponent("rules").path
    static let loaded: RuleSet? = try? RuleSet.load(directory: directory)
    static var ids: [String] { loaded?.rules.map(\.id) ?? [] }
}

/// SwiftLint-style: one test per rule, generated from the examples it carries,
/// so no rule ships untested.
@Suite struct RuleExampleTests {
    @Test func projectRulesLoad() throws {
        _ = try RuleSet.load(directory: ProjectRules.directory)
    }

    @Test(arguments: ProjectRules.ids)
    func examplesHold(ruleID: String) throws {
        let set = try #require(ProjectRules.loaded)
        let rule = try #require(set.rule(id: ruleID))
        #expect(rule.examples.contains { $0.triggers } && rule.examples.contains { !$0.triggers })
        let grader = Grader(rules: set)
        for ex in rule.examples {
            let result = RuleExampleRunner.check(ex, of: rule, grader: grader)
            #expect(result.passed, "\(result.file):\(result.line): \(result.detail)")
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
