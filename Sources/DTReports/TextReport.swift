import DTGrading
import DTRules

/// The terminal report: one block per document, then a summary line.
/// `color` switches ANSI escapes on; the caller decides (tty, NO_COLOR, --color).
/// Everything taken from a document or a file name goes through `Escape.terminal`
/// (`shown` below), so only the report's own styling reaches the terminal as escapes.
/// Places read as the document does (`Article 9.12, paragraph 2`, see `Place`); rule
/// ids and deviation codes appear only with `verbose` (they stay in JSON and SARIF).
public enum TextReport {
    public static func render(_ report: Report, color: Bool, verbose: Bool = false) -> String {
        let s = Styler(enabled: color, verbose: verbose)
        var out = ""
        for doc in report.documents {
            out += document(doc, s)
            out += "\n"
        }
        out += summaryLine(report.summary, s) + "\n"
        return out
    }

    static func document(_ doc: DocumentVerdict, _ s: Styler) -> String {
        var out = s.bold(shown(doc.path)) + "\n"
        var meta: [String] = []
        if let title = doc.title { meta.append(shown(title)) }
        if let d = doc.dateSigned { meta.append("signed \(shown(d))") }
        if let ls = doc.languages, ls.count > 1 {
            meta.append("languages \(shown(ls.joined(separator: "+"))) (bilingual)")
        } else if let l = doc.language {
            meta.append("language \(shown(l))")
        }
        meta.append("status \(doc.status.rawValue)")
        out += "  " + meta.joined(separator: " · ") + "\n"
        if doc.status == .error {
            out += "  " + s.red("error: ") + shown(LocationText.error(doc)) + "\n"
            return out
        }
        if doc.status == .notAssessed {
            out += "  " + s.dim("not assessed: the rules read English, Spanish and French texts only") + "\n"
        }
        if let f = doc.amendingInstrument { out += "  " + s.yellow(shown(AmendingInstrument.notice(f))) + "\n" }
        if let d = doc.draft { out += "  " + s.yellow(shown(DraftLines.summary(d))) + "\n" }
        for p in doc.pillars {
            out += pillar(p, format: doc.format, s)
        }
        if let overall = doc.overallScore { out += "  overall score \(overall)\n" }
        if let d = doc.draft {
            for c in d.comments {
                out += "  comment " + shown(DraftLines.comment(c))
                    + (DraftLines.line(c.file, c.line, format: doc.format).map { "  " + s.dim(shown($0)) } ?? "") + "\n"
            }
            for w in d.warnings { out += "  " + s.yellow("warning: ") + shown(w) + "\n" }
        }
        return out
    }

    static func pillar(_ p: PillarVerdict, format: String?, _ s: Styler) -> String {
        let name = p.id.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)
        var out = "  \(name) " + s.level(p.level) + "  score \(p.score)"
        // A draft: the agreed level, then what the brackets would make of it.
        if let proposed = p.proposed, let weakest = p.weakest {
            out = "  \(name) agreed " + s.level(p.level) + " \(p.score) · " + s.yellow(shown(DraftLines.state("proposed", proposed, p)))
                + " · " + s.yellow(shown(DraftLines.state("weakest", weakest, p)))
        }
        if s.verbose, let rule = p.rule { out += s.dim("  [\(shown(rule))]") }
        out += "\n"
        if let t = DraftLines.tracked(p) { out += "      " + s.yellow(shown(t)) + "\n" }
        for o in p.open ?? [] {
            out += "      " + s.yellow("open ") + shown(DraftLines.open(o))
                + (DraftLines.line(o.file, o.line, format: format).map { "  " + s.dim(shown($0)) } ?? "") + "\n"
        }
        var quoted: [Evidence] = []
        for e in p.evidence where !quoted.contains(where: { Place.sameQuote($0, e) }) {
            quoted.append(e)
            var head = "      " + shown(Place.label(e))
            if let h = e.heading, !h.isEmpty { head += " — " + shown(h) }
            if let at = Place.fileLine(e, format: format) { head += "  " + s.dim(shown(at)) }
            out += head + "\n"
            out += "        “" + shown(Trim.quote(e.quote)) + "”\n"
        }
        for f in p.limitations { out += finding(f, label: s.red("limitation"), code: true, format: format, quoted: &quoted, s) }
        for f in p.deviations { out += finding(f, label: s.yellow("deviation"), code: s.verbose, format: format, quoted: &quoted, s) }
        for f in p.sectoral { out += finding(f, label: s.dim("sectoral"), code: s.verbose, format: format, quoted: &quoted, s) }
        out += SuggestionReport.text(p, s, format: format)
        return out
    }

    /// A finding: its kind, its id when `code` (a limitation's id is a word from
    /// PILLARS.md a reader can look up with `dtcheck explain`; deviation and sectoral
    /// ids are codes shown only with --verbose, as are rule ids), its message, the
    /// baseline articles, and where. A quote already shown is named, not repeated.
    static func finding(_ f: Finding, label: String, code: Bool, format: String?, quoted: inout [Evidence], _ s: Styler) -> String {
        var out = "      \(label)"
        if code { out += " " + shown(f.id) }
        if s.verbose { out += s.dim(" [" + shown(f.allRules.joined(separator: ", ")) + "]") }
        out += ": \(shown(f.message))"
        if !f.baselines.isEmpty { out += " (vs \(f.citationText))" }
        out += "\n"
        guard let e = f.evidence else { return out }
        var at = "        "
        let seen = quoted.contains { Place.sameQuote($0, e) }
        if seen { at += "at " }
        at += shown(Place.label(e))
        if let line = Place.fileLine(e, format: format) { at += "  " + s.dim(shown(line)) }
        if !seen {
            at += ": “" + shown(Trim.quote(e.quote, limit: 160)) + "”"
            quoted.append(e)
        }
        return out + at + "\n"
    }

    static func summaryLine(_ sum: ReportSummary, _ s: Styler) -> String {
        var line = "\(sum.documents) document\(sum.documents == 1 ? "" : "s"): \(sum.assessed) assessed, "
            + "\(sum.notAssessed) not assessed, \(sum.errors) error\(sum.errors == 1 ? "" : "s")"
        let levels = sum.orderedLevels.map { "\($0.1) \(s.level($0.0))" }
        if !levels.isEmpty { line += "; pillars: " + levels.joined(separator: ", ") }
        return line
    }
}

/// Document-supplied text as the terminal may show it.
@inline(__always) func shown(_ s: String) -> String { Escape.terminal(s) }

/// ANSI styling that collapses to plain text when disabled.
struct Styler {
    var enabled: Bool
    /// Rule ids and deviation codes shown (`--verbose`).
    var verbose = false

    func wrap(_ s: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
    func bold(_ s: String) -> String { wrap(s, "1") }
    func dim(_ s: String) -> String { wrap(s, "2") }
    func red(_ s: String) -> String { wrap(s, "31") }
    func yellow(_ s: String) -> String { wrap(s, "33") }
    func green(_ s: String) -> String { wrap(s, "32") }

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
