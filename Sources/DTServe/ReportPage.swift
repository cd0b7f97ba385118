import Foundation

/// A renderer's HTML report made servable under `default-src 'self'`: its inline
/// stylesheet moves to /static (kept by content, so it is served, never stored per
/// upload), and a bar above it offers the JSON, SARIF and Markdown of the same run
/// as `data:` downloads, so the server keeps no copy of any report.
enum ReportPage {
    struct Download {
        var label: String
        var fileExtension: String
        var mediaType: String
        var bytes: [UInt8]
    }

    static func wrap(_ html: String, status: String, ok: Bool, baseName: String, downloads: [Download], styles: StyleStore) -> String {
        var page = html
        // Inline <style> blocks become stylesheets served from /static.
        while let open = page.range(of: "<style>"), let close = page.range(of: "</style>", range: open.upperBound..<page.endIndex) {
            let css = String(page[open.upperBound..<close.lowerBound])
            let key = styles.put(css)
            page.replaceSubrange(open.lowerBound..<close.upperBound, with: "<link rel=\"stylesheet\" href=\"/static/report-\(key).css\">")
        }
        if let head = page.range(of: "</head>") {
            page.insert(contentsOf: "<link rel=\"stylesheet\" href=\"/static/nav.css\">\n", at: head.lowerBound)
        }
        var nav = "<nav class=\"serve\"><span class=\"status\(ok ? "" : " bad")\">" + Pages.escape(status) + "</span>"
        for d in downloads {
            let name = "dtcheck-\(baseName).\(d.fileExtension)"
            nav += "<a download=\"\(Pages.escape(name))\" href=\"data:\(d.mediaType);base64,\(Data(d.bytes).base64EncodedString())\">"
                + Pages.escape(d.label) + "</a>"
        }
        nav += "<a href=\"/\">Check another draft</a></nav>\n"
        if let body = page.range(of: "<body>\n") ?? page.range(of: "<body>") {
            page.insert(contentsOf: nav, at: body.upperBound)
        }
        return page
    }
}

/// The report stylesheets seen so far, by content hash. The renderers' CSS is fixed
/// text, so this holds one or two entries; it is capped all the same.
final class StyleStore: @unchecked Sendable {
    private let lock = NSLock()
    private var sheets: [String: String] = [:]
    static let cap = 32

    /// Stores `css` and returns its key (FNV-1a 64, hex: a cache key, not a secret).
    func put(_ css: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in css.utf8 {
            hash ^= UInt64(b)
            hash = hash &* 0x100_0000_01b3
        }
        let key = String(hash, radix: 16)
        lock.lock()
        defer { lock.unlock() }
        if sheets[key] == nil, sheets.count < Self.cap { sheets[key] = css }
        return key
    }

    func get(_ key: String) -> String? {
        lock.lock()
        defer { lock.unlock() }
        return sheets[key]
    }
}
