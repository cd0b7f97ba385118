import DTGrading
import DTIngest
import DTModel
import DTRules
@testable import DTReports
import DTTestSupport
import Foundation
import Testing

/// Every JSON output is written by the lean `PrettyJSONEncoder`; it must write
/// exactly what Foundation's encoder, configured the same way, would.
@Suite struct PrettyJSONEncoderTests {
    /// The regress expectations file keeps the layout its own printer gave it
    /// before it came through the reports' writer: `": "`, `[]` and `{}`, controls
    /// other than tab, line feed and carriage return as `\u00XX`.
    @Test func expectationsLayoutIsTheFilesLayout() throws {
        struct Sample: Encodable {
            var empty: [String] = []
            var none: [String: Int] = [:]
            var text = "a/b \u{8}\u{C}\t\"q\" \\"
            var nested = ["zeta": [1, 2], "alpha": []]
            var missing: String?
        }
        let expected = """
            {
              "empty": [],
              "nested": {
                "alpha": [],
                "zeta": [
                  1,
                  2
                ]
              },
              "none": {},
              "text": "a/b \\u0008\\u000c\\t\\"q\\" \\\\"
            }

            """
        #expect(try JSONOutput.encode(Sample(), layout: .expectations) == expected)
        // The reports' layout of the same value is still Foundation's.
        try expectSameAsFoundation(Sample())
    }

    func expectSameAsFoundation<T: Encodable>(_ value: T, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let foundation = try JSONOutput.foundationEncode(value)
        let lean = try PrettyJSONEncoder.encode(value)
        #expect(String(decoding: lean, as: UTF8.self) == foundation, sourceLocation: sourceLocation)
        // Indented for a streamed report: the old way, indenting Foundation's text.
        let indented = try PrettyJSONEncoder.encode(value, indent: 4)
        #expect(String(decoding: indented, as: UTF8.self) == JSONOutput.indent(foundation[...], by: 4), sourceLocation: sourceLocation)
    }

    struct Shapes: Encodable {
        enum Kind: String, Encodable { case one, two }
        struct Inner: Encodable { var name: String; var tags: [String]; var child: [Inner]? }
        var emptyArray: [Int] = []
        var emptyObject: [String: Int] = [:]
        var nestedEmpty: [[String]] = [[], ["a"]]
        var escapes = "quote \" backslash \\ slash / newline \n return \r tab \t bell \u{7} nul \u{0} bs \u{8} ff \u{C} del \u{7F} sep \u{2028} é “x”"
        var missing: String?
        var present: Int? = -42
        var flags = [true, false]
        var kind = Kind.two
        var big = Int.min
        var unsigned = UInt64.max
        var keys = ["b": 1, "B": 2, "_": 3, "é": 4, "ä": 5, "a1": 6, "a_": 7, "": 8]
        var tree = Inner(name: "root", tags: [], child: [Inner(name: "leaf", tags: ["x", "y"], child: nil)])
        var nulls: [String?] = [nil, "x"]
        var small: [Int8] = [-8, 8]
        var sizes: [UInt32] = [0, 4_294_967_295]
    }

    @Test func sameBytesOnEveryShape() throws {
        try expectSameAsFoundation(Shapes())
        try expectSameAsFoundation([String]())
        try expectSameAsFoundation("top-level string")
        try expectSameAsFoundation(7)
        try expectSameAsFoundation([[String: [Int]]()])
    }

    @Test func sameBytesOnReports() throws {
        try expectSameAsFoundation(Fixtures.report())
        try expectSameAsFoundation(Fixtures.report([]))
    }

    /// Real verdicts: drafts shipped in corpus/ and, when ../shared is present, ToTA texts.
    @Test(.needsSharedCorpus) func sameBytesOnRealVerdicts() throws {
        let rules = try ProjectRuleSet.require()
        let grader = Grader(rules: rules)
        let drafts = SharedCorpus.packageRoot.appendingPathComponent("corpus/drafts").path
        var paths = try FileManager.default.contentsOfDirectory(atPath: drafts).sorted().map { drafts + "/" + $0 }
        paths += SharedCorpus.totaFiles(40) ?? []
        var verdicts: [DocumentVerdict] = []
        for path in paths {
            guard let agreement = try? DocumentLoader.load(path: path) else { continue }
            verdicts.append(grader.grade(agreement))
        }
        #expect(verdicts.count >= 10)
        for v in verdicts { try expectSameAsFoundation(v) }
        try expectSameAsFoundation(Fixtures.report(verdicts))
        try expectVerdictWriterSame(verdicts)
    }

    /// The verdict writer (`VerdictJSON`, what a streamed report writes) against
    /// Foundation and the lean encoder, on every field present and absent.
    func expectVerdictWriterSame(_ verdicts: [DocumentVerdict], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        for v in verdicts {
            let foundation = try JSONOutput.foundationEncode(v)
            #expect(String(decoding: VerdictJSON.encode(v, indent: 0), as: UTF8.self) == foundation, "\(v.path)", sourceLocation: sourceLocation)
            #expect(VerdictJSON.encode(v, indent: 4) == (try PrettyJSONEncoder.encode(v, indent: 4)), "\(v.path)", sourceLocation: sourceLocation)
        }
    }

    @Test func verdictWriterWritesEveryFieldAsCodableDoes() throws {
        let bare = Evidence(article: "Article 1", heading: nil, paragraph: nil, chapter: nil, quote: "q \"x\"\n",
                            file: "a/b.xml", location: SourceLocation(line: 0))
        let full = Evidence(article: "Article 2", heading: "H", paragraph: "1", chapter: "Chapter 3", quote: "é / \\",
                            file: "c.md", location: SourceLocation(line: 4, column: 5, path: "/treaty/body"), rule: "r.x")
        let citations = [BaselineCitation(baseline: .usmca, article: "19.11"), BaselineCitation(baseline: .ujdta, article: "11")]
        let finding = Finding(id: "domestic-law", kind: .limitation, rule: "r", message: "m", baselines: citations, evidence: full, fingerprint: "f")
        let loose = Finding(id: "d", kind: .deviation, rule: "r2", message: "", baselines: [], evidence: nil, fingerprint: "")
        let pillar = PillarVerdict(id: .dataFlows, level: .bindingQualified, score: 77, rule: "rule.id", evidence: [full, bare],
                                   limitations: [finding], deviations: [loose, finding], sectoral: [loose], summary: "s")
        let empty = PillarVerdict(id: .customsDuties, level: .absent, score: 0, rule: nil, evidence: [], limitations: [],
                                  deviations: [], sectoral: [], summary: "")
        let verdicts = [
            DocumentVerdict(path: "p", status: .assessed, format: "tota", language: "en", title: "T", dateSigned: "2020-01-01",
                            parties: ["A", "B"], pillars: [pillar, empty], overallScore: 12, summary: "x", error: nil),
            DocumentVerdict(path: "p", status: .notAssessed, format: nil, language: nil, title: nil, dateSigned: nil,
                            parties: [], pillars: [], overallScore: nil, summary: "", error: nil),
            DocumentVerdict(path: "bad.xml", status: .error, format: nil, language: nil, title: nil, dateSigned: nil, parties: [],
                            pillars: [], overallScore: nil, summary: "e", error: DocumentError(message: "bad", line: 3, column: 9)),
            DocumentVerdict(path: "bad.xml", status: .error, format: nil, language: nil, title: nil, dateSigned: nil, parties: [],
                            pillars: [], overallScore: nil, summary: "e", error: DocumentError(message: "bad", line: nil, column: nil)),
        ]
        try expectVerdictWriterSame(verdicts)
    }

    /// What the lean encoder does not write (floating point, dates, super encoders)
    /// it refuses, and `JSONOutput` hands the value to Foundation.
    @Test func refusesWhatItDoesNotWriteAndFoundationTakesOver() throws {
        struct WithDouble: Encodable { var ratio = 0.25 }
        struct WithDate: Encodable { var at = Date(timeIntervalSince1970: 0) }
        struct WithSuper: Encodable {
            func encode(to encoder: any Encoder) throws {
                var c = encoder.container(keyedBy: AnyKey.self)
                try c.encode(1, forKey: AnyKey(stringValue: "a"))
                var s = c.superEncoder().singleValueContainer()
                try s.encode("base")
            }
        }
        struct WithHalf: Encodable { var half: Float16 = 0.5 }
        struct WithWide: Encodable { var wide: Int128 = 1 }
        #expect(throws: PrettyJSONEncoder.Unsupported.self) { try PrettyJSONEncoder.encode(WithHalf()) }
        #expect(throws: PrettyJSONEncoder.Unsupported.self) { try PrettyJSONEncoder.encode(WithWide()) }
        #expect(throws: PrettyJSONEncoder.Unsupported.self) { try PrettyJSONEncoder.encode([UInt128(7)]) }
        #expect(try JSONOutput.encode(WithWide()) == (try JSONOutput.foundationEncode(WithWide())) + "\n")
        #expect(throws: PrettyJSONEncoder.Unsupported.self) { try PrettyJSONEncoder.encode(WithDouble()) }
        #expect(throws: PrettyJSONEncoder.Unsupported.self) { try PrettyJSONEncoder.encode(WithDate()) }
        #expect(throws: PrettyJSONEncoder.Unsupported.self) { try PrettyJSONEncoder.encode(WithSuper()) }
        #expect(try JSONOutput.encode(WithDouble()) == (try JSONOutput.foundationEncode(WithDouble())) + "\n")
        #expect(try JSONOutput.encode(WithSuper(), indent: 4) == JSONOutput.indent(try JSONOutput.foundationEncode(WithSuper())[...], by: 4))
    }

    struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
