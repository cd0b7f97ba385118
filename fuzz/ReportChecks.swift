// Report writers under fuzzing (issue #15): every string a document can put into a
// report (path, title, date, article, heading, quote, error message) is taken from the
// fuzz input, and each writer's output is checked against the same report built from
// neutral strings (`n0`, `n1`…): the hostile one must have the same shape (lines, records,
// tags), no control character, no raw `<` from the document, no formula-leading CSV
// cell. Compiled into the fuzzer by scripts/fuzz with the sources of DTGrading and
// DTReports; see docs/limits.md.
import Foundation

/// The strings a report takes from one input, as the loader read it.
struct ReportStrings {
    var path: String
    var title: String?
    var date: String?
    var error: String?
    var evidence: [(article: String, heading: String?, quote: String)]

    /// The same shape from neutral strings: equal strings stay equal and different ones
    /// different (`n0`, `n1`…; reports group equal headings and quotes), empty stays
    /// empty, and the path keeps its slashes (the HTML report shows its last component).
    var neutral: ReportStrings {
        var ids: [String: String] = [:]
        func n(_ s: String) -> String {
            if s.isEmpty { return "" }
            if let id = ids[s] { return id }
            let id = "n\(ids.count)"
            ids[s] = id
            return id
        }
        let neutralPath = String(String.UnicodeScalarView(path.unicodeScalars.map { $0 == "/" ? "/" : "x" }))
        return ReportStrings(path: neutralPath, title: title.map(n), date: date.map(n), error: error.map(n),
                             evidence: evidence.map { (n($0.article), $0.heading.map(n), n($0.quote)) })
    }

    func report() -> Report {
        let ev = evidence.enumerated().map { i, e in
            Evidence(article: e.article, heading: e.heading, paragraph: nil, chapter: nil, quote: e.quote, file: path,
                     location: SourceLocation(line: i + 1, column: 1), rule: "customs-duties.ban")
        }
        let finding = ev.first.map {
            Finding(id: "fees-and-charges-not-covered", kind: .deviation, rule: "customs-duties.fees", message: "m",
                    baselines: [BaselineCitation(baseline: .usmca, article: "19.3")], evidence: $0, fingerprint: "f")
        }
        let pillars = PillarID.allCases.map { id in
            PillarVerdict(id: id, level: id == .customsDuties ? .baseline : .absent, score: id == .customsDuties ? 96 : 0,
                          rule: nil, evidence: id == .customsDuties ? ev : [], limitations: [],
                          deviations: id == .customsDuties ? finding.map { [$0] } ?? [] : [], sectoral: [], summary: "s")
        }
        let doc: DocumentVerdict
        if let error {
            doc = DocumentVerdict(path: path, status: .error, format: nil, language: nil, title: nil, dateSigned: nil,
                                  parties: [], pillars: [], overallScore: nil, summary: "error",
                                  error: DocumentError(message: error, line: 1, column: 1))
        } else {
            doc = DocumentVerdict(path: path, status: .assessed, format: "html", language: "en", title: title,
                                  dateSigned: date, parties: [], pillars: pillars, overallScore: 24, summary: "s", error: nil)
        }
        return Report(tool: ToolInfo(version: "fuzz"), baselines: BaselineID.allCases, documents: [doc])
    }
}

/// Renders `strings` in text, Markdown, CSV, HTML and JUnit and stops the fuzzer on any finding.
func checkReportWriters(_ strings: ReportStrings) {
    let hostile = strings.report(), neutral = strings.neutral.report()

    for color in [false, true] {
        let out = stripSGR(TextReport.render(hostile, color: color))
        expect(noControls(out, allowing: ["\n"]), "text report holds a control character", out)
        expect(lineCount(out) == lineCount(stripSGR(TextReport.render(neutral, color: color))), "text report has extra lines", out)
    }

    let md = MarkdownReport.render(hostile, references: [:])
    expect(noControls(md, allowing: ["\n"]), "Markdown report holds a control character", md)
    expect(lineCount(md) == lineCount(MarkdownReport.render(neutral, references: [:])), "Markdown report has extra lines", md)
    expect(!outsideCodeSpans(md).contains("<"), "Markdown report has a raw < outside code spans", md)

    let csv = CSVReport.render(hostile)
    let records = csv.components(separatedBy: "\r\n")
    expect(records.count == CSVReport.render(neutral).components(separatedBy: "\r\n").count, "CSV has extra records", csv)
    for record in records.dropLast() {
        expect(noControls(record, allowing: []), "CSV record holds a control character", record)
        for cell in csvCells(record) {
            // Scalars, not Characters: a quote followed by a combining mark is one Character
            // in Swift but still a quote to a spreadsheet (the fuzzer's 11th finding was this
            // checker reading it as a Character).
            let quoted = cell.unicodeScalars.first == "\""
            expect(quoted || (!cell.isEmpty && cell.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }), "unquoted text cell", cell)
            if quoted, let first = cell.dropFirst().unicodeScalars.first {
                expect(!Escape.formulaLeads.contains(first), "formula-leading CSV cell", cell)
            }
        }
    }

    let html = HTMLReport.render(hostile, references: [:])
    expect(noControls(html, allowing: ["\n", "\t"]), "HTML report holds a control character", html)
    expect(tags(html) == tags(HTMLReport.render(neutral, references: [:])), "HTML report has markup from the document", html)
    let gate = Gate(failUnder: .baseline, minScore: 100)
    let junit = JUnitReport.render(hostile, gate: gate)
    // Tab and line feed are XML white space (in attribute values they read back as spaces, nothing worse).
    expect(noControls(junit, allowing: ["\n", "\t"]), "JUnit report holds a control character", junit)
    expect(tags(junit) == tags(JUnitReport.render(neutral, gate: gate)), "JUnit report has markup from the document", junit)
}

private func expect(_ ok: Bool, _ what: String, _ output: String) {
    if !ok { fatalError("report writer: \(what):\n\(output.debugDescription.prefix(4000))") }
}

private func noControls(_ s: String, allowing: Set<Unicode.Scalar>) -> Bool {
    !s.unicodeScalars.contains { ControlCharacters.isControl($0) && !allowing.contains($0) }
}

private func lineCount(_ s: String) -> Int { s.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }

/// The text report without its own colour codes (ESC [ digits/; m).
private func stripSGR(_ s: String) -> String {
    var out = String.UnicodeScalarView()
    var it = Array(s.unicodeScalars)[...]
    while let c = it.popFirst() {
        if c == "\u{1B}", it.first == "[" {
            var j = it.dropFirst()
            while let d = j.first, ("0"..."9").contains(d) || d == ";" { j = j.dropFirst() }
            if j.first == "m" { it = j.dropFirst(); continue }
        }
        out.append(c)
    }
    return String(out)
}

/// CommonMark's "ASCII punctuation character": the ones a backslash escapes.
private let asciiPunctuation = Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".unicodeScalars)

/// The text of each line outside CommonMark code spans (a run of n backticks up to the
/// next run of exactly n on the same line; our spans never hold a line break). A
/// backslash-escaped backtick outside a span is literal and opens none.
private func outsideCodeSpans(_ s: String) -> String {
    var out = ""
    for line in s.split(separator: "\n", omittingEmptySubsequences: false) {
        // Scalars, as CommonMark reads them: a backtick followed by a combining mark is one
        // Character in Swift but still a backtick to a Markdown viewer.
        let chars = Array(line.unicodeScalars)
        var i = 0
        while i < chars.count {
            // A backslash-escaped character (`\``, `\[`) is literal text: it opens no span.
            if chars[i] == "\\", i + 1 < chars.count, asciiPunctuation.contains(chars[i + 1]) {
                out.unicodeScalars.append(chars[i + 1])
                i += 2
                continue
            }
            guard chars[i] == "`" else { out.unicodeScalars.append(chars[i]); i += 1; continue }
            var n = 0
            while i + n < chars.count, chars[i + n] == "`" { n += 1 }
            var j = i + n, close: Int?
            while j < chars.count {
                if chars[j] == "`" {
                    var m = 0
                    while j + m < chars.count, chars[j + m] == "`" { m += 1 }
                    if m == n { close = j + m; break }
                    j += m
                } else { j += 1 }
            }
            if let close { i = close } else { out += String(repeating: "`", count: n); i += n }
        }
        out += "\n"
    }
    return out
}

/// The cells of one CSV record, quotes kept.
private func csvCells(_ record: String) -> [String] {
    var cells: [String] = [], cell = "", inQuotes = false
    for c in record.unicodeScalars {
        if c == "\"" { inQuotes.toggle() }
        if c == ",", !inQuotes { cells.append(cell); cell = ""; continue }
        cell.unicodeScalars.append(c)
    }
    cells.append(cell)
    return cells
}

/// The sequence of tag names (`p`, `/p`, `!doctype`) in markup.
private func tags(_ s: String) -> [String] {
    var out: [String] = []
    let u = Array(s.utf8)
    var i = 0
    while i < u.count {
        if u[i] == UInt8(ascii: "<") {
            var j = i + 1
            while j < u.count, u[j] == UInt8(ascii: "/") || u[j] == UInt8(ascii: "!") || u[j] == UInt8(ascii: "?")
                    || (u[j] | 0x20 >= UInt8(ascii: "a") && u[j] | 0x20 <= UInt8(ascii: "z")) || (u[j] >= 0x30 && u[j] <= 0x39) { j += 1 }
            out.append(String(decoding: u[(i + 1)..<j], as: UTF8.self).lowercased())
            i = j
        } else { i += 1 }
    }
    return out
}
