@testable import DTGrading
import Foundation
import DTModel
import DTRules
import Testing

/// The `keywords` prefilter is kept by hand in each pillar file; these tests hold it
/// to the rules: a sentence a commitment, mention or sectoral rule is written to
/// read, or one holding the pillar's core vocabulary, must pass the prefilter, or the
/// rule never sees it.
@Suite struct KeywordCoverageTests {
    @Test func everyTriggerExampleHoldsAPillarKeyword() throws {
        let rules = try #require(ProjectRules.loaded)
        for rule in rules.rules where [.commitment, .mention, .sectoral].contains(rule.kind) && !rule.when.isEmpty {
            for example in rule.examples where example.triggers {
                let groups = rules.keywordMatcher.groups(in: [TextNormalizer.normalize(example.text)])
                for pillar in rule.pillars where rules.keywords[pillar]?.isEmpty == false {
                    #expect(groups & RuleSet.bit(pillar) != 0,
                            "\(rule.file):\(example.line): \(rule.id)'s example holds none of \(pillar.rawValue)'s keywords")
                }
            }
        }
    }

    /// The audit's vocabulary is derived from the commitment rules; each pillar has one,
    /// and a sentence holding it holds a keyword too (checked on the commitments' examples).
    @Test func auditVocabularyIsDerivedForEveryPillar() throws {
        let rules = try #require(ProjectRules.loaded)
        let vocabulary = AuditVocabulary(rules: rules)
        for pillar in PillarID.allCases {
            let alternatives = vocabulary.pillars[pillar] ?? []
            #expect(!alternatives.isEmpty, "no audit vocabulary for \(pillar.rawValue)")
            for rule in rules.rules(.commitment, for: pillar) {
                for example in rule.examples where example.triggers {
                    let text = TextNormalizer.normalize(example.text) as NSString
                    let holds = alternatives.contains { conj in conj.allSatisfy { $0.firstMatch(in: text) != nil } }
                    #expect(holds, "\(rule.id)'s trigger example does not hold \(pillar.rawValue)'s audit vocabulary")
                }
            }
        }
        #expect(!vocabulary.dispute.isEmpty, "terms dispute-settlement and dispute-limiting are missing")
    }

    /// The vocabulary is read off the pattern tree (DTRules' one parser): a term
    /// inside a group or made optional is not in every match, so it stands for nothing.
    @Test func vocabularyIsReadOffThePatternTree() throws {
        let terms = ["x": "ex*", "y": "why", "z": "zed"]
        let lists = try Pattern("(a ... {x})|(b (c|d))", terms: terms).vocabulary
        #expect(lists.termNames == ["x"])
        #expect(lists.pattern.source == "{x}|b (c|d)")
        let grouped = try Pattern("a (b|{x}) {y} [{z}]", terms: terms).vocabulary
        #expect(grouped.termNames == ["y"])
        #expect(grouped.pattern.source == "{y}")
        let none = try Pattern("locali(s|z)ation of ({x}|data)", terms: terms).vocabulary
        #expect(none.termNames.isEmpty)
        #expect(none.pattern.firstMatch(in: "localisation of data") != nil)
        #expect(none.pattern.firstMatch(in: "localization of exports") != nil)
        // A rule's frame without terms gives way to its terms: customs duties + {x} is {x}.
        let when = [try Pattern("customs dut*", terms: terms), try Pattern("({x})", terms: terms)]
        let derived = AuditVocabulary.vocabulary(of: when)
        #expect(derived.map(\.source) == ["{x}"])
        #expect(derived[0].firstMatch(in: "exports of goods") != nil)
        #expect(AuditVocabulary.vocabulary(of: [try Pattern("customs dut*")]).map(\.source) == ["customs dut*"])
    }
}
