@testable import DTGrading
import DTIngest
import DTModel
import DTRules
import DTTestSupport
import Foundation
import Testing

/// "What to change" (#19): every pillar below baseline gets the baseline's own
/// wording, and each limitation and deviation a change grounded in the baselines.
@Suite struct SuggestionTests {
    static let root = SharedCorpus.packageRoot.path

    static func grade(_ path: String, baselines: [BaselineID] = BaselineID.allCases) throws -> DocumentVerdict {
        let grader = Grader(rules: try #require(ProjectRules.loaded))
        return grader.grade(try DocumentLoader.load(path: path), options: GradeOptions(baselines: baselines))
    }

    /// Every wording the baseline files quote: `wording:` paragraphs and deviation formulas.
    static func baselineTexts() throws -> Set<String> {
        let rules = try #require(ProjectRules.loaded)
        var texts = Set(rules.baselineReferences.values.flatMap { $0.wording.map(\.text) })
        for r in rules.rules where r.kind == .deviation { if let f = r.formula { texts.insert(f) } }
        return texts
    }

    /// The text drafts of the team (corpus/drafts and its folders).
    static func teamDrafts() -> [String] {
        let dir = root + "/corpus/drafts"
        let all = (FileManager.default.enumerator(atPath: dir)?.allObjects as? [String]) ?? []
        let extensions = [".md", ".txt", ".html", ".xml", ".docx"]
        return all.filter { name in extensions.contains { name.hasSuffix($0) } && !name.hasSuffix("README.md") }.sorted().map { dir + "/" + $0 }
    }

    /// The check the issue names, over `paths`: each pillar below baseline has a
    /// suggestion whose text is a baseline paragraph quoted in rules/baselines; each
    /// limitation and deviation is answered by one; returns how many pillars were checked.
    static func checkEveryPillar(_ paths: [String]) throws -> Int {
        let texts = try baselineTexts()
        var checked = 0
        for path in paths {
            let doc = try grade(path)
            guard doc.status == .assessed else { continue }
            for p in doc.pillars where p.level < .baseline && p.level != .notAssessed {
                checked += 1
                let list = p.suggestions ?? []
                let fromYAML = list.contains { s in s.isBaselineWording && (texts.contains(s.text) || texts.contains { s.text.contains($0) }) }
                #expect(fromYAML, "\(path) \(p.id.rawValue) \(p.level.rawValue): no suggestion quoting the baseline: \(list.map(\.text))")
                #expect(list.contains { $0.addresses.contains("level") }, "\(path) \(p.id.rawValue): the level is not addressed")
            }
            for p in doc.pillars {
                for f in p.limitations + p.deviations where f.evidence != nil {
                    let answered = (p.suggestions ?? []).contains { $0.addresses.contains(f.id) }
                    #expect(answered, "\(path) \(p.id.rawValue): \(f.kind.rawValue) \(f.id) has no suggestion")
                }
            }
        }
        return checked
    }

    @Test func everyPillarBelowBaselineInTheTeamDraftsQuotesTheBaseline() throws {
        let drafts = Self.teamDrafts()
        #expect(drafts.count >= 20)
        let checked = try Self.checkEveryPillar(drafts)
        #expect(checked >= 20, "only \(checked) pillars below baseline")
    }

    @Test(.needsSharedCorpus) func everyPillarBelowBaselineInASampleOfTheSharedCorpusQuotesTheBaseline() throws {
        guard let tota = SharedCorpus.path("tota"), let other = SharedCorpus.path("other") else { return }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: tota)) ?? []).filter { $0.hasSuffix(".xml") }.sorted()
        var paths = SweepSample.every(15, of: names).map { tota + "/" + $0 }
        paths += ["tpp-ch14.md", "rcep-ch12.txt", "wto-jsi-ecommerce-2024.md"].map { other + "/" + $0 }
        let checked = try Self.checkEveryPillar(paths)
        #expect(checked >= 50, "only \(checked) pillars below baseline")
    }

    @Test func anAbsentPillarGetsTheBaselineArticleWhole() throws {
        // A text with no customs-duties provision at all: the whole of USMCA 19.3, no redline.
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("dtcheck-sugg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("flows-only.md")
        try """
        # Chapter 1: Digital Trade

        ## Article 1.1: Cross-Border Transfer of Information

        No Party shall prohibit or restrict the cross-border transfer of information, including personal information, by electronic means if this activity is for the conduct of the business of a covered person.
        """.write(to: file, atomically: true, encoding: .utf8)
        let doc = try Self.grade(file.path)
        let duties = try #require(doc.pillar(.customsDuties))
        #expect(duties.level == .absent)
        let s = try #require(duties.suggestions?.first)
        #expect(s.action == .insert && s.diff == nil && s.location == nil)
        #expect(s.baseline == .usmca && s.article == "19.3")
        #expect(s.text.hasPrefix("1. No Party shall impose customs duties, fees, or other charges"))
        #expect(s.text.contains("2. For greater certainty, paragraph 1 does not preclude a Party from imposing internal taxes"))
        // Measured against UJDTA alone, its own article.
        let ujdta = try #require(try Self.grade(file.path, baselines: [.ujdta]).pillar(.customsDuties)?.suggestions?.first)
        #expect(ujdta.baseline == .ujdta && ujdta.article == "7" && ujdta.text.hasPrefix("1. Neither Party shall impose customs duties"))
    }

    @Test func selfJudgingDraftStrikesTheLimitingWords() throws {
        let doc = try Self.grade(Self.root + "/corpus/drafts/limitation-self-judging.md")
        let pillar = try #require(doc.pillars.first { $0.limitations.contains { $0.id == "self-judging" } })
        let s = try #require(pillar.suggestions?.first { $0.addresses.contains("self-judging") })
        #expect(s.action == .removePhrase)
        let diff = try #require(s.diff)
        let removed = diff.filter { $0.kind == .removed }.map(\.text).joined(separator: " ")
        #expect(removed.contains("that it considers"), "\(removed)")
        #expect(removed.contains("shall not be disputed by other Parties"), "\(removed)")
        // Striking words adds none; a word may only change its punctuation ("interests," → "interests.").
        func bare(_ runs: [WordDiff.Run]) -> Set<String> {
            Set(runs.flatMap { $0.text.split(separator: " ").map { $0.trimmingCharacters(in: .punctuationCharacters) } })
        }
        #expect(bare(diff.filter { $0.kind == .added }).isSubset(of: bare(diff.filter { $0.kind == .removed })), "\(diff)")
        #expect(s.text.contains("any measure necessary for the protection of its essential security interests"), "\(s.text)")
        #expect(!s.text.contains("considers") && !s.text.contains("disputed"))
        #expect(s.text.hasPrefix("Nothing in this Article shall be construed to prevent a Party"))
        #expect(s.text.hasSuffix("."))
    }

    @Test func domesticLawDraftStrikesTheLeadIn() throws {
        let doc = try Self.grade(Self.root + "/corpus/drafts/limitation-domestic-law.md")
        let loc = try #require(doc.pillar(.localization))
        #expect(loc.level == .bindingQualified)
        let s = try #require(loc.suggestions?.first { $0.addresses.contains("domestic-law") })
        // Striking the lead-in is also the whole redline to USMCA 19.12: one suggestion answers both.
        #expect(s.addresses == ["level", "domestic-law"])
        #expect(s.diff?.first == WordDiff.Run(kind: .removed, text: "Subject to its laws and regulations,"), "\(String(describing: s.diff))")
        #expect(s.diff?.contains { $0.kind == .added } == false)
        #expect(s.text == "No Party shall require a covered person to use or locate computing facilities in that Party's territory as a condition for conducting business in that territory.")
        #expect(s.baseline == .usmca && s.article.hasPrefix("19.12"))
        // The level's own suggestion is the same change, so it is listed once.
        #expect(loc.suggestions?.filter { $0.text == s.text }.count == 1)
    }

    @Test func aLocalizationExceptionIsStruckNotDiffedAgainstAnotherArticle() throws {
        let doc = try Self.grade(Self.root + "/corpus/drafts/limitation-localization-exception.md")
        let loc = try #require(doc.pillar(.localization))
        let s = try #require(loc.suggestions?.first { $0.addresses.contains("localization-exception") })
        #expect(s.action == .remove && s.text.isEmpty)
        #expect(s.diff?.allSatisfy { $0.kind == .removed } == true)
        // The level's suggestion: the commitment already reads as the baseline.
        let level = try #require(loc.suggestions?.first { $0.addresses.contains("level") })
        #expect(level.diff.map { $0.allSatisfy { $0.kind == .same } } == true)
    }

    @Test func aTimeLimitOfItsOwnIsStruckWholeAndCurrentPracticeRewritten() throws {
        let timed = try #require(try Self.grade(Self.root + "/corpus/drafts/limitation-time-limited.md").pillars.first {
            $0.limitations.contains { $0.id == "time-limited" } })
        let t = try #require(timed.suggestions?.first { $0.addresses.contains("time-limited") })
        #expect(t.action == .remove, "striking 'shall expire' alone would leave 'This Article five years after …': \(t)")
        let duties = try #require(try Self.grade(Self.root + "/corpus/drafts/limitation-current-practice.md").pillar(.customsDuties))
        #expect(duties.level == .bindingQualified)
        let c = try #require(duties.suggestions?.first { $0.addresses.contains("current-practice") })
        #expect(c.action == .replace && c.addresses.contains("level"), "\(c)")
        #expect(c.diff?.contains { $0.kind == .removed && $0.text.contains("current practice") } == true)
    }

    @Test func noNecessityTestBecomesTheBaselineException() throws {
        let doc = try Self.grade(Self.root + "/corpus/drafts/limitation-no-necessity-test.md")
        let flows = try #require(doc.pillar(.dataFlows))
        let s = try #require(flows.suggestions?.first { $0.addresses.contains("no-necessity-test") })
        #expect(s.action == .replace)
        #expect(["19.11.2", "11.2"].contains(s.article))
        #expect(s.text.contains("greater than are necessary to achieve the objective"))
        #expect(s.diff?.contains { $0.kind == .added } == true)
    }

    @Test func aSoftPillarGetsTheBindingWordingAsARedline() throws {
        let doc = try Self.grade(Self.root + "/corpus/drafts/soft-draft.md")
        let soft = try #require(doc.pillar(.localization))
        #expect(soft.level == .soft)
        let s = try #require(soft.suggestions?.first { $0.addresses.contains("level") })
        #expect(s.action == .replace && s.diff != nil && s.location != nil)
        let diff = try #require(s.diff)
        #expect(diff.contains { $0.kind == .same } && diff.contains { $0.kind == .added })
        #expect(try Self.baselineTexts().contains(s.text))
        #expect(diff.contains { $0.kind == .removed && $0.text.contains("endeavour") }, "\(diff)")
        // A clause sharing too few words for a redline gets the commitment whole, placed by its article.
        for p in doc.pillars where p.level == .soft {
            let level = try #require(p.suggestions?.first { $0.addresses.contains("level") })
            #expect(level.action == .replace ? level.diff != nil : (level.action == .insert && level.draftArticle != nil), "\(level)")
        }
    }

    @Test func aTextNotInEnglishGetsTheWordingWithoutARedline() throws {
        let doc = try Self.grade(Self.root + "/corpus/drafts/fr-limitations-draft.md")
        let suggestions = doc.pillars.flatMap { $0.suggestions ?? [] }
        #expect(!suggestions.isEmpty)
        // Striking a French phrase stays within the French sentence; no English redline.
        for s in suggestions where s.isBaselineWording { #expect(s.diff == nil, "\(s)") }
    }

    @Test func strikingAPhraseInsideTheSentenceKeepsItsPunctuation() throws {
        let rules = try #require(ProjectRules.loaded)
        let b = SuggestionBuilder(rules: rules, baselines: BaselineID.allCases, language: "en")
        let f = Finding(id: "domestic-law", kind: .limitation, rule: "common.domestic-law", message: "", baselines: [], evidence: nil, fingerprint: "")
        let mid = "No Party shall, subject to its laws and regulations, require a covered person to use or locate computing facilities in its territory."
        #expect(b.strikePhrase(of: f, in: mid) == "No Party shall require a covered person to use or locate computing facilities in its territory.")
        let end = "No Party shall require a covered person to use or locate computing facilities in its territory in accordance with its laws and regulations."
        #expect(b.strikePhrase(of: f, in: end) == "No Party shall require a covered person to use or locate computing facilities in its territory.")
        #expect(b.strikePhrase(of: f, in: "No Party shall require localization.") == nil)
    }

    /// The absent pillar's insertion, made once per process, is the one made afresh,
    /// for every pillar and baseline; a reference worded otherwise gets its own.
    @Test func absentInsertionMadeOnceIsMadeAfresh() throws {
        let rules = try #require(ProjectRules.loaded)
        let cache = AbsentPillarInsertions()
        for (pillar, ref) in rules.baselineReferences {
            for b in BaselineID.allCases {
                let fresh = AbsentPillarInsertions.make(pillar, baseline: b, ref: ref)
                #expect(cache.insertion(for: pillar, baseline: b, ref: ref) == fresh)
                #expect(cache.insertion(for: pillar, baseline: b, ref: ref) == fresh)
                #expect(fresh == nil || fresh?.action == .insert)
                var other = ref
                for i in other.wording.indices where other.wording[i].baseline == b { other.wording[i].text += " (amended)" }
                let amended = cache.insertion(for: pillar, baseline: b, ref: other)
                #expect(amended == AbsentPillarInsertions.make(pillar, baseline: b, ref: other))
                if fresh != nil { #expect(amended != fresh) }
            }
        }
    }
}
