@testable import DTGrading
@testable import DTModel
@testable import DTRules
import DTTestSupport
import Foundation
import Testing

/// `PhraseProgram` answers for every pattern where its matches start and end:
/// it must give the answers of the ICU regex the same tree means (`PatternRegex`),
/// on generated patterns over generated and real text, and on every rule's
/// patterns.
@Suite struct PatternEngineTests {
    static var rules: RuleSet? { PrefilterTests.rules }

    /// The patterns the prefilter tests read, and each term on its own, as the
    /// required parts of gapped patterns are read.
    static let allPatterns: [Pattern] = {
        guard let rules else { return [] }
        return PrefilterTests.allPatterns + rules.terms.keys.sorted().compactMap { try? Pattern("{\($0)}", terms: rules.terms) }
    }()

    /// The successive matches ICU finds, as (start, end) in UTF-16 units.
    static func icuMatches(_ regex: NSRegularExpression, in text: String) -> [[Int]] {
        regex.matches(in: text, options: [], range: NSRange(location: 0, length: (text as NSString).length))
            .map { [$0.range.location, $0.range.location + $0.range.length] }
    }

    static func ourMatches(_ p: Pattern, in text: String) -> [[Int]] {
        p.matches(in: text as NSString).map { [$0.location, $0.location + $0.length] }
    }

    /// Compares every successive match, and the first match and last end grading
    /// asks for, with ICU's; returns how many (pattern, text) pairs were compared.
    ///
    /// `icuAnswered` sees ICU's matches of each pair, so a caller checks more of
    /// them without asking ICU again (ICU is most of these tests' time). A test
    /// records an issue only on a difference: an `#expect` per pair cost more than
    /// the comparison.
    func expectSameAnswers(_ patterns: [Pattern], on texts: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation,
                           icuAnswered: (Pattern, String, [[Int]]) -> Void = { _, _, _ in }) throws -> Int {
        var compared = 0
        for p in patterns {
            let regex = try p.referenceRegex()
            for text in texts {
                let icu = Self.icuMatches(regex, in: text)
                icuAnswered(p, text, icu)
                let ours = Self.ourMatches(p, in: text)
                if ours != icu {
                    #expect(ours == icu, "\(p.source) (\(regex.pattern)) on \(text.debugDescription.prefix(200))", sourceLocation: sourceLocation)
                }
                let first = p.firstMatch(in: text as NSString).map { [$0.location, $0.location + $0.length] }
                if first != icu.first {
                    #expect(first == icu.first, "first: \(p.source) on \(text.debugDescription.prefix(200))", sourceLocation: sourceLocation)
                }
                let end = p.lastMatchEnd(in: text as NSString)
                if end != icu.last?[1] {
                    #expect(end == icu.last?[1], "end: \(p.source) on \(text.debugDescription.prefix(200))", sourceLocation: sourceLocation)
                }
                compared += 1
            }
        }
        return compared
    }

    // MARK: - Generated patterns

    /// Random patterns from the whole grammar over generated texts, and over the
    /// rule examples (real sentences, in the repository), with a fixed seed.
    @Test func agreesWithICUOnGeneratedPatterns() throws {
        var g = PatternGenerator(seed: 0x17_2026)
        let rules = try #require(Self.rules)
        let examples = rules.rules.flatMap { $0.examples.map(\.text) }
        var real: [String] = []
        for (k, e) in examples.enumerated() where k % 4 == 0 { real += [e, TextNormalizer.normalize(e)] }
        var accepted = 0
        var refusedEmpty = 0
        var compared = 0
        for _ in 0..<1_500 {
            let source = g.pattern()
            let p: Pattern
            do { p = try Pattern(source) } catch let e as PatternError {
                // The only reason a generated pattern is refused: it can match empty text.
                #expect(e.message.contains("can match empty text"), "\(source): \(e.message)")
                refusedEmpty += 1
                continue
            }
            accepted += 1
            var texts = (0..<8).map { _ in g.text() }
            texts.append(g.longText())
            texts.append(real[g.int(real.count)])
            // A pattern that is accepted never matches empty text, here or anywhere:
            // read from the matches ICU gave for the comparison.
            compared += try expectSameAnswers([p], on: texts) { _, text, icu in
                if !icu.allSatisfy({ $0[1] > $0[0] }) { Issue.record("\(source) matched empty text in \(text.debugDescription.prefix(200))") }
            }
        }
        print("generated patterns: \(accepted) accepted, \(refusedEmpty) refused as able to match empty text, \(compared) pattern×text pairs compared with ICU")
        #expect(accepted > 900)
        #expect(refusedEmpty > 30)
        #expect(compared > 9_000)
    }

    // MARK: - The project's patterns

    @Test func agreesWithICUOnRuleExamples() throws {
        let rules = try #require(Self.rules)
        // Each text once: most examples read the same normalised.
        var seen = Set<String>()
        let texts = rules.rules.flatMap { $0.examples.flatMap { [$0.text, TextNormalizer.normalize($0.text)] } }.filter { seen.insert($0).inserted }
        #expect(try expectSameAnswers(Self.allPatterns, on: texts) > 10_000)
    }

    @Test func agreesWithICUOnAwkwardText() throws {
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
            "shall\r\nnot require\r\n" + String(repeating: "\r\n", count: 80) + "source code",
            "", " ", "shall", "SHALL NOT", "no party shall require the transfer of, or access to, source code",
            "Neither Party shall have recourse to Chapter 21 (Dispute Settlement) for any matter arising under this Chapter.",
            "dispute settlement procedures under chapter 28 shall not apply to this article.",
        ]
        let all = texts + texts.map { TextNormalizer.normalize($0) }
        #expect(try expectSameAnswers(Self.allPatterns, on: all) > 1_000)
    }

    /// Sentences of ToTA articles that name a pillar keyword: every twentieth
    /// agreement, and TPP's (every 200th in a plain `swift test`).
    @Test(.needsSharedCorpus) func agreesWithICUOnRealSentences() throws {
        let rules = try #require(Self.rules)
        guard let all = SharedCorpus.totaFiles(450), let tpp = SharedCorpus.path("tota/pta_449.xml") else { return }
        let k = SweepSample.isFull ? 20 : 200
        let files = [tpp] + all.enumerated().filter { $0.offset % k == 7 }.map(\.element)
        let texts = try PrefilterTests.keywordSentences(of: files, rules: rules)
        #expect(texts.count > 200)
        // Spread over the agreements, not only the first ones read.
        let want = SweepSample.isFull ? 700 : 150
        let step = max(1, texts.count / want)
        let sample = texts.enumerated().filter { $0.offset % step == 0 }.map(\.element)
        // Enough pairs that the sweep means something: every rule pattern and term on
        // each sampled sentence (about 150 × 700 in full, × 150 sampled).
        let compared = try expectSameAnswers(Self.allPatterns, on: sample)
        print("real sentences: \(sample.count) sentences, \(compared) pattern×sentence pairs compared with ICU")
        #expect(compared > (SweepSample.isFull ? 50_000 : 10_000), "\(compared) pairs compared")
    }

    // MARK: - Divergences found in review

    /// A state pushed as a later choice was marked seen, so a preferred path
    /// through it was skipped and the match ended too far.
    @Test func endsWhereICUEnds() throws {
        #expect(try Pattern("ca[ ... ]").matches(in: "ca. x" as NSString) == [NSRange(location: 0, length: 2)])
        #expect(try Pattern("c[ ... *]").matches(in: "c.\n x" as NSString) == [NSRange(location: 0, length: 1)])
        #expect(try Pattern("c[ ... *]").lastMatchEnd(in: "c.\n x" as NSString) == 1)
    }

    /// ICU's `.` reads a carriage return and line feed as one character.
    @Test func gapCountsCRLFOnce() throws {
        let text = "a" + String(repeating: "\r\n", count: 149) + "b"
        #expect(try Pattern("a...b").firstMatch(in: text as NSString) == NSRange(location: 0, length: 300))
        #expect(try Pattern("a...b").firstMatch(in: ("a" + String(repeating: "\r\n", count: 151) + "b") as NSString) == nil)
    }

    /// Successive matches share one record of explored states: each search starts
    /// where the last match ended, and the states at that end are searched again.
    @Test func successiveMatchesAreEachLeftmost() throws {
        let p = try Pattern("(shall|must)[ not]")
        let text = "shall shallnot must not mustshall"
        #expect(p.matches(in: text as NSString).map(\.location) == [0, 6, 15, 24, 28])
        #expect(p.lastMatchEnd(in: text as NSString) == 33)
        let q = try Pattern("x[y]\\b")
        #expect(try expectSameAnswers([q], on: ["xy xyxy x xyx"]) == 1)
    }

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
}

/// Random patterns from the pattern grammar (words, spaces, `-`, `'`, `*`,
/// `...`, `\b`, `[optional]`, `(a|b)`, `(a|b)?`, `x?`, punctuation) and texts
/// over a small alphabet, so that they often match, with the characters ICU
/// treats specially (combining marks, format characters, CR LF, no-break space).
struct PatternGenerator {
    var rng: SplitMix64

    init(seed: UInt64) { rng = SplitMix64(seed: seed) }

    mutating func int(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }

    mutating func pick<T>(_ items: [T]) -> T { items[int(items.count)] }

    static let words = ["a", "b", "c", "ab", "ba", "abc", "the", "shall", "not", "party", "é", "x1", "data"]

    mutating func pattern() -> String {
        alternatives(depth: 0)
    }

    private mutating func alternatives(depth: Int) -> String {
        (0..<(1 + (int(4) == 0 ? 1 + int(2) : 0))).map { _ in sequence(depth: depth) }.joined(separator: "|")
    }

    private mutating func sequence(depth: Int) -> String {
        var out = ""
        for _ in 0..<(1 + int(4)) { out += item(depth: depth) }
        return out
    }

    private mutating func item(depth: Int) -> String {
        switch int(depth >= 2 ? 11 : 14) {
        case 0, 1, 2: return pick(Self.words)
        case 3: return " "
        case 4: return "-"
        case 5: return "'"
        case 6: return pick(Self.words) + "*"
        case 7: return pick([" ... ", "...", " ...", "... "])
        case 8: return "\\b"
        case 9: return pick(Self.words + Self.words + [" ", "-", "'", "*", "...", "\\b", "[a]"]) + "?"
        case 10: return pick([".", ",", ";", "_"])
        case 11: return "[" + alternatives(depth: depth + 1) + "]"
        case 12: return "(" + alternatives(depth: depth + 1) + ")"
        default: return "(" + alternatives(depth: depth + 1) + ")?"
        }
    }

    static let pieces = ["a", "b", "c", "a", "b", "ab", " ", " ", "-", "'", ".", ",", "the", "shall", "not", "party", "data",
                         "\n", "\t", "\r\n", "\u{00A0}", "é", "e\u{0301}", "\u{200B}", "_", "1", "x", "𝒳", "  "]

    mutating func text() -> String {
        (0..<int(24)).map { _ in pick(Self.pieces) }.joined()
    }

    /// A text longer than a gap, so that gaps meet their bound.
    mutating func longText() -> String {
        var out = ""
        while out.unicodeScalars.count < 170 + int(60) { out += int(6) == 0 ? pick(Self.pieces) : "x" }
        return pick(Self.words) + out + pick(Self.words)
    }
}
