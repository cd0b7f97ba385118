import ArgumentParser
import DTGrading
import DTIngest
import DTRules
import Foundation

/// `dtcheck rules test [RULES_DIR]`: every rule's trigger / no-trigger examples
/// through the real grader, plus `ruleid:` / `ok:` marks in fixture documents.
struct RulesTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run every rule's examples and the marked fixtures; exit 1 on any failure.",
        discussion: """
        Examples:
          dtcheck rules test
          dtcheck rules test rules/ --fixtures corpus/fixtures/marked --format junit
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, junit }

    @Argument(help: "Rules folder (default: --rules, DTCHECK_RULES, or the rules built into dtcheck). Example: dtcheck rules test my-rules/")
    var rulesDirectory: String?

    @Option(name: .customLong("fixtures"), help: "Folder of fixture documents with ruleid:/ok: marks (repeatable). Example: --fixtures corpus/fixtures/marked")
    var fixtures: [String] = []

    @Option(help: "Output format: text or junit. Example: --format junit")
    var format: Format = .text

    @OptionGroup var rules: RulesOption

    func run() throws {
        var opt = rules
        if let d = rulesDirectory { opt.directory = d }
        let set = try opt.load()
        var results = RuleExampleRunner.run(set)
        for dir in fixtures {
            // A mistyped folder would otherwise test nothing and pass.
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
                Terminal.error("\(dir): no such folder (--fixtures)")
                throw ExitCode(2)
            }
            results += try MarkedFixtureRunner.run(directory: dir, rules: set) { try DocumentLoader.load(path: $0) }
        }
        switch format {
        case .text: print(RuleTestText.render(results, rules: set))
        case .junit: print(RuleTestJUnit.render(results))
        }
        if results.contains(where: { !$0.passed }) { throw ExitCode(1) }
    }
}

enum RuleTestText {
    static func render(_ results: [ExampleResult], rules: RuleSet) -> String {
        var lines: [String] = []
        let byRule = Dictionary(grouping: results, by: \.rule)
        var ids = rules.rules.map(\.id)
        ids += byRule.keys.filter { !ids.contains($0) }.sorted()
        for id in ids {
            guard let rs = byRule[id] else { continue }
            let failed = rs.filter { !$0.passed }
            lines.append("\(failed.isEmpty ? "PASS" : "FAIL") \(id) (\(rs.count - failed.count)/\(rs.count))")
            for f in failed { lines.append("  \(f.file):\(f.line): \(f.detail)") }
        }
        let failed = results.filter { !$0.passed }.count
        lines.append("\(results.count - failed) passed, \(failed) failed")
        return lines.joined(separator: "\n")
    }
}

enum RuleTestJUnit {
    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    static func render(_ results: [ExampleResult]) -> String {
        let failed = results.filter { !$0.passed }.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"dtcheck rules test\" tests=\"\(results.count)\" failures=\"\(failed)\">\n"
        let byRule = Dictionary(grouping: results, by: \.rule)
        for id in byRule.keys.sorted() {
            let rs = byRule[id] ?? []
            out += "  <testsuite name=\"\(escape(id))\" tests=\"\(rs.count)\" failures=\"\(rs.filter { !$0.passed }.count)\">\n"
            for r in rs {
                let name = "\(r.triggers ? "trigger" : "no-trigger") \(r.file):\(r.line)"
                out += "    <testcase classname=\"\(escape(id))\" name=\"\(escape(name))\""
                if r.passed { out += "/>\n" } else {
                    out += ">\n      <failure message=\"\(escape(r.detail))\"/>\n    </testcase>\n"
                }
            }
            out += "  </testsuite>\n"
        }
        return out + "</testsuites>"
    }
}
