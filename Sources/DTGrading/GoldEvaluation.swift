import DTModel
import DTRules
import Foundation

/// One row of a gold file (PILLARS.md "Gold files").
public struct GoldRow: Sendable, Equatable {
    public var doc: String
    public var pillar: PillarID
    public var level: Level
    public var articles: [String]
    public var limitations: [String]
    public var note: String
}

public enum GoldFile {
    /// Parses `doc,pillar,level,articles,limitations,note` (RFC 4180 quoting).
    public static func parse(_ text: String, file: String) throws -> [GoldRow] {
        let records = CSV.parse(text)
        guard let header = records.first else { throw GoldError(message: "\(file): empty gold file") }
        let cols = header.map { $0.trimmingCharacters(in: .whitespaces) }
        func col(_ name: String) throws -> Int {
            guard let i = cols.firstIndex(of: name) else { throw GoldError(message: "\(file): no '\(name)' column") }
            return i
        }
        let (d, p, l, a, li) = (try col("doc"), try col("pillar"), try col("level"), try col("articles"), try col("limitations"))
        let n = cols.firstIndex(of: "note")
        var rows: [GoldRow] = []
        for (i, r) in records.dropFirst().enumerated() where r.count > 1 || (r.first.map { !$0.isEmpty } ?? false) {
            func field(_ k: Int) -> String { k < r.count ? r[k] : "" }
            guard let pillar = PillarID(rawValue: field(p)) else { throw GoldError(message: "\(file):\(i + 2): unknown pillar '\(field(p))'") }
            guard let level = Level(rawValue: field(l)) else { throw GoldError(message: "\(file):\(i + 2): unknown level '\(field(l))'") }
            rows.append(GoldRow(doc: field(d), pillar: pillar, level: level,
                                articles: field(a).split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
                                limitations: field(li).split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
                                note: n.map(field) ?? ""))
        }
        return rows
    }
}

public struct GoldError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// A (document, pillar) pair where dtcheck and the gold disagree.
public struct EvaluationMiss: Codable, Sendable, Equatable {
    public var doc: String
    public var pillar: PillarID
    public var gold: Level
    public var got: Level
    public var goldArticles: [String]
    public var evidence: [String]
    public var levelMatches: Bool
    public var articleFound: Bool
}

/// Agreement of dtcheck with a gold file, per pillar and overall.
public struct EvaluationReport: Codable, Sendable {
    public struct Figures: Codable, Sendable, Equatable {
        public var pairs: Int
        public var exact: Int
        public var nonAbsentPairs: Int
        public var nonAbsentExact: Int
        public var evidencePairs: Int
        public var evidenceHits: Int
        /// "binding or stronger" as a positive class.
        public var truePositives: Int
        public var falsePositives: Int
        public var falseNegatives: Int
        /// binding-qualified/baseline where gold says absent or soft.
        public var overclaims: Int

        public var exactRate: Double { pairs == 0 ? 1 : Double(exact) / Double(pairs) }
        public var nonAbsentRate: Double { nonAbsentPairs == 0 ? 1 : Double(nonAbsentExact) / Double(nonAbsentPairs) }
        public var evidenceRate: Double { evidencePairs == 0 ? 1 : Double(evidenceHits) / Double(evidencePairs) }
        public var precision: Double { truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives) }
        public var recall: Double { truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives) }

        static let zero = Figures(pairs: 0, exact: 0, nonAbsentPairs: 0, nonAbsentExact: 0, evidencePairs: 0, evidenceHits: 0,
                                  truePositives: 0, falsePositives: 0, falseNegatives: 0, overclaims: 0)
    }

    public var overall: Figures
    public var byPillar: [String: Figures]
    /// confusion[gold][got] = count.
    public var confusion: [String: [String: Int]]
    public var misses: [EvaluationMiss]
    /// Documents in the gold file that could not be read.
    public var unreadable: [String: String]
}

public enum GoldEvaluator {
    /// Compares verdicts (keyed by the gold `doc` value) with gold rows.
    public static func evaluate(rows: [GoldRow], verdicts: [String: DocumentVerdict]) -> EvaluationReport {
        var overall = EvaluationReport.Figures.zero
        var byPillar: [String: EvaluationReport.Figures] = [:]
        var confusion: [String: [String: Int]] = [:]
        var misses: [EvaluationMiss] = []
        var unreadable: [String: String] = [:]
        for row in rows {
            guard let v = verdicts[row.doc] else { unreadable[row.doc] = "not graded"; continue }
            if v.status == .error { unreadable[row.doc] = v.error?.message ?? "error" }
            let got = v.pillar(row.pillar)?.level ?? .absent
            let evidence = v.pillar(row.pillar)?.evidence.map(\.article) ?? []
            var f = byPillar[row.pillar.rawValue] ?? .zero
            for target in [0, 1] {
                var g = target == 0 ? overall : f
                g.pairs += 1
                if got == row.level { g.exact += 1 }
                if row.level > .absent {
                    g.nonAbsentPairs += 1
                    if got == row.level { g.nonAbsentExact += 1 }
                }
                if row.level > .absent && !row.articles.isEmpty {
                    g.evidencePairs += 1
                    if articleFound(row.articles, in: evidence) { g.evidenceHits += 1 }
                }
                let goldPos = row.level >= .bindingQualified, gotPos = got >= .bindingQualified
                if goldPos && gotPos { g.truePositives += 1 }
                if !goldPos && gotPos { g.falsePositives += 1 }
                if goldPos && !gotPos { g.falseNegatives += 1 }
                if gotPos && (row.level == .absent || row.level == .soft) { g.overclaims += 1 }
                if target == 0 { overall = g } else { f = g }
            }
            byPillar[row.pillar.rawValue] = f
            confusion[row.level.rawValue, default: [:]][got.rawValue, default: 0] += 1
            let hit = row.articles.isEmpty || row.level <= .absent || articleFound(row.articles, in: evidence)
            if got != row.level || !hit {
                misses.append(EvaluationMiss(doc: row.doc, pillar: row.pillar, gold: row.level, got: got, goldArticles: row.articles,
                                             evidence: evidence, levelMatches: got == row.level, articleFound: hit))
            }
        }
        return EvaluationReport(overall: overall, byPillar: byPillar, confusion: confusion, misses: misses, unreadable: unreadable)
    }

    /// Article numbers compare case-insensitively with white space folded.
    static func articleFound(_ gold: [String], in evidence: [String]) -> Bool {
        let norm = { (s: String) in s.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let have = Set(evidence.map(norm))
        return gold.contains { have.contains(norm($0)) }
    }
}

/// RFC 4180 CSV reading, enough for gold files.
public enum CSV {
    public static func parse(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var inQuotes = false
        var it = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = it.next()
        while let c = pending {
            pending = it.next()
            if inQuotes {
                if c == "\"" {
                    if pending == "\"" { field.unicodeScalars.append("\""); pending = it.next() } else { inQuotes = false }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                inQuotes = true
            } else if c == "," {
                row.append(field); field = ""
            } else if c == "\n" || c == "\r" {
                if c == "\r" && pending == "\n" { pending = it.next() }
                row.append(field); field = ""
                rows.append(row); row = []
            } else {
                field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
