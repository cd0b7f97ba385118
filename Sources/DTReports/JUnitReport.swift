import DTGrading

/// `--format junit`: one testsuite per document, one testcase per pillar. A pillar
/// that fails the gate gets `<failure>`; an unreadable document one `<error>` testcase;
/// pillars of not-assessed documents are `<skipped>`.
public enum JUnitReport {
    public static func render(_ report: Report, gate: Gate) -> String {
        var suites = ""
        var totals = (tests: 0, failures: 0, errors: 0, skipped: 0)
        for doc in report.documents {
            let (xml, t) = suite(doc, gate: gate)
            suites += xml
            totals.tests += t.tests; totals.failures += t.failures; totals.errors += t.errors; totals.skipped += t.skipped
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"dtcheck\" tests=\"\(totals.tests)\" failures=\"\(totals.failures)\" errors=\"\(totals.errors)\" skipped=\"\(totals.skipped)\">\n"
            + suites + "</testsuites>\n"
    }

    static func suite(_ doc: DocumentVerdict, gate: Gate) -> (String, (tests: Int, failures: Int, errors: Int, skipped: Int)) {
        let name = Escape.markup(doc.path)
        var cases = ""
        var t = (tests: 0, failures: 0, errors: 0, skipped: 0)
        if doc.status == .error {
            t.tests = 1; t.errors = 1
            let msg = Escape.markup(LocationText.error(doc))
            cases += "    <testcase classname=\"\(name)\" name=\"load\">\n      <error message=\"\(msg)\" type=\"ingest\">\(msg)</error>\n    </testcase>\n"
        }
        for p in doc.pillars where doc.status != .error {
            t.tests += 1
            cases += "    <testcase classname=\"\(name)\" name=\"\(p.id.rawValue)\">\n" + properties(p)
            if doc.status == .notAssessed || p.level == .notAssessed {
                t.skipped += 1
                cases += "      <skipped message=\"not assessed\"/>\n"
            } else if let why = gate.failure(p, in: doc) {
                t.failures += 1
                var detail = "\(p.id.rawValue): \(p.level.rawValue), score \(p.score)"
                if !p.evidence.isEmpty { detail += "\n" + p.evidence.map { "\(Place.label($0)) (\(LocationText.of($0)))" }.joined(separator: "\n") }
                if !p.limitations.isEmpty { detail += "\nlimitations: " + p.limitations.map(\.id).joined(separator: ", ") }
                cases += "      <failure message=\"\(Escape.markup(why))\" type=\"gate\">\(Escape.markup(detail))</failure>\n"
            }
            cases += "      <system-out>\(Escape.markup("\(p.level.rawValue) \(p.score)"))</system-out>\n    </testcase>\n"
        }
        let head = "  <testsuite name=\"\(name)\" tests=\"\(t.tests)\" failures=\"\(t.failures)\" errors=\"\(t.errors)\" skipped=\"\(t.skipped)\">\n"
        return (head + cases + "  </testsuite>\n", t)
    }

    /// Where the pillar's level rests, as fields a CI tool can read beside `file`
    /// and `line`: the first quote's article, paragraph, file and line. Nothing for
    /// a pillar with no quote.
    static func properties(_ p: PillarVerdict) -> String {
        guard let e = p.evidence.first else { return "" }
        var props: [(String, String)] = [("article", e.article)]
        if let para = e.paragraph { props.append(("paragraph", para)) }
        props.append(("file", e.file))
        if e.location.line > 0 { props.append(("line", String(e.location.line))) }
        return "      <properties>\n" + props.map { "        <property name=\"\($0.0)\" value=\"\(Escape.markup($0.1))\"/>\n" }.joined()
            + "      </properties>\n"
    }
}
