@testable import DTRules
import DTTestSupport
import Foundation
import Testing
import Yams

/// The built-in rules are read by `PlainYAML`, not Yams, for speed. Where it
/// answers it must give Yams's tree (texts, plain or quoted, lines); where it
/// cannot be sure it must answer nil, so that Yams reads the text.
@Suite struct PlainYAMLTests {
    static func yams(_ text: String) throws -> DTRules.Node? {
        try Yams.compose(yaml: text).map(DTRules.Node.init)
    }

    /// Every rule file: read plainly (none falls back to Yams), and as Yams reads it.
    @Test func everyRuleFileReadsAsYamsReadsIt() throws {
        let files = try RuleLoader.yamlFiles(in: ProjectRuleSet.directory)
        #expect(files.count >= 10)
        for file in files {
            let text = try String(contentsOfFile: file, encoding: .utf8)
            let plain = try #require(PlainYAML.read(text), "\(file) is not read plainly")
            #expect(plain == (try Self.yams(text)), "\(file)")
        }
    }

    /// The built-in rules load to the same rules read plainly as read by Yams.
    @Test func builtInLoadEqualsTheFolderLoad() throws {
        let files = try RuleLoader.yamlFiles(in: ProjectRuleSet.directory)
        let sources = try files.map { RuleSource(file: $0, text: try String(contentsOfFile: $0, encoding: .utf8)) }
        let plain = try RuleLoader.load(directory: ProjectRuleSet.directory, sources: sources, plainYAML: true)
        let yams = try RuleLoader.load(directory: ProjectRuleSet.directory, sources: sources, plainYAML: false)
        #expect(plain.rules.map(\.id) == yams.rules.map(\.id))
        #expect(plain.rules.map(\.line) == yams.rules.map(\.line))
        #expect(plain.rules.map { $0.when.map(\.source) } == yams.rules.map { $0.when.map(\.source) })
        #expect(plain.rules.map { $0.unless.map(\.source) } == yams.rules.map { $0.unless.map(\.source) })
        #expect(plain.rules.map { $0.examples.map { "\($0.line) \($0.triggers) \($0.text)" } }
            == yams.rules.map { $0.examples.map { "\($0.line) \($0.triggers) \($0.text)" } })
        #expect(plain.terms == yams.terms)
        #expect(plain.languages == yams.languages)
    }

    /// Forms plain YAML reads, and forms it leaves to Yams (or reads as Yams does).
    @Test func plainFormsAndTheRest() throws {
        let read = [
            "a: 1\nb: x y # comment\nc: \"q \\\"x\\\" \\\\b \\u00e9\"\n",
            "list:\n  - a\n  - - \"b\"\n    - c\n  - id: x\n    k: [p, \"q, r\", s]\n",
            "list:\n- a\n- b\nnext: 'it''s'\n",
            "# head\n\nm:\n  n:\n    o: -5\n  p: []\n",
            "k: a:b\nl: x#y\n",
        ]
        for text in read {
            let plain = try #require(PlainYAML.read(text), "\(text)")
            #expect(plain == (try Self.yams(text)), "\(text)")
        }
        let leftToYams = [
            "a: |\n  block\n", "a: >\n  folded\n", "a: plain\n  continued\n", "a: \"two\n  lines\"\n",
            "a: {b: c}\n", "a: &x 1\nb: *x\n", "a: !tag v\n", "---\na: 1\n", "a:\r\n  - b\r\n",
            "a:\n\t- b\n", "a: b: c\n", "a:\nb: 1\n", "a: \"\\q\"\n", "\"a\": 1\n", "? a\n: b\n",
            "a:\n  b: 1\n c: 2\n", "a:\n  - x\n - y\n", "a: [b, c\n", "a: [b, [c]]\n", "a: x\n  - y\n",
        ]
        for text in leftToYams {
            if let plain = PlainYAML.read(text) {
                Issue.record("read plainly, not left to Yams: \(text.debugDescription) as \(plain)")
            }
        }
    }

    /// Integers read as Yams reads them (`scoring:` numbers).
    @Test func integersReadAsYamsReadsThem() throws {
        let values = ["0", "7", "-3", "+4", "1_000", "0x1f", "-0x10", "0b101", "0o17", "017", "09", "1:30", "-1:00:01", "x", "",
                      "3.5", "1e3", "_", "-", "+", "0x", "99999999999999999999", "\"5\"", "'6'"]
        for v in values {
            let text = "n: \(v.isEmpty ? "''" : v)\n"
            guard let yams = (try? Yams.compose(yaml: text)) ?? nil else { continue }
            let plain = PlainYAML.read(text) ?? DTRules.Node(yams)
            #expect(plain.mapping?["n"]?.int == yams.mapping?["n"]?.int, "\(v)")
        }
    }

    /// Generated texts of the forms the rules use: read as Yams reads them, or left to it.
    @Test func generatedTextsReadAsYamsReadsThem() throws {
        var rng = SplitMix64(seed: 12)
        func pick<T>(_ items: [T]) -> T { items[Int(rng.next() % UInt64(items.count))] }
        let scalars = ["x", "a b", "\"q\"", "'s'", "\"e \\\\b é\"", "1", "-2", "yes", "null", "~", "a#b", "c # note",
                       "[a, b]", "[\"a\", 'b c']", "[]", "x:y", "\"\"", "d-e", "3.5", "@x", "`y`", "%z"]
        let keys = ["k", "id", "non-binding", "a_b", "x1", "lang"]
        var read = 0
        for _ in 0..<400 {
            var lines: [String] = []
            func block(_ indent: Int, _ depth: Int) {
                let pad = String(repeating: " ", count: indent)
                for _ in 0..<(1 + Int(rng.next() % 3)) {
                    let key = pick(keys)
                    switch depth < 2 ? rng.next() % 4 : 0 {
                    case 0: lines.append(pad + key + ": " + pick(scalars))
                    case 1:
                        lines.append(pad + key + ":")
                        block(indent + 2, depth + 1)
                    case 2:
                        lines.append(pad + key + ":")
                        let dash = pad + (rng.next() % 2 == 0 ? "  " : "") + "- "
                        for _ in 0..<(1 + Int(rng.next() % 3)) {
                            lines.append(dash + (rng.next() % 3 == 0 ? "- " : "") + pick(scalars))
                        }
                    default:
                        lines.append(pad + key + ":")
                        lines.append(pad + "  - " + pick(keys) + ": " + pick(scalars))
                        lines.append(pad + "    " + pick(keys) + ": " + pick(scalars))
                    }
                    if rng.next() % 5 == 0 { lines.append(pad + "# c") }
                }
            }
            block(0, 0)
            let text = lines.joined(separator: "\n") + "\n"
            let yams = try? Self.yams(text)
            guard let plain = PlainYAML.read(text) else { continue }
            read += 1
            #expect(plain == yams, "\(text)")
        }
        #expect(read > 100)
    }
}
