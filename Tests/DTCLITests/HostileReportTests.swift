import DTGrading
import DTModel
@testable import DTReports
import DTRules
import Foundation
import Testing

/// Issue #15, point 4: text from documents and file names cannot drive a terminal,
/// run as a spreadsheet formula, break out of Markdown, or inject markup.
enum Hostile {
    /// ESC/CSI (clear screen), an OSC 8 link, BEL, backspace, a C1 CSI, DEL.
    static let escapes = "A\u{1B}[2J\u{1B}]8;;http://evil.example/\u{07}click\u{1B}]8;;\u{07}\u{08}Z\u{9B}31m\u{7F}"
    /// A file name that tries every trick: formula, blank line, raw HTML, a heading, backticks.
    static let path = "=cmd|' /C calc'!A0``x`\n\n<img src=x onerror=alert(1)>\n# owned\r\n.md"
    static let title = "@SUM(1) " + escapes + " <script>alert(1)</script> [x](javascript:alert(1)) ![t](http://evil.example/t.png)"
    static let quote = "No Party shall impose customs duties " + escapes + " <img src=x onerror=alert(1)>\n\n# heading"

    static func verdict() -> DocumentVerdict {
        let location = SourceLocation(line: 3, column: 1, path: "/x")
        let evidence = Evidence(article: "-Article 1" + escapes, heading: "+Heading\n\n<b>" + escapes, paragraph: nil,
                                chapter: nil, quote: quote, file: path, location: location, rule: "customs-duties.ban")
        let finding = Finding(id: "fees-and-charges-not-covered", kind: .deviation, rule: "customs-duties.fees",
                              message: "message", baselines: [BaselineCitation(baseline: .usmca, article: "19.3")],
                              evidence: evidence, fingerprint: "f")
        let pillar = PillarVerdict(id: .customsDuties, level: .baseline, score: 96, rule: "customs-duties.ban",
                                   evidence: [evidence], limitations: [], deviations: [finding], sectoral: [],
                                   summary: "ban")
        return DocumentVerdict(path: path, status: .assessed, format: "markdown", language: "en", title: title,
                               dateSigned: "=1+1", parties: ["-X"], pillars: [pillar], overallScore: 24,
                               summary: "s", error: nil)
    }

    static func broken() -> DocumentVerdict {
        DocumentVerdict(path: path, status: .error, format: nil, language: nil, title: nil, dateSigned: nil, parties: [],
                        pillars: [], overallScore: nil, summary: "error",
                        error: DocumentError(message: "malformed XML: " + escapes, line: 2, column: 1))
    }

    static func report() -> Report {
        Report(tool: ToolInfo(version: "0.1.0-test"), baselines: BaselineID.allCases, documents: [verdict(), broken()])
    }

    /// Control characters in `s` other than those listed.
    static func controls(_ s: String, allowing: Set<Unicode.Scalar>) -> [Unicode.Scalar] {
        s.unicodeScalars.filter { ControlCharacters.isControl($0) && !allowing.contains($0) }
    }
}

@Suite struct HostileTextReportTests {
    @Test func textReportShowsControlCharactersInsteadOfPrintingThem() {
        for color in [false, true] {
            let out = TextReport.render(Hostile.report(), color: color)
            // With colour, the only escapes are the report's own SGR codes (ESC [ digits m).
            let stripped = out.replacingOccurrences(of: #"\u{1B}\[[0-9;]*m"#, with: "", options: .regularExpression)
            #expect(Hostile.controls(stripped, allowing: ["\n"]).isEmpty, "color \(color)")
            #expect(out.contains(#"A\u{1B}[2J\u{1B}]8;;http://evil.example/\u{7}click"#))
            #expect(out.contains(#"\u{9B}31m\u{7F}"#))
            // The file name's line breaks cannot start a forged line.
            #expect(!out.contains("\n# owned"))
            #expect(out.contains(#"\u{A}\u{A}<img src=x onerror=alert(1)>\u{A}# owned\u{D}\u{A}.md"#))
        }
    }

    @Test func compareAndSurveyTextShowControlCharacters() {
        let c = Comparison(tool: ToolInfo(version: "t"), old: Hostile.verdict(), new: Hostile.broken(), pillars: PillarID.allCases)
        #expect(Hostile.controls(CompareReport.text(c, color: false), allowing: ["\n"]).isEmpty)
        let survey = Survey(tool: ToolInfo(version: "t"), baselines: BaselineID.allCases, pillars: PillarID.allCases,
                            documents: [Hostile.verdict(), Hostile.broken()])
        #expect(Hostile.controls(SurveyReport.text(survey), allowing: ["\n"]).isEmpty)
    }

    @Test func terminalEscapeLeavesOrdinaryTextAlone() {
        let plain = "Article 14.11 — “Cross-Border” Transfer, naïve café 日本"
        #expect(Escape.terminal(plain) == plain)
        #expect(Escape.terminal("a\u{1B}b\nc\u{85}") == #"a\u{1B}b\u{A}c\u{85}"#)
    }
}

@Suite struct HostileCSVTests {
    /// RFC 4180 records (quoted fields may hold anything but a lone quote).
    static func parse(_ csv: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false, inQuotes = false
        var it = Array(csv.unicodeScalars)[...]
        while let c = it.popFirst() {
            if inQuotes {
                if c == "\"" {
                    if it.first == "\"" { field.unicodeScalars.append("\""); it = it.dropFirst() } else { inQuotes = false }
                } else { field.unicodeScalars.append(c) }
            } else if c == "\"" { inQuotes = true; quoted = true }
            else if c == "," { row.append(quoted ? "q:" + field : field); field = ""; quoted = false }
            else if c == "\r", it.first == "\n" {
                it = it.dropFirst(); row.append(quoted ? "q:" + field : field); rows.append(row); row = []; field = ""; quoted = false
            } else { field.unicodeScalars.append(c) }
        }
        return rows
    }

    @Test func formulaCellsAreNeutralisedAndEveryTextCellQuoted() {
        let out = CSVReport.render(Hostile.report())
        let rows = Self.parse(out)
        #expect(rows.count == 3)
        for row in rows {
            #expect(row.count == CSVReport.header.count)
            for cell in row {
                if cell.hasPrefix("q:") {
                    let text = cell.dropFirst(2)
                    if let first = text.unicodeScalars.first { #expect(!Escape.formulaLeads.contains(first), "\(text)") }
                    #expect(Hostile.controls(String(text), allowing: []).isEmpty)
                } else {
                    // Unquoted: only numbers.
                    #expect(!cell.isEmpty && cell.allSatisfy(\.isNumber), "unquoted cell \(cell)")
                }
            }
        }
        #expect(rows[1][0].hasPrefix("q:'=cmd|"))
        #expect(rows[1][2].hasPrefix("q:'@SUM(1)"))
        #expect(rows[1][3] == "q:'=1+1")
        #expect(rows[1][6] == "96")
    }

    /// A combining mark after the lead makes one Character of them in Swift; a spreadsheet
    /// still sees the `=` (and a quote before a combining mark is still a quote).
    @Test func aLeadFollowedByACombiningMarkStillGetsTheQuotePrefix() {
        #expect(Escape.csvField("=\u{0301}1+2") == "\"'=\u{0301}1+2\"")
        #expect(Escape.csvField("\u{07EF}ISO-8x").unicodeScalars.first == "\"")
        #expect(Escape.csvField("\u{07EF}ISO-8x").unicodeScalars.last == "\"")
    }

    /// CommonMark reads code points: a backtick with a combining mark still touches the fence.
    @Test func aCodeSpanIsPaddedWhenABacktickWithACombiningMarkTouchesTheFence() {
        #expect(Escape.markdownCode("`\u{0301}x") == "`` `\u{0301}x ``")
        #expect(Escape.markdownCode("x`\u{0301}") == "``x`\u{0301}``") // the mark parts them
        #expect(Escape.markdownCode("x") == "`x`")
    }

    @Test func owaspLeadCharactersEachGetAQuotePrefix() {
        for lead in ["=", "+", "-", "@", "\u{FF1D}"] {
            #expect(Escape.csvField(lead + "1+2") == "\"'\(lead)1+2\"")
        }
        // Tab and carriage return are shown, so they no longer lead the cell.
        #expect(Escape.csvField("\t=1") == #""\u{9}=1""#)
        #expect(Escape.csvField("\r=1") == #""\u{D}=1""#)
        #expect(Escape.csvField("path/=x.md") == #""path/=x.md""#)
        #expect(Escape.csvField("42") == "42")
        #expect(Escape.csvField("") == #""""#)
    }
}

@Suite struct HostileMarkdownTests {
    @Test func fileNameCannotLeaveItsCodeSpan() throws {
        let out = MarkdownReport.render(Hostile.report(), references: try Fixtures.baselineReferences())
        // Headings are only the report's own.
        let headings = out.split(separator: "\n", omittingEmptySubsequences: false).filter { $0.hasPrefix("#") }
        #expect(headings.allSatisfy { $0.hasPrefix("# dtcheck report") || $0.hasPrefix("## ") || $0.hasPrefix("### ") })
        #expect(!out.contains("\n# owned"))
        // No blank line inside a document block except the report's own paragraph breaks:
        // every line break in a file name or quote is shown.
        // Outside code spans (where `<` shows as written), no raw `<` and no link or image syntax.
        let outsideCode = out.replacingOccurrences(of: #"(`+)[^\n]*?(?<!`)\1(?!`)"#, with: "", options: .regularExpression)
        #expect(out.contains("<img"))
        #expect(!outsideCode.contains("<"))
        #expect(Hostile.controls(out, allowing: ["\n"]).isEmpty)
        // The path's longest backtick run is 2, so the span is fenced with 3.
        #expect(out.contains("```=cmd|' /C calc'!A0``x`\\u{A}\\u{A}<img src=x onerror=alert(1)>\\u{A}# owned\\u{D}\\u{A}.md```"))
        #expect(!outsideCode.contains("[x](javascript"))
        #expect(!outsideCode.contains("![t]("))
    }

    @Test func codeSpanFenceIsLongerThanAnyBacktickRun() {
        #expect(Escape.markdownCode("plain.md") == "`plain.md`")
        #expect(Escape.markdownCode("a`b") == "``a`b``")
        #expect(Escape.markdownCode("a```b``") == "```` a```b`` ````")
        #expect(Escape.markdownCode("x\n\ny") == #"`x\u{A}\u{A}y`"#)
        #expect(Escape.markdownCode("<img onerror=x>") == "`<img onerror=x>`")
    }

    @Test func cellsEscapeLineBreaksMarkupAndInlineSyntax() {
        #expect(Escape.markdownCell("a\r\n\r\nb") == "a  b")
        #expect(Escape.markdownCell("<b>&") == "&lt;b&gt;&amp;")
        #expect(Escape.markdownCell("![i](u) *x* `c` a|b") == #"!\[i\](u) \*x\* \`c\` a\|b"#)
        #expect(Escape.markdownCell("\u{1B}[2J") == #"\\u{1B}\[2J"#)
    }
}

/// HTML, SARIF, JSON and JUnit already escaped correctly: these hold them to it.
@Suite struct HostileMarkupAndJSONTests {
    @Test func htmlReportHasNoRawMarkupOrControlsFromDocuments() throws {
        let out = HTMLReport.render(Hostile.report(), references: try Fixtures.baselineReferences())
        #expect(!out.contains("<img"))
        #expect(!out.contains("<script>"))
        #expect(out.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(Hostile.controls(out, allowing: ["\n", "\t"]).isEmpty)
        #expect(out.contains(#"A\u{1B}[2J"#))
    }

    @Test func junitIsWellFormedWithoutControls() {
        let out = JUnitReport.render(Hostile.report(), gate: Gate(failUnder: .baseline, minScore: 100))
        #expect(!out.contains("<img"))
        #expect(Hostile.controls(out, allowing: ["\n"]).isEmpty)
        // Attribute values never hold a raw quote or `<`.
        for attr in out.matches(of: /="([^"]*)"/) { #expect(!attr.1.contains("<")) }
    }

    @Test func jsonAndSARIFCarryTheExactTextEscaped() throws {
        let json = try JSONReport.render(Hostile.report())
        #expect(!json.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        let obj = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let docs = try #require(obj["documents"] as? [[String: Any]])
        #expect(docs.first?["path"] as? String == Hostile.path)
        #expect(docs.first?["title"] as? String == Hostile.title)

        let sarif = try SARIFReport.render(Hostile.report())
        #expect(!sarif.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        let s = try #require(try JSONSerialization.jsonObject(with: Data(sarif.utf8)) as? [String: Any])
        let runs = try #require(s["runs"] as? [[String: Any]])
        let results = try #require(runs.first?["results"] as? [[String: Any]])
        let text = String(describing: results)
        #expect(!results.isEmpty)
        #expect(text.contains("onerror"))
    }
}

@Suite struct HostileStderrTests {
    @Test func errorLinesShowControlCharactersInFileNames() throws {
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let name = "bad\u{1B}[2J\u{1B}]8;;http:evil.example\u{07}\nerror: forged.xml"
        try Data("<a><b></a>".utf8).write(to: dir.appendingPathComponent(name))
        guard let r = Dtcheck.run(["check", "--format", "text", dir.path]) else { return }
        #expect(r.status == 2)
        #expect(Hostile.controls(r.stderr, allowing: ["\n"]).isEmpty, "\(r.stderr)")
        #expect(r.stderr.contains(#"bad\u{1B}[2J\u{1B}]8;;http:evil.example\u{7}\u{A}error: forged.xml"#))
        #expect(!r.stderr.contains("\nerror: forged.xml"))
        #expect(Hostile.controls(r.stdout, allowing: ["\n"]).isEmpty, "\(r.stdout)")
    }
}
