import DTGrading
import DTReports
import Testing

/// Streaming a report document by document must give exactly the bytes of the
/// whole-report renderers, for every streamed format and batch size.
@Suite struct ReportStreamTests {
    func streamed(_ format: ReportStream.Format, _ report: Report) throws -> String {
        let s = ReportStream(format: format, tool: report.tool, baselines: report.baselines, pillars: report.pillars)
        var out = try s.header()
        var summary = ReportSummary(documents: [])
        for (i, d) in report.documents.enumerated() {
            out += s.separator(before: i) + (try s.chunk(d))
            summary.add(d)
        }
        return out + (try s.footer(summary: summary, count: report.documents.count))
    }

    @Test(arguments: [0, 1, 3])
    func sameBytesAsTheWholeRenderers(count: Int) throws {
        let docs = Array([Fixtures.verdict(), Fixtures.broken, Fixtures.spanish].prefix(count))
        let report = Fixtures.report(docs)
        #expect(try streamed(.json, report) == (try JSONReport.render(report)))
        #expect(try streamed(.csv, report) == CSVReport.render(report))
        #expect(try streamed(.text(color: false), report) == TextReport.render(report, color: false))
        #expect(try streamed(.text(color: true), report) == TextReport.render(report, color: true))
    }
}
