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
    @Test func sameBytesOnRealVerdicts() throws {
        let rules = try RuleSet.load(directory: SharedCorpus.packageRoot.appendingPathComponent("rules").path)
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
