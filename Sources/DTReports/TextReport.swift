import DTGrading
import DTRules

/// The terminal report: one block per document, then a summary line.
/// `color` switches ANSI escapes on; the caller decides (tty, NO_COLOR, --color).
public enum TextReport {
    public static func render(_ report: Report, color: Bool) -> String {
        let s = Styler(enabled: color)
        var out = ""
        for doc in report.documents {
            out += document(doc, s)
            out += "\n"
        }
        out += summaryLine(report.summary, s) + "\n"
        return out
    }

    static func document(_ doc: DocumentVerdict, _ s: Styler) -> String {
        var out = s.bold(doc.path) + "\n"
        var meta: [String] = []
        if let t = doc.title { meta.append(t) }
        if let d = doc.dateSigned { meta.append("signed \(d)") }
        if let ls = doc.languages, ls.count > 1 {
            meta.append("languages \(ls.joined(separator: "+")) (bilingual)")
        } else if let l = doc.language {
            meta.append("language \(l)")
        }
        meta.append("status \(doc.status.rawValue)")
        out += "  " + meta.joined(separator: " · ") + "\n"
        if doc.status == .error {
            out += "  " + s.red("error: ") + LocationText.error(doc) + "\n"
            return out
        }
        if doc.status == .notAssessed {
            out += "  " + s.dim("not assessed: the rules read English, Spanish and French texts only") + "\n"
        }
        for p in doc.pillars {
            out += pillar(p, s)
        }
        if let overall = doc.overallScore { out += "  overall score \(overall)\n" }
        return out
    }

    static func pillar(_ p: PillarVerdict, _ s: Styler) -> String {
        let name = p.id.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)
        var out = "  \(name) " + s.level(p.level) + "  score \(p.score)"
        if let rule = p.rule { out += s.dim("  [\(rule)]") }
        out += "\n"
        for e in p.evidence {
            var head = "      " + e.article
            if let h = e.heading, !h.isEmpty { head += " — " + h }
            out += head + "  " + s.dim(LocationText.of(e)) + "\n"
            out += "        “" + Trim.quote(e.quote) + "”\n"
        }
        for f in p.limitations { out += finding(f, label: s.red("limitation"), quoted: p.evidence, s) }
        for f in p.deviations { out += finding(f, label: s.yellow("deviation"), quoted: p.evidence, s) }
        for f in p.sectoral { out += finding(f, label: s.dim("sectoral"), quoted: p.evidence, s) }
        return out
    }

    static func finding(_ f: Finding, label: String, quoted: [Evidence], _ s: Styler) -> String {
        var out = "      \(label) \(f.id): \(f.message)"
        if !f.baselines.isEmpty { out += " (vs \(f.citationText))" }
        out += "\n"
        // A quote already shown above the findings is named, not repeated.
        if let e = f.evidence, quoted.contains(e) {
            out += "        at " + e.article + "  " + s.dim(LocationText.of(e)) + "\n"
        } else if let e = f.evidence {
            out += "        " + e.article + "  " + s.dim(LocationText.of(e)) + ": “" + Trim.quote(e.quote, limit: 160) + "”\n"
        }
        return out
    }

    static func summaryLine(_ sum: ReportSummary, _ s: Styler) -> String {
        var line = "\(sum.documents) document\(sum.documents == 1 ? "" : "s"): \(sum.assessed) assessed, "
            + "\(sum.notAssessed) not assessed, \(sum.errors) error\(sum.errors == 1 ? "" : "s")"
        let levels = sum.orderedLevels.map { "\($0.1) \(s.level($0.0))" }
        if !levels.isEmpty { line += "; pillars: " + levels.joined(separator: ", ") }
        return line
    }
}

/// ANSI styling that collapses to plain text when disabled.
struct Styler {
    var enabled: Bool

    func wrap(_ s: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
    func bold(_ s: String) -> String { wrap(s, "1") }
    func dim(_ s: String) -> String { wrap(s, "2") }
    func red(_ s: String) -> String { wrap(s, "31") }
    func yellow(_ s: String) -> String { wrap(s, "33") }

    func level(_ l: Level) -> String {
        switch l {
        case .baseline: return wrap(l.rawValue, "1;32")
        case .bindingQualified: return wrap(l.rawValue, "33")
        case .soft: return wrap(l.rawValue, "35")
        case .absent: return wrap(l.rawValue, "31")
        case .notAssessed: return wrap(l.rawValue, "2")
        }
    }
}
