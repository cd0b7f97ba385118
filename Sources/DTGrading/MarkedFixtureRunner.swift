import DTModel
import DTRules
import Foundation

/// Semgrep-style marks in fixture documents: a comment `ruleid: RULE` says the
/// rule must fire with evidence on one of the next lines; `ok: RULE` says it must
/// not. Marks may sit in any comment syntax (`<!-- … -->`, `# …`, `// …`).
/// Beside `RuleExampleRunner`; the caller says how a fixture is read (grading
/// does not reach into ingest).
public enum MarkedFixtureRunner {
    /// How many lines after a mark the cited evidence may start.
    static let reach = 8

    struct Mark {
        var rule: String
        var expectFire: Bool
        var line: Int
    }

    static func marks(in text: String) -> [Mark] {
        var out: [Mark] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            for (key, fire) in [("ruleid:", true), ("ok:", false)] {
                guard let r = line.range(of: key) else { continue }
                let before = line[..<r.lowerBound]
                guard before.contains("<!--") || before.contains("#") || before.contains("//") else { continue }
                let ids = line[r.upperBound...].replacingOccurrences(of: "-->", with: "")
                    .split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init).filter { !$0.isEmpty }
                for id in ids { out.append(Mark(rule: id, expectFire: fire, line: i + 1)) }
            }
        }
        return out
    }

    public static func run(directory: String, rules: RuleSet, load: (String) throws -> Agreement) throws -> [ExampleResult] {
        let grader = Grader(rules: rules)
        let files = (FileManager.default.enumerator(atPath: directory)?.allObjects as? [String] ?? []).sorted()
        var out: [ExampleResult] = []
        for rel in files {
            let path = directory + "/" + rel
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else { continue }
            let ms = marks(in: text)
            guard !ms.isEmpty else { continue }
            let verdict: DocumentVerdict
            do {
                verdict = grader.grade(try load(path))
            } catch {
                for m in ms {
                    out.append(ExampleResult(rule: m.rule, file: path, line: m.line, triggers: m.expectFire, passed: false,
                                             detail: "fixture cannot be read: \(error)"))
                }
                continue
            }
            for m in ms {
                guard rules.rule(id: m.rule) != nil else {
                    out.append(ExampleResult(rule: m.rule, file: path, line: m.line, triggers: m.expectFire, passed: false,
                                             detail: "mark names an unknown rule '\(m.rule)'"))
                    continue
                }
                let lines = firingLines(of: m.rule, in: verdict)
                let fired = lines.contains { $0 > m.line && $0 <= m.line + reach }
                let passed = fired == m.expectFire
                let detail = m.expectFire
                    ? (fired ? "fired as marked" : "marked ruleid: \(m.rule) but it did not fire within \(reach) lines (fired at lines \(lines.map(String.init).joined(separator: ", ")))")
                    : (fired ? "marked ok: \(m.rule) but it fired within \(reach) lines" : "did not fire, as marked")
                out.append(ExampleResult(rule: m.rule, file: path, line: m.line, triggers: m.expectFire, passed: passed, detail: detail))
            }
        }
        return out
    }

    /// Lines where a rule's evidence starts, over every pillar.
    static func firingLines(of rule: String, in v: DocumentVerdict) -> [Int] {
        var lines: [Int] = []
        for p in v.pillars {
            for e in p.evidence where e.rule == rule { lines.append(e.location.line) }
            for f in p.limitations + p.deviations + p.sectoral where f.allRules.contains(rule) {
                if let e = f.evidence { lines.append(e.location.line) }
            }
        }
        return lines
    }
}
