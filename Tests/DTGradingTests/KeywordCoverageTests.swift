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

    @Test func topLevelAlternativesOpenYamlLists() {
        #expect(AuditVocabulary.topLevelAlternatives("(a ... {x})|(b (c|d))") == ["a ... {x}", "b (c|d)"])
        #expect(AuditVocabulary.topLevelAlternatives("(a) (b)") == ["(a) (b)"])
        #expect(AuditVocabulary.termNames(in: "requir* ... {source-code} or {x}") == ["source-code", "x"])
        // A term inside a group is not in every match, so it cannot stand for the pattern.
        #expect(AuditVocabulary.termNames(in: AuditVocabulary.topLevelText("a (b|{x}) {y} [{z}]")) == ["y"])
    }
}
