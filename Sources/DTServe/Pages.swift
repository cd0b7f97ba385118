import DTGrading
import DTReports
import DTRules
import Foundation

/// The HTML the server writes itself: the upload page and the pages that say why
/// a request was refused. Reports come from DTReports' renderers, wrapped by `ReportPage`.
enum Pages {
    /// The renderers' own escaping (markup characters, and control characters shown
    /// visibly), so a refusal page escapes exactly as a report does.
    static func escape(_ s: String) -> String { Escape.markup(s) }

    static func shell(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <link rel="stylesheet" href="/static/page.css">
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }

    /// The upload page: one form, two buttons (check one file, compare two).
    static func upload(token: String, maxFileSize: Int, baseline: String = "both", pillars chosen: [String] = []) -> String {
        let pillars = PillarID.allCases.map {
            let on = chosen.isEmpty || chosen.contains($0.rawValue) ? " checked" : ""
            return "<label><input type=\"checkbox\" name=\"pillar\" value=\"\($0.rawValue)\"\(on)> \(escape($0.title))</label>"
        }.joined(separator: "\n")
        func option(_ value: String, _ label: String) -> String {
            "<option value=\"\(value)\"\(value == baseline ? " selected" : "")>\(escape(label))</option>"
        }
        return shell(title: "dtcheck", body: """
        <h1>dtcheck</h1>
        <p class="lead">Grade a trade-agreement draft on the four digital-trade pillars, against USMCA Chapter 19 and the US–Japan Digital Trade Agreement.</p>
        <p class="private">Runs on this computer only: your file is read in memory, graded, and forgotten when the report is sent. Nothing is stored and nothing leaves the machine.</p>
        <form id="upload" method="post" action="/check" enctype="multipart/form-data">
        <input type="hidden" name="token" value="\(escape(token))">
        <div class="drop" id="drop">
        <p><strong>Drop a draft here</strong> (Word, ODT, XML, HTML, Markdown or text; up to \(sizeText(maxFileSize)))</p>
        <p id="drop-note">Drop one file to check it, or two to compare them (the earlier name is taken as the earlier draft).</p>
        </div>
        <fieldset>
        <legend>Check one draft</legend>
        <label>Draft: <input type="file" name="file" id="file"></label>
        <p><button type="submit" formaction="/check">Check</button></p>
        </fieldset>
        <fieldset>
        <legend>Compare two drafts</legend>
        <div class="pair">
        <label>Earlier draft: <input type="file" name="old" id="old"></label>
        <label>Later draft: <input type="file" name="new" id="new"></label>
        </div>
        <p><button type="submit" formaction="/compare">Compare</button></p>
        </fieldset>
        <fieldset>
        <legend>Options</legend>
        <label>Baseline:
        <select name="baseline">
        \(option("both", "USMCA and US–Japan DTA"))
        \(option("usmca", "USMCA Chapter 19"))
        \(option("ujdta", "US–Japan DTA"))
        </select></label>
        \(pillars)
        </fieldset>
        </form>
        <script src="/static/page.js"></script>
        """)
    }

    /// A refusal or failure a person can read: what happened and what to do.
    static func problem(title: String, message: String) -> String {
        shell(title: "dtcheck: \(title)", body: """
        <h1>\(escape(title))</h1>
        <p class="problem">\(escape(message))</p>
        <p><a href="/">Back to the upload page</a></p>
        """)
    }

    static func sizeText(_ bytes: Int) -> String {
        // The default limit is 64 MiB: binary units say it as the CLI's help means it.
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1_000_000 { return String(format: "%.0f MB", Double(bytes) / 1_000_000) }
        if bytes >= 1_000 { return String(format: "%.0f KB", Double(bytes) / 1_000) }
        return "\(bytes) bytes"
    }
}
