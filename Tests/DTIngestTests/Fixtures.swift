import DTTestSupport
import DTIngest
import DTModel
import Foundation

/// Paths to the committed fixtures and small helpers the reader tests share.
enum Fixtures {
    static func path(_ name: String) -> String {
        SharedCorpus.packageRoot.appendingPathComponent("corpus/fixtures/ingest").appendingPathComponent(name).path
    }

    static func load(_ name: String, options: IngestOptions = IngestOptions()) throws -> Agreement {
        try DocumentLoader.load(path: path(name), options: options)
    }
}

extension Agreement {
    /// Article numbers in document order (unnumbered articles left out).
    var articleNumbers: [String] { articles.compactMap(\.article.number) }

    /// Every division's text, headings and footnotes, for "nothing like X is left" checks.
    var allText: String {
        var parts: [String] = [title ?? ""]
        var stack = divisions
        while let d = stack.popLast() {
            parts.append(d.number ?? "")
            parts.append(d.heading ?? "")
            parts.append(d.text)
            parts.append(contentsOf: d.footnotes.map(\.text))
            stack.append(contentsOf: d.children)
        }
        return parts.joined(separator: "\n")
    }

    /// Every division, depth first.
    var allDivisions: [Division] {
        var out: [Division] = []
        var stack = divisions.reversed() as [Division]
        while let d = stack.popLast() {
            out.append(d)
            stack.append(contentsOf: d.children.reversed())
        }
        return out
    }
}

/// Numbered articles of the ToTA source a rendering was made from.
enum ToTASource {
    static func articleNumbers(_ id: String) throws -> [String]? {
        guard let path = SharedCorpus.path("tota/\(id).xml") else { return nil }
        return try DocumentLoader.load(path: path).articleNumbers
    }
}
