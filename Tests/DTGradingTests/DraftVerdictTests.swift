import DTTestSupport
import DTGrading
import DTIngest
import Foundation
import Testing

/// The team's drafts in corpus/drafts: one at the USMCA/UJDTA standard, one per
/// material limitation, one soft throughout.
@Suite struct DraftVerdictTests {
    static let drafts = SharedCorpus.packageRoot.appendingPathComponent("corpus/drafts").path

    func grade(_ name: String) throws -> DocumentVerdict {
        let grader = Grader(rules: try #require(ProjectRules.loaded))
        return grader.grade(try DocumentLoader.load(path: Self.drafts + "/" + name))
    }

    /// Grading threads each compile the rules again from the same texts: the copy
    /// must grade every draft the same way.
    @Test func rulesCompiledAgainGradeTheSame() throws {
        let rules = try #require(ProjectRules.loaded)
        let again = try rules.compiledAgain()
        #expect(again.rules.map(\.id) == rules.rules.map(\.id))
        #expect(again.sources.map(\.file) == rules.files)
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.drafts).filter { $0.hasSuffix(".md") }.sorted()
        #expect(names.count >= 15)
        for name in names {
            let agreement = try DocumentLoader.load(path: Self.drafts + "/" + name)
            let a = Grader(rules: rules).grade(agreement), b = Grader(rules: again).grade(agreement)
            #expect(a.pillars == b.pillars, "\(name)")
            #expect(a.summary == b.summary, "\(name)")
        }
    }

    @Test func baselineDraftScoresOneHundredOnEveryPillar() throws {
        let v = try grade("baseline-draft.md")
        for p in v.pillars {
            #expect(p.level == .baseline, "\(p.id.rawValue): \(p.level.rawValue)")
            #expect(p.score == 100, "\(p.id.rawValue): \(p.deviations.map(\.id))")
            #expect(p.limitations.isEmpty && p.deviations.isEmpty)
            #expect(p.evidence.first?.article.hasPrefix("Article X.") == true)
        }
        #expect(v.overallScore == 100)
    }

    @Test(arguments: [
        ("limitation-domestic-law.md", "localization", "domestic-law"),
        ("limitation-self-judging.md", "localization", "self-judging"),
        ("limitation-no-dispute-settlement.md", "customs-duties", "no-dispute-settlement"),
        ("limitation-time-limited.md", "customs-duties", "time-limited"),
        ("limitation-no-necessity-test.md", "data-flows", "no-necessity-test"),
        ("limitation-personal-information-excluded.md", "data-flows", "personal-information-excluded"),
        ("limitation-localization-exception.md", "localization", "localization-exception"),
        ("limitation-mass-market-only.md", "source-code", "mass-market-only"),
        ("limitation-critical-infrastructure-excluded.md", "source-code", "critical-infrastructure-excluded"),
        ("limitation-algorithms-not-covered.md", "source-code", "algorithms-not-covered"),
        ("limitation-broader-exception.md", "source-code", "broader-exception"),
        ("limitation-current-practice.md", "customs-duties", "current-practice"),
        ("limitation-reserved-right.md", "customs-duties", "reserved-right"),
    ])
    func eachLimitationDraftGetsItsLimitation(file: String, pillar: String, limitation: String) throws {
        let v = try grade(file)
        let p = try #require(v.pillars.first { $0.id.rawValue == pillar })
        #expect(p.level == .bindingQualified)
        #expect(p.limitations.map(\.id).contains(limitation), "\(p.limitations.map(\.id))")
        #expect(p.limitations.allSatisfy { !$0.baselines.isEmpty || $0.id == "no-dispute-settlement" || LimitationID.common.contains($0.id) })
        #expect(p.score < 90 && p.score >= 50)
        // Pillars the draft does not touch stay at the baseline.
        for other in v.pillars where other.id.rawValue != pillar && limitation != "no-dispute-settlement" && limitation != "self-judging" {
            #expect(other.level == .baseline, "\(other.id.rawValue) in \(file)")
        }
    }

    @Test func softDraftIsSoftOnEveryPillar() throws {
        let v = try grade("soft-draft.md")
        #expect(v.pillars.allSatisfy { $0.level == .soft }, "\(v.pillars.map { "\($0.id.rawValue)=\($0.level.rawValue)" })")
        #expect(v.pillars.allSatisfy { (10...49).contains($0.score) })
    }

    @Test func rePaginationKeepsFingerprints() throws {
        let grader = Grader(rules: try #require(ProjectRules.loaded))
        let text = try String(contentsOfFile: Self.drafts + "/limitation-localization-exception.md", encoding: .utf8)
        let a = try DocumentLoader.load(bytes: Array(text.utf8), path: "a.md")
        let b = try DocumentLoader.load(bytes: Array(("\n\n\n\n" + text).utf8), path: "a.md")
        let fa = grader.grade(a).pillars.flatMap { $0.limitations + $0.deviations }.map(\.fingerprint)
        let fb = grader.grade(b).pillars.flatMap { $0.limitations + $0.deviations }.map(\.fingerprint)
        #expect(!fa.isEmpty)
        #expect(fa == fb)
    }
}
