import Foundation
import DTGrading
import DTRules

/// A briefing note / PR comment: a pillars × level/score table per document, then details.
public enum MarkdownReport {
    /// `references`: each pillar's baseline articles and elements (`RuleSet.baselineReferences`);
    /// `scoring`: the loaded scoring rules, for the legend's account of the score.
    public static func render(_ report: Report, references: [PillarID: BaselineReference], scoring: Scoring = .standard) -> String {
        var out = "# dtcheck report\n\n"
        out += "Baselines: " + report.baselines.map(\.title).joined(separator: ", ") + "\n\n"
        for doc in report.documents { out += document(doc, references: references) }
        let sum = report.summary
        out += "---\n\n\(sum.documents) document\(sum.documents == 1 ? "" : "s"): \(sum.assessed) assessed, \(sum.notAssessed) not assessed, \(sum.errors) errors"
        let levels = sum.orderedLevels.map { "\($0.1) \($0.0.rawValue)" }
        if !levels.isEmpty { out += "; pillars: " + levels.joined(separator: ", ") }
        return out + "\n\n" + legend(scoring)
    }

    /// What the levels, the score, limitations, deviations and sectoral findings mean
    /// (`Glossary`), so a reader needs nothing else to read the report.
    static func legend(_ scoring: Scoring) -> String {
        var out = "## How to read this report\n\n| term | meaning |\n|---|---|\n"
        for e in Glossary.legend(scoring) { out += "| `\(e.term)` | \(Escape.markdownCell(e.text)) |\n" }
        return out + "\n`dtcheck explain TERM` says more about a level, a limitation id or a deviation id.\n"
    }

    static func document(_ doc: DocumentVerdict, references: [PillarID: BaselineReference]) -> String {
        var out = "## " + Escape.markdownCell(doc.title ?? doc.path) + "\n\n"
        var meta = [Escape.markdownCode(doc.path), "status **\(doc.status.rawValue)**"]
        if let d = doc.dateSigned { meta.append("signed \(Escape.markdownCell(d))") }
        if let ls = doc.languages, ls.count > 1 {
            meta.append("languages \(Escape.markdownCell(ls.joined(separator: "+"))) (bilingual)")
        } else if let l = doc.language {
            meta.append("language \(Escape.markdownCell(l))")
        }
        if let o = doc.overallScore { meta.append("overall score \(o)") }
        out += meta.joined(separator: " · ") + "\n\n"
        if doc.status == .error {
            return out + "> **error:** \(Escape.markdownCode(LocationText.error(doc)))\n\n"
        }
        out += "| pillar | level | score | articles | limitations |\n|---|---|---:|---|---|\n"
        for p in doc.pillars {
            let articles = HTMLReport.distinct(p.evidence.map(Place.label)).joined(separator: "; ")
            let limits = HTMLReport.distinct(p.limitations.map(\.id)).joined(separator: "; ")
            out += "| \(p.id.rawValue) | \(p.level.rawValue) | \(p.score) | \(Escape.markdownCell(articles)) | \(Escape.markdownCell(limits)) |\n"
        }
        out += "\n"
        if let f = doc.amendingInstrument { out += "> " + Escape.markdownCell(AmendingInstrument.notice(f)) + "\n\n" }
        out += draft(doc)
        for p in doc.pillars where !(p.evidence.isEmpty && p.limitations.isEmpty && p.deviations.isEmpty && p.sectoral.isEmpty
                                     && (p.suggestions ?? []).isEmpty) {
            out += "### \(p.id.rawValue): \(p.level.rawValue) (\(p.score))\n\n"
            let ref = references[p.id] ?? BaselineReference()
            out += "Measured against " + ref.citations.map(\.description).joined(separator: ", ") + ".\n\n"
            // Each quote once: a finding on a quote shown above names its place only.
            var quoted: [Evidence] = []
            func show(_ e: Evidence) -> String {
                var head = "**" + Escape.markdownCell(Place.label(e)) + "**"
                if let h = e.heading, !h.isEmpty { head += " — " + Escape.markdownCell(h) }
                if let at = Place.fileLine(e, format: doc.format) { head += " (" + Escape.markdownCode(at) + ")" }
                quoted.append(e)
                return head + "\n  > \(Escape.markdownCell(Trim.quote(e.quote, limit: 400)))\n"
            }
            for e in p.evidence where !quoted.contains(where: { Place.sameQuote($0, e) }) { out += "- " + show(e) }
            for (label, list) in [("Limitation", p.limitations), ("Deviation", p.deviations), ("Sectoral", p.sectoral)] {
                for f in list {
                    out += "- **\(label)** \(Escape.markdownCode(f.id)): \(Escape.markdownCell(f.message))"
                    if !f.baselines.isEmpty { out += " — vs \(f.citationText)" }
                    if let e = f.evidence {
                        if quoted.contains(where: { Place.sameQuote($0, e) }) {
                            out += " (at " + Escape.markdownCell(Place.label(e))
                                + (Place.fileLine(e, format: doc.format).map { ", " + Escape.markdownCode($0) } ?? "") + ")\n"
                        } else {
                            out += "\n  at " + show(e)
                        }
                    } else {
                        out += "\n"
                    }
                }
            }
            out += "\n"
            out += SuggestionReport.markdown(p)
        }
        return out
    }

    /// A draft's states, open brackets, comments and warnings; nothing for a text that is no draft.
    static func draft(_ doc: DocumentVerdict) -> String {
        guard let d = doc.draft else { return "" }
        var out = "**" + DraftLines.summary(d) + "**\n\n"
        out += "| pillar | agreed | proposed | weakest |\n|---|---|---|---|\n"
        for p in doc.pillars {
            let proposed = p.proposed.map { DraftLines.state("", $0, p).trimmingCharacters(in: .whitespaces) } ?? "—"
            let weakest = p.weakest.map { DraftLines.state("", $0, p).trimmingCharacters(in: .whitespaces) } ?? "—"
            out += "| \(p.id.rawValue) | \(p.level.rawValue) \(p.score) | \(Escape.markdownCell(proposed)) | \(Escape.markdownCell(weakest)) |\n"
        }
        out += "\n"
        for p in doc.pillars {
            if let t = DraftLines.tracked(p) { out += "- \(Escape.markdownCell(t))\n" }
            for o in p.open ?? [] {
                out += "- open on \(p.id.rawValue): \(Escape.markdownCell(DraftLines.open(o)))"
                    + (DraftLines.line(o.file, o.line, format: doc.format).map { " (" + Escape.markdownCode($0) + ")" } ?? "") + "\n"
            }
        }
        for c in d.comments {
            out += "- comment \(Escape.markdownCell(DraftLines.comment(c)))"
                + (DraftLines.line(c.file, c.line, format: doc.format).map { " (" + Escape.markdownCode($0) + ")" } ?? "") + "\n"
        }
        for w in d.warnings { out += "- warning `\(w)`\n" }
        return out + "\n"
    }
}
