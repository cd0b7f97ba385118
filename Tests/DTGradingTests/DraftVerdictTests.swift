import DTGrading
import DTIngest
import DTRules
import DTTestSupport
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

    /// Grading threads after the first grade with an independent copy of the
    /// compiled rules: it must grade every draft and real text the same way, and
    /// share no rule, pattern or keyword automaton with the original.
    @Test func independentCopyGradesTheSameAndSharesNothing() throws {
        let rules = try #require(ProjectRules.loaded)
        let copy = rules.independentCopy()
        #expect(copy.rules.map(\.id) == rules.rules.map(\.id))
        #expect(copy.sources.map(\.file) == rules.sources.map(\.file))
        #expect(copy.keywordMatcher !== rules.keywordMatcher)
        for (a, b) in zip(rules.rules, copy.rules) {
            #expect(a !== b)
            #expect(a.kind == b.kind && a.pillars == b.pillars && a.scope == b.scope && a.message == b.message)
            for (p, q) in zip(a.when + a.unless + a.headings + a.context, b.when + b.unless + b.headings + b.context) {
                #expect(p !== q && p.source == q.source)
            }
        }
        for (p, q) in zip(rules.modality.binding + rules.modality.nonBinding + rules.modality.exception,
                          copy.modality.binding + copy.modality.nonBinding + copy.modality.exception) {
            #expect(p !== q && p.source == q.source)
        }
        var paths = try FileManager.default.contentsOfDirectory(atPath: Self.drafts).filter { $0.hasSuffix(".md") }.sorted()
            .map { Self.drafts + "/" + $0 }
        paths += SharedCorpus.totaFiles(450)?.enumerated().filter { $0.offset % 15 == 0 }.map(\.element) ?? []
        for path in paths {
            let agreement = try DocumentLoader.load(path: path)
            let a = Grader(rules: rules).grade(agreement), b = Grader(rules: copy).grade(agreement)
            #expect(a == b, "\(path)")
        }
    }

    /// Typography from Word and PDF inside the words the prefilter looks for (a
    /// no-break space, a non-breaking hyphen, curly quotes, a soft hyphen, a
    /// ligature) grades as the plain text does: the prefilter reads what the
    /// normalised sentences read.
    @Test func typographyInsideKeywordsGradesAsPlainText() throws {
        let grader = Grader(rules: try #require(ProjectRules.loaded))
        let plain = """
            Article 1 Cross-Border Transfer of Information by Electronic Means

            1. No Party shall prohibit or restrict the cross-border transfer of information, including personal information, by electronic means if this activity is for the conduct of the business of a covered person.

            Article 2 Customs Duties

            1. No Party shall impose customs duties on electronic transmissions, including content transmitted electronically.

            Article 3 Cooperation

            1. Recognizing the importance of the free flow of information in facilitating trade, the Parties shall endeavor to refrain from imposing or maintaining unnecessary barriers to electronic information flows across borders.
            """
        let typeset = plain
            .replacingOccurrences(of: "cross-border transfer", with: "cross\u{2011}border\u{00A0}transfer")
            .replacingOccurrences(of: "electronic transmissions", with: "elec\u{00AD}tronic\u{00A0}transmissions")
            .replacingOccurrences(of: "free flow", with: "\u{201C}free \u{FB02}ow\u{201D}")
            .replacingOccurrences(of: "Article 1 Cross-Border", with: "Article 1 General")
        #expect(typeset != plain)
        let a = grader.grade(try DocumentLoader.load(bytes: Array(plain.utf8), path: "plain.txt"))
        let b = grader.grade(try DocumentLoader.load(bytes: Array(typeset.utf8), path: "typeset.txt"))
        #expect(a.pillars.first { $0.id == .dataFlows }?.level == .baseline)
        #expect(a.pillars.first { $0.id == .customsDuties }?.level == .baseline)
        #expect(a.pillars.map(\.level) == b.pillars.map(\.level))
        #expect(a.pillars.map(\.score) == b.pillars.map(\.score))
    }

    /// An exclusion from dispute settlement written in another chapter reaches the
    /// commitment when it names the commitment's chapter by number, and only then.
    @Test func exclusionNamingTheChapterByNumberReachesIt() throws {
        let grader = Grader(rules: try #require(ProjectRules.loaded))
        func draft(excluding chapter: String) -> String {
            """
            Chapter 14 Electronic Commerce

            Article 14.1 Customs Duties

            1. No Party shall impose customs duties on electronic transmissions, including content transmitted electronically.

            Chapter 28 Dispute Settlement

            Article 28.1 Scope

            1. Dispute settlement under this Agreement shall not apply to Chapter \(chapter) (Other Matters).
            """
        }
        func customs(_ text: String) throws -> PillarVerdict? {
            grader.grade(try DocumentLoader.load(bytes: Array(text.utf8), path: "draft.txt")).pillars.first { $0.id == .customsDuties }
        }
        let excluded = try customs(draft(excluding: "14"))
        #expect(excluded?.level == .bindingQualified)
        #expect(excluded?.limitations.map(\.id) == ["no-dispute-settlement"])
        // Another chapter's number, or one that only begins the same (Chapter 140), leaves it whole.
        for other in ["15", "140", "1.4"] {
            #expect(try customs(draft(excluding: other))?.level == .baseline, "Chapter \(other)")
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
