import DTGrading
import DTRules

/// `--format html`: per document, per pillar the draft's quoted clauses beside the
/// baseline articles' elements; each finding links to the quote it rests on.
public enum HTMLReport {
    /// `references`: each pillar's baseline articles and elements (`RuleSet.baselineReferences`);
    /// `scoring`: the loaded scoring rules, for the legend's account of the score.
    public static func render(_ report: Report, references: [PillarID: BaselineReference], scoring: Scoring = .standard) -> String {
        var body = "<h1>dtcheck report</h1>\n<p class=\"meta\">Baselines: "
            + Escape.markup(report.baselines.map(\.title).joined(separator: ", "))
            + " · \(report.summary.documents) document\(report.summary.documents == 1 ? "" : "s"), \(report.summary.assessed) assessed, "
            + "\(report.summary.notAssessed) not assessed, \(report.summary.errors) errors · <a href=\"#legend\">How to read this report</a></p>\n"
        for (i, doc) in report.documents.enumerated() {
            body += document(doc, index: i, baselines: report.baselines, references: references)
        }
        body += legend(scoring)
        return HTMLPage.wrap(title: "dtcheck report", body: body, extraCSS: SuggestionReport.css)
    }

    /// What the levels, the score, limitations, deviations and sectoral findings mean (`Glossary`).
    static func legend(_ scoring: Scoring) -> String {
        var out = "<section class=\"legend\" id=\"legend\">\n<h2>How to read this report</h2>\n<table>\n"
        for e in Glossary.legend(scoring) {
            let term = Level(rawValue: e.term).map { HTMLPage.level($0.rawValue) } ?? "<strong>" + Escape.markup(e.term) + "</strong>"
            out += "<tr><th>" + term + "</th><td>" + Escape.markup(e.text) + "</td></tr>\n"
        }
        return out + "</table>\n<p class=\"meta\"><code>dtcheck explain TERM</code> says more about a level, a limitation id or a deviation id.</p>\n</section>\n"
    }

    static func document(_ doc: DocumentVerdict, index: Int, baselines: [BaselineID], references: [PillarID: BaselineReference]) -> String {
        let id = "doc\(index)"
        var out = "<section id=\"\(id)\">\n<h2>" + Escape.markup(doc.title ?? doc.path)
        // Drafts of one chapter often share a title; the file name tells the headings apart.
        if doc.title != nil, let file = doc.path.split(separator: "/").last {
            out += " <span class=\"file\">" + Escape.markup(String(file)) + "</span>"
        }
        out += "</h2>\n"
        var meta = ["<code>" + Escape.markup(doc.path) + "</code>", "status " + Escape.markup(doc.status.rawValue)]
        if let d = doc.dateSigned { meta.append("signed " + Escape.markup(d)) }
        if let l = doc.language { meta.append("language " + Escape.markup(l)) }
        if let o = doc.overallScore { meta.append("overall score \(o)") }
        out += "<p class=\"meta\">" + meta.joined(separator: " · ") + "</p>\n"
        if doc.status == .error {
            return out + "<p class=\"error\">error: <code>" + Escape.markup(LocationText.error(doc)) + "</code></p>\n</section>\n"
        }
        out += "<table><tr><th>pillar</th><th>level</th><th>score</th><th>articles</th></tr>\n"
        for p in doc.pillars {
            out += "<tr><td><a href=\"#\(id)-\(p.id.rawValue)\">\(Escape.markup(p.id.title))</a></td><td>"
                + HTMLPage.level(p.level.rawValue) + "</td><td>\(p.score)</td><td>"
                + Escape.markup(Self.distinct(p.evidence.map(Place.label)).joined(separator: "; ")) + "</td></tr>\n"
        }
        out += "</table>\n"
        if let f = doc.amendingInstrument { out += "<p class=\"draft-summary\">" + Escape.markup(AmendingInstrument.notice(f)) + "</p>\n" }
        if let d = doc.draft {
            out += "<p class=\"draft-summary\">" + Escape.markup(DraftLines.summary(d)) + "</p>\n"
            for c in d.comments {
                out += "<p class=\"comment\">comment " + Escape.markup(DraftLines.comment(c))
                    + (DraftLines.line(c.file, c.line, format: doc.format).map { " <code>" + Escape.markup($0) + "</code>" } ?? "") + "</p>\n"
            }
            for w in d.warnings { out += "<p class=\"error\">warning: <code>" + Escape.markup(w) + "</code></p>\n" }
        }
        for p in doc.pillars { out += pillar(p, docID: id, format: doc.format, baselines: baselines, references: references) }
        return out + "</section>\n"
    }

    /// A draft's states and its open brackets, each bracketed text highlighted with
    /// its parties; nothing for a text that is no draft.
    static func draftStates(_ p: PillarVerdict, format: String?) -> String {
        var out = ""
        if let t = DraftLines.tracked(p) {
            // The redline: the changes that moved the pillar, inserted and deleted words marked.
            out += "<p class=\"tracked\">" + Escape.markup(t.prefix { $0 != "(" }.description) + "</p>\n<ul class=\"redline\">\n"
            for c in p.changes ?? [] {
                let tag = c.kind == "insertion" || c.kind == "move-to" ? "ins" : "del"
                out += "<li>" + Escape.markup([c.author, c.date, c.article].compactMap { $0 }.joined(separator: ", ")) + ": <\(tag)>"
                    + Escape.markup(c.words) + "</\(tag)></li>\n"
            }
            out += "</ul>\n"
        }
        guard let states = DraftLines.states(p) else { return out }
        out += "<p class=\"states\">" + Escape.markup(states) + "</p>\n"
        for o in p.open ?? [] {
            let who = [o.label, o.parties].compactMap { $0 }.joined(separator: ": ")
            out += "<p class=\"open\">" + Escape.markup(o.article) + ": <mark class=\"bracket\" title=\""
                + Escape.markup(who.isEmpty ? "unattributed" : who) + "\">[" + Escape.markup(who.isEmpty ? "" : who + ": ")
                + Escape.markup(Trim.quote(o.quote, limit: 400)) + "]</mark> → if accepted " + HTMLPage.level(o.level.rawValue)
                + " \(o.score)" + (DraftLines.line(o.file, o.line, format: format).map { " <code>" + Escape.markup($0) + "</code>" } ?? "") + "</p>\n"
        }
        return out
    }

    static func pillar(_ p: PillarVerdict, docID: String, format: String?, baselines: [BaselineID], references: [PillarID: BaselineReference]) -> String {
        let pid = "\(docID)-\(p.id.rawValue)"
        var out = "<div class=\"pillar\" id=\"\(pid)\">\n<h3>" + Escape.markup(p.id.title) + " " + HTMLPage.level(p.level.rawValue)
            + " <span class=\"meta\">score \(p.score)</span></h3>\n"
        out += draftStates(p, format: format)
        // Every quoted place gets an anchor, each quote once (whichever rule found it);
        // findings quoting somewhere else add their own.
        var quotes: [Evidence] = []
        for e in p.evidence + (p.limitations + p.deviations + p.sectoral).compactMap(\.evidence)
        where !quotes.contains(where: { Place.sameQuote($0, e) }) { quotes.append(e) }
        func anchor(_ e: Evidence) -> String { "\(pid)-q\(quotes.firstIndex { Place.sameQuote($0, e) } ?? 0)" }

        out += "<div class=\"pair\">\n<div class=\"draft\"><strong>Draft</strong>\n"
        if quotes.isEmpty { out += "<p class=\"meta\">No provision found.</p>\n" }
        var previousHead = ""
        for e in quotes {
            // The article and its heading as the page's reader knows them; under it, the
            // paragraph, and the line where the format has lines a reader can use.
            var head = "<strong>" + Escape.markup(Place.article(e)) + "</strong>"
            if let h = e.heading, !h.isEmpty { head += " — " + Escape.markup(h) }
            let at = [Place.paragraph(e.paragraph), Place.fileLine(e, format: format)].compactMap { $0 }
            let loc = at.isEmpty ? "" : " <span class=\"loc\">" + Escape.markup(at.joined(separator: " · ")) + "</span>"
            // Two quotes from one article share its heading line; each keeps its own location.
            if head != previousHead {
                out += "<p class=\"art\">" + head + loc + "</p>\n"
            } else if !loc.isEmpty {
                out += "<p class=\"art more\">" + loc + "</p>\n"
            }
            previousHead = head
            out += "<blockquote id=\"\(anchor(e))\">" + Escape.markup(Trim.quote(e.quote, limit: 1200)) + "</blockquote>\n"
        }
        out += "</div>\n<div class=\"base\"><strong>Baseline</strong> "
        let ref = references[p.id] ?? BaselineReference()
        let cites = ref.citations.filter { baselines.contains($0.baseline) }
        out += Escape.markup((cites.isEmpty ? ref.citations : cites).map(\.description).joined(separator: ", "))
        out += "\n<ul>\n" + ref.elements.map { "<li>" + Escape.markup($0) + "</li>\n" }.joined() + "</ul>\n</div>\n</div>\n"

        for (kind, list) in [("limitation", p.limitations), ("deviation", p.deviations), ("sectoral", p.sectoral)] {
            for f in list {
                out += "<div class=\"finding \(kind)\"><strong>" + kind + "</strong> <code>" + Escape.markup(f.id) + "</code>: "
                    + Escape.markup(f.message)
                if !f.baselines.isEmpty { out += " <span class=\"meta\">vs " + Escape.markup(f.citationText) + "</span>" }
                if let e = f.evidence {
                    out += " — <a href=\"#\(anchor(e))\">" + Escape.markup(Place.label(e)) + "</a>"
                }
                out += "</div>\n"
            }
        }
        out += SuggestionReport.html(p)
        return out + "</div>\n"
    }

    /// First occurrences only, in order: a pillar quoting one article twice lists it once.
    static func distinct(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}
