import DTDrafts
import DTGrading
import DTIngest
import DTModel
import DTRules
import DTTestSupport
import Foundation
import Testing

/// Grading by state (PILLARS.md "Negotiating drafts") on the team's drafts and on
/// small texts written here.
@Suite struct DraftGradingTests {
    static var rules: RuleSet? { ProjectRuleSet.loaded }
    static let folder = SharedCorpus.packageRoot.appendingPathComponent("corpus/drafts/negotiating").path

    static func grade(_ text: String, path: String = "draft.md") throws -> DocumentVerdict {
        let rules = try #require(Self.rules)
        return Grader(rules: rules).grade(try DocumentLoader.load(bytes: Array(text.utf8), path: path))
    }

    static func grade(file: String) throws -> DocumentVerdict {
        let rules = try #require(Self.rules)
        return Grader(rules: rules).grade(try DocumentLoader.load(path: folder + "/" + file))
    }

    /// The issue's first example: a bracketed ban is not a secured pillar.
    @Test func bracketedBanIsProposedNotAgreed() throws {
        let v = try Self.grade("""
            ## Article 5: Location of Computing Facilities

            [No Party shall require a covered person to use or locate computing facilities in that Party's territory as a condition for conducting business in that territory.] [US propose; VN oppose]
            """)
        let p = try #require(v.pillar(.localization))
        #expect(p.level == .absent)
        #expect(p.proposed?.level == .baseline)
        #expect(p.weakest?.level == .absent)
        let open = try #require(p.open?.first)
        #expect(open.parties == "US propose; VN oppose")
        #expect(open.proposing == ["US"] && open.opposing == ["VN"])
        #expect(open.level == .baseline)
        #expect(open.article == "Article 5")
        #expect(v.draft?.brackets == 1)
    }

    @Test func inlineWeakeningIsTheWeakest() throws {
        let v = try Self.grade("""
            ## Article 5: Location of Computing Facilities

            No Party shall [TW propose: endeavour to] require a covered person to use or locate computing facilities in that Party's territory as a condition for conducting business in that territory.
            """)
        let p = try #require(v.pillar(.localization))
        #expect(p.level == .baseline)
        #expect(p.weakest?.level == .soft)
        #expect(p.proposed?.level == .baseline)
        #expect(p.open?.map(\.parties) == ["TW propose"])
    }

    @Test func bracketedExceptionIsDroppedFromTheAgreedText() throws {
        let v = try Self.grade("""
            ## Article 5: Location of Computing Facilities

            1. No Party shall require a covered person to use or locate computing facilities in that Party's territory as a condition for conducting business in that territory.

            2. [VN propose: Nothing in this Article shall prevent a Party from adopting or maintaining measures inconsistent with paragraph 1 that it considers necessary to achieve a legitimate public policy objective.]
            """)
        let p = try #require(v.pillar(.localization))
        #expect(p.level == .baseline)
        #expect(p.weakest?.level == .bindingQualified)
        #expect(p.open?.first?.limitations.isEmpty == false)
    }

    /// The same draft as .txt, .md, .html and .docx gives the same states.
    @Test func sameStatesInEveryFormat() throws {
        func states(_ v: DocumentVerdict) -> [String] {
            v.pillars.map { p in
                let open = (p.open ?? []).map { "\($0.article)|\($0.parties ?? "-")|\($0.level.rawValue) \($0.score)|\($0.quote)" }
                return "\(p.id.rawValue) \(p.level.rawValue) \(p.score) proposed \(p.proposed.map { "\($0.level.rawValue) \($0.score)" } ?? "-")"
                    + " weakest \(p.weakest.map { "\($0.level.rawValue) \($0.score)" } ?? "-") open \(open)"
            } + [(v.draft?.comments ?? []).map { "\($0.article ?? "-") \($0.author ?? "-") \($0.text)" }.joined(separator: ";"),
                 "brackets \(v.draft?.brackets ?? -1) placeholders \(v.draft?.placeholders ?? -1)"]
        }
        let txt = states(try Self.grade(file: "round3.txt"))
        #expect(txt.contains { $0.hasPrefix("localization absent 0 proposed baseline") })
        for ext in ["md", "html", "docx"] {
            #expect(states(try Self.grade(file: "round3.\(ext)")) == txt, "round3.\(ext)")
        }
    }

    @Test func everyFormInOneDraft() throws {
        let v = try Self.grade(file: "forms.md")
        let data = try #require(v.pillar(.dataFlows))
        #expect(data.level == .absent)
        #expect(data.open?.map(\.label) == ["ALT 1", "ALT 2"])
        #expect(data.open?.first?.group == data.open?.last?.group)
        #expect(data.proposed?.level == .baseline)
        let loc = try #require(v.pillar(.localization))
        // The nested exception accepted with the ban it sits in.
        #expect(loc.open?.count == 3)
        #expect(loc.open?.last?.parties == "SG propose")
        #expect(loc.open?.last?.level == .bindingQualified)
        let code = try #require(v.pillar(.sourceCode))
        #expect(code.level == .absent && code.proposed?.level == .baseline)
        let duties = try #require(v.pillar(.customsDuties))
        #expect(duties.open?.map(\.label) == ["Option A", "Option B"])
        #expect(duties.weakest?.level == .absent)
        #expect(v.draft?.comments.count == 2)
        #expect(v.draft?.placeholders == 1)
        #expect(v.draft?.warnings.isEmpty == true)
    }

    @Test func unbalancedBracketIsWarnedAbout() throws {
        let v = try Self.grade(file: "unbalanced.txt")
        #expect(v.draft?.warnings.count == 1)
        #expect(v.draft?.warnings.first?.hasSuffix("unbalanced.txt:5: bracket never closed; closed before Article 8") == true)
        #expect(v.pillar(.customsDuties)?.level == .baseline)
        #expect(v.pillar(.localization)?.open?.first?.unbalanced == true)
    }

    /// Editorial brackets change nothing: no draft fields, the verdict of the text without them.
    @Test func editorialOnlyIsNoDraft() throws {
        let v = try Self.grade(file: "editorial-only.md")
        #expect(v.draft == nil)
        #expect(v.pillars.allSatisfy { $0.proposed == nil && $0.weakest == nil && $0.open == nil })
        #expect(v.pillar(.localization)?.level == .baseline)
    }

    /// The reduced grading (touched articles plus those the pillar reads) agrees
    /// with grading the whole text with the bracket accepted.
    @Test func acceptedLevelsMatchTheWholeTextAccepted() throws {
        let rules = try #require(Self.rules)
        let agreement = try DocumentLoader.load(path: Self.folder + "/forms.md")
        let analysis = DraftAnalysis(agreement)
        let v = Grader(rules: rules).grade(agreement)
        for p in v.pillars {
            for o in p.open ?? [] {
                let whole = Grader(rules: rules).grade(analysis.agreement(agreement, accepting: Set(analysis.chain(o.bracket))))
                #expect(whole.pillar(p.id)?.level == o.level, "\(p.id) bracket \(o.bracket)")
                #expect(whole.pillar(p.id)?.score == o.score, "\(p.id) bracket \(o.bracket)")
            }
        }
    }

    /// The proposed and weakest states, combined ones included, are those the
    /// whole text gives with their brackets accepted.
    @Test(arguments: ["forms.md", "round3.md", "together"])
    func statesMatchTheWholeTextAccepted(_ file: String) throws {
        let rules = try #require(Self.rules)
        let agreement = file == "together" ? try DocumentLoader.load(bytes: Array(Self.together.utf8), path: "draft.md")
            : try DocumentLoader.load(path: Self.folder + "/" + file)
        let analysis = DraftAnalysis(agreement)
        let v = Grader(rules: rules).grade(agreement)
        for p in v.pillars {
            for state in [p.proposed, p.weakest].compactMap({ $0 }) where !state.brackets.isEmpty {
                let whole = Grader(rules: rules).grade(analysis.agreement(agreement, accepting: Set(state.brackets)))
                #expect(whole.pillar(p.id)?.level == state.level, "\(file) \(p.id) brackets \(state.brackets)")
                #expect(whole.pillar(p.id)?.score == state.score, "\(file) \(p.id) brackets \(state.brackets)")
            }
        }
    }

    /// Two proposals that only together make the data-flows commitment: each
    /// accepted alone leaves the pillar absent, both accepted make it baseline.
    /// (Side by side with nothing between, attributed proposals would be
    /// alternatives to each other; `the` between them makes them two proposals.)
    static let together = """
        ## Article 4: Cross-Border Transfer of Information by Electronic Means

        No Party shall [AU/JP propose: prohibit or restrict] the [SG propose: cross-border transfer of information, including personal information, by electronic means] if this activity is for the conduct of the business of a covered person.
        """

    @Test func twoProposalsThatOnlyTogetherLiftAPillar() throws {
        let v = try Self.grade(Self.together)
        let p = try #require(v.pillar(.dataFlows))
        #expect(p.level == .absent)
        let proposed = try #require(p.proposed)
        #expect(proposed.level == .baseline)
        #expect(proposed.brackets == [0, 1])
        #expect(proposed.together == [0, 1])
        #expect(p.weakest?.level == .absent)
        // Both brackets bear on the pillar, though each alone changes nothing.
        #expect(p.open?.map(\.parties) == ["AU/JP propose", "SG propose"])
        #expect(p.open?.map(\.level) == [.absent, .absent])
        // And the whole text with both accepted says the same.
        let rules = try #require(Self.rules)
        let agreement = try DocumentLoader.load(bytes: Array(Self.together.utf8), path: "draft.md")
        let both = DraftAnalysis(agreement).agreement(agreement, accepting: [0, 1])
        #expect(Grader(rules: rules).grade(both).pillar(.dataFlows)?.level == .baseline)
    }

    /// Alternatives are never combined: of a group only the strongest goes into
    /// the combined choice.
    @Test func combinedChoiceTakesOneAlternativeOfAGroup() throws {
        let v = try Self.grade("""
            ## Article 4: Cross-Border Transfer of Information by Electronic Means

            No Party shall [ALT 1: prohibit or restrict] [ALT 2: endeavour not to prohibit or restrict] the [SG propose: cross-border transfer of information, including personal information, by electronic means] if this activity is for the conduct of the business of a covered person.
            """)
        let p = try #require(v.pillar(.dataFlows))
        let proposed = try #require(p.proposed)
        #expect(proposed.level == .baseline)
        let labels = Set((p.open ?? []).filter { proposed.brackets.contains($0.bracket) }.compactMap(\.label))
        #expect(labels == ["ALT 1"])
    }
}
