import DTGrading
import DTModel
import DTRules
import Foundation

/// The blind-spot audit's output: text (unexplained sentences, then counts),
/// JSON (every item, reviewed or not, with the counts) and CSV (one row an item).
public struct AuditReport: Codable, Sendable {
    public struct Count: Codable, Sendable, Equatable {
        public var unexplained = 0
        public var reviewed = 0
    }

    public var schemaVersion = 1
    public var reviewedFile: String
    public var documents: [AuditDocument]
    /// Per scope (pillar id or `dispute-settlement`).
    public var counts: [String: Count]
    /// Reviewed entries no audited sentence matched (the text changed, or the entry is stale).
    public var unusedReviewed: Int

    public init(reviewedFile: String, documents: [AuditDocument], reviewed: ReviewedFile) {
        self.reviewedFile = reviewedFile
        self.documents = documents
        var counts: [String: Count] = [:]
        for scope in Self.scopes { counts[scope] = Count() }
        var used = Set<String>()
        for item in documents.flatMap(\.items) {
            if item.reviewed != nil {
                counts[item.scope, default: Count()].reviewed += 1
                used.insert(item.scope + "|" + item.fingerprint)
            } else {
                counts[item.scope, default: Count()].unexplained += 1
            }
        }
        self.counts = counts
        self.unusedReviewed = reviewed.entries.filter { !used.contains($0.scope + "|" + $0.fingerprint) }.count
    }

    public static let scopes = PillarID.allCases.map(\.rawValue) + [Auditor.disputeScope]

    public var unexplained: Int { counts.values.map(\.unexplained).reduce(0, +) }

    public func text(showReviewed: Bool) -> String {
        var out = ""
        for doc in documents {
            for item in doc.items where showReviewed || item.reviewed == nil {
                out += "\(item.file):\(item.line): [\(item.scope)] \(item.article)"
                if let h = item.heading, !h.isEmpty { out += " (\(h))" }
                out += " \(item.fingerprint)\n    \(item.sentence)\n"
                if let r = item.reviewed { out += "    reviewed: \(r)\n" }
            }
        }
        let audited = documents.filter { $0.status == "audited" }.count
        out += "audit: \(documents.count) document\(documents.count == 1 ? "" : "s"), \(audited) audited"
        let other = documents.count - audited
        if other > 0 { out += ", \(other) not read (language or error)" }
        out += "\n"
        for scope in Self.scopes {
            let c = counts[scope] ?? Count()
            out += "  \(scope): \(c.unexplained) unexplained, \(c.reviewed) reviewed\n"
        }
        if unusedReviewed > 0 { out += "  \(unusedReviewed) reviewed entries matched no sentence\n" }
        return out
    }

    public func json() throws -> String {
        try JSONOutput.encode(self)
    }

    public func csv() -> String {
        var out = Escape.csvRow(["file", "line", "scope", "article", "heading", "fingerprint", "reviewed", "sentence"])
        for item in documents.flatMap(\.items) {
            out += Escape.csvRow([item.file, String(item.line), item.scope, item.article, item.heading ?? "", item.fingerprint,
                                  item.reviewed ?? "", item.sentence])
        }
        return out
    }
}
