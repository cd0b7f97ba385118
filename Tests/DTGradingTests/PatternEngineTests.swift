@testable import DTGrading
@testable import DTModel
@testable import DTRules
import DTTestSupport
import Foundation
import Testing

/// `PhraseProgram` answers instead of ICU where a pattern's first match starts
/// and where the last of its successive matches ends: it must give ICU's answers
/// for every pattern the rules hold, on real and awkward text, normalised or not.
@Suite struct PatternEngineTests {
    static var rules: RuleSet? { PrefilterTests.rules }

    /// The patterns the prefilter tests read, and each term on its own, as the
    /// required parts of gapped patterns are read.
    static var allPatterns: [Pattern] {
        guard let rules else { return [] }
        return PrefilterTests.allPatterns + rules.terms.keys.sorted().compactMap { try? Pattern("{\($0)}", terms: rules.terms) }
    }

    func expectSameAnswers(on texts: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Int {
        let patterns = Self.allPatterns
        var compared = 0
        for text in texts {
            for candidate in [text, TextNormalizer.normalize(text)] {
                let ns = candidate as NSString
                for p in patterns {
                    #expect(p.program != nil, "\(p.source)", sourceLocation: sourceLocation)
                    let ours = p.firstMatch(in: ns)?.location
                    let icu = p.regexFirstMatch(in: ns)?.location
                    #expect(ours == icu, "\(p.source) on \(candidate.prefix(160))", sourceLocation: sourceLocation)
                    // Where the last of the successive matches ends (modal force's question).
                    let ourEnd = p.lastMatchEnd(in: ns)
                    let icuEnd = p.matches(in: ns).last.map { $0.location + $0.length }
                    #expect(ourEnd == icuEnd, "end: \(p.source) on \(candidate.prefix(160))", sourceLocation: sourceLocation)
                    compared += 1
                }
            }
        }
        return compared
    }

    /// The second-scalar filter lets through every pair a match can begin with,
    /// and rules out the others.
    @Test func secondScalarFilter() throws {
        func v(_ c: Character) -> UInt32 { c.unicodeScalars.first?.value ?? 0 }
        func admits(_ source: String, _ pair: String) throws -> Bool {
            let p = try PhraseProgram(source)
            let a = Array(pair)
            return p.second.admits(v(a[0]), then: v(a[1]))
        }
        // A hyphen is "-", white space or nothing.
        for pair in ["ec", "e-", "e ", "e\t"] { #expect(try admits("e-commerce", pair), "\(pair)") }
        #expect(try !admits("e-commerce", "ex"))
        #expect(try !admits("e-commerce", "el"))
        for pair in ["el", "di", "pe"] { #expect(try admits("(electronic commerce|digital trade|personal data)", pair)) }
        for pair in ["ex", "da", "pa", "ee"] { #expect(try !admits("(electronic commerce|digital trade|personal data)", pair)) }
        // Optional parts and runs: "transfer*" may go on with a letter, "s?" may be skipped.
        #expect(try admits("(data|information)s? flow", "da"))
        #expect(try admits("dat*", "da"))
        #expect(try !admits("dat*", "dx"))
        // A match that can end after one scalar, or a gap, lets anything follow.
        #expect(try admits("a*", "a!"))
        #expect(try admits("x... y", "x!"))
        // A second scalar outside ASCII is never ruled out.
        #expect(try admits("data", "dé"))
        #expect(try admits("data", "d\u{00A0}"))
    }

    @Test func agreesWithICUOnRuleExamples() throws {
        let rules = try #require(Self.rules)
        let texts = rules.rules.flatMap { $0.examples.map(\.text) }
        #expect(expectSameAnswers(on: texts) > 10_000)
    }

    @Test func agreesWithICUOnAwkwardText() {
        let gap = String(repeating: "x", count: 140)
        let texts = [
            "Each Party shall not require a covered person to use or locate computing facilities \(gap) in that Party's territory as a condition",
            "requir" + String(repeating: "e", count: 149) + " to use computing facilities", "requir to use" + String(repeating: " ", count: 151) + "computing facilities",
            "cross‑border transfer of information — “by electronic means”; naïve café Québec ÉLAN",
            "the Party may\u{0301} not; maybe; may-be; may_be; may1; 'may'; (may)", "e\u{0301}lectronic transmissions\u{00A0}shall",
            // A format character is looked through by ICU's word boundary: no boundary before it.
            "the party may\u{200B} not", "the party may\u{00AD}be", "x\u{200B}may not", "\u{200B}may", "may\u{0301}",
            "customs\tduties on\nelectronic\u{2028}transmissions", "𝒳 customs duties 𝒳 on electronic transmissions 😀 shall",
            "party's parties' partys party s", "cross - border  cross--border crossborder", "data-processing data processing dataprocessing",
            "", " ", "shall", "SHALL NOT", "no party shall require the transfer of, or access to, source code",
            "Neither Party shall have recourse to Chapter 21 (Dispute Settlement) for any matter arising under this Chapter.",
            "dispute settlement procedures under chapter 28 shall not apply to this article.",
        ]
        #expect(expectSameAnswers(on: texts) > 1_000)
    }

    /// Sentences of ToTA articles that name a pillar keyword: every twentieth
    /// agreement, and TPP's.
    @Test func agreesWithICUOnRealSentences() throws {
        let rules = try #require(Self.rules)
        guard let all = SharedCorpus.totaFiles(450), let tpp = SharedCorpus.path("tota/pta_449.xml") else { return }
        let files = [tpp] + all.enumerated().filter { $0.offset % 20 == 7 }.map(\.element)
        let texts = try PrefilterTests.keywordSentences(of: files, rules: rules)
        #expect(texts.count > 600)
        // Spread over the agreements, not only the first ones read.
        let step = max(1, texts.count / 700)
        let sample = texts.enumerated().filter { $0.offset % step == 0 }.map(\.element)
        #expect(expectSameAnswers(on: sample) > 100_000)
    }
}
