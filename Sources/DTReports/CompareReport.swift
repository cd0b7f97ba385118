import DTGrading
import DTRules
import Foundation

/// Renders a `Comparison` in every `compare` format.
public enum CompareReport {
    static func side(_ level: Level?, _ score: Int?) -> String {
        guard let level else { return "—" }
        return "\(level.rawValue) \(score.map(String.init) ?? "")".trimmingCharacters(in: .whitespaces)
    }

    static func marker(_ c: PillarChange) -> String {
        if c.regression { return "REGRESSION" }
        if let b = c.levelBefore, let a = c.levelAfter, let sb = c.scoreBefore, let sa = c.scoreAfter, a > b || sa > sb { return "improved" }
        return c.isUnchanged ? "unchanged" : "changed"
    }

    public static func json(_ c: Comparison) throws -> String { try JSONOutput.encode(c) }

    /// The article map in words: `Article X.3 → Article X.4 renumbered (words unchanged)`.
    static func describe(_ m: ArticleMatch) -> String {
        let before = m.before ?? "—", after = m.after ?? "—"
        switch m.kind {
        case .unchanged: return "\(after) unchanged"
        case .renumbered: return "\(before) → \(after): renumbered, words unchanged"
        case .changed:
            let kept = m.similarity.map { " (\(Int(($0 * 100).rounded()))% of words kept)" } ?? ""
            return before == after ? "\(after): words changed\(kept)" : "\(before) → \(after): renumbered, words changed\(kept)"
        case .split: return "\(after): split from \(before)"
        case .merged: return "\(before): merged into \(after)"
        case .added: return "\(after): added"
        case .removed: return "\(before): removed"
        }
    }

    /// Where a clause change sits: `Article X.3` or `Article X.3 → Article X.4`, and what happened.
    static func clauseTitle(_ k: ClauseChange) -> String {
        let name: String
        switch (k.before, k.after) {
        case let (b?, a?) where b != a: name = "\(b) → \(a)"
        case let (_, a?): name = a
        case let (b?, nil): name = b
        default: name = "article"
        }
        let what: String
        switch k.kind {
        case .added: what = "added"
        case .removed: what = "removed"
        case .split: what = "split off, words changed"
        case .merged: what = "merged, words changed"
        default: what = "words changed"
        }
        return name + (k.heading.map { " (\($0))" } ?? "") + ": " + what
    }

    static func findingLine(_ f: FindingChange) -> String {
        "\(f.change == .added ? "+" : "-") \(f.kind.rawValue) \(f.id): \(f.explanation)"
    }

    static func result(_ c: Comparison) -> String {
        if c.regression { return "weaker on " + c.pillars.filter(\.regression).map(\.id.rawValue).joined(separator: ", ") }
        if c.pillars.allSatisfy(\.isUnchanged) { return "no change in any pillar" }
        return "no pillar got weaker"
    }

    /// Article changes listed in the text and Markdown reports; two different
    /// agreements differ in every article, and the pillars are what matters then.
    static let listedArticles = 40

    static func moreArticles(_ c: Comparison) -> String {
        let rest = c.articles.dropFirst(listedArticles)
        var counts: [ArticleMatch.Kind: Int] = [:]
        for m in rest { counts[m.kind, default: 0] += 1 }
        let kinds: [ArticleMatch.Kind] = [.renumbered, .changed, .split, .merged, .added, .removed]
        return "… and \(rest.count) more (" + kinds.compactMap { k in counts[k].map { "\($0) \(k.rawValue)" } }.joined(separator: ", ")
            + "; the json and html reports list every one)"
    }

    public static func text(_ c: Comparison, color: Bool) -> String {
        let s = Styler(enabled: color)
        // Paths, titles, errors and quotes come from the files: `shown` shows their control characters.
        var out = "old: \(shown(c.old.path))" + (c.old.title.map { " (\(shown($0)))" } ?? "") + "\n"
        out += "new: \(shown(c.new.path))" + (c.new.title.map { " (\(shown($0)))" } ?? "") + "\n"
        for (label, d) in [("old", c.old), ("new", c.new)] where d.status != .assessed {
            out += "  \(label) is \(d.status.rawValue)" + (d.error.map { ": \(shown($0))" } ?? "") + "\n"
        }
        if !c.articles.isEmpty {
            out += "  articles (matched by their words, not their numbers):\n"
            for m in c.articles.prefix(listedArticles) { out += "      " + shown(describe(m)) + "\n" }
            if c.articles.count > listedArticles { out += "      " + moreArticles(c) + "\n" }
        }
        for p in c.pillars {
            let m = marker(p)
            let mark = p.regression ? s.red(m) : (m == "improved" ? s.wrap(m, "32") : s.dim(m))
            out += "  " + p.id.rawValue.padding(toLength: 15, withPad: " ", startingAt: 0)
                + side(p.levelBefore, p.scoreBefore) + " → " + side(p.levelAfter, p.scoreAfter) + "  " + mark + "\n"
            if let st = p.states {
                out += "      " + s.yellow(shown("draft (levels above are agreed): proposed \(st.proposedBefore ?? "—") → \(st.proposedAfter ?? "—")"
                    + " · weakest \(st.weakestBefore ?? "—") → \(st.weakestAfter ?? "—")")) + "\n"
                if st.originalBefore != nil || st.originalAfter != nil {
                    out += "      original (tracked changes rejected) \(st.originalBefore ?? "—") → \(st.originalAfter ?? "—")\n"
                }
                for o in st.openAdded { out += "      + open \(shown(o))\n" }
                for o in st.openRemoved { out += "      - open \(shown(o))\n" }
            }
            for f in p.findings { out += "      " + shown(findingLine(f)) + "\n" }
            for k in p.clauses {
                out += "      " + shown(clauseTitle(k)) + "\n"
                out += "        " + CompareRedline.text(k.diff, color: color) + "\n"
            }
        }
        out += "result: \(result(c))\n"
        // The result reads the agreed levels; a draft can get weaker in what its
        // proposals would give while the agreed text stands still. Say so.
        let proposals = weakerStates(c)
        if !proposals.isEmpty { out += "but weaker in the proposals: " + proposals.joined(separator: "; ") + "\n" }
        return out
    }

    /// `data-flows proposed baseline 96 → binding-qualified 81` for each pillar whose
    /// proposed or weakest state went down between the drafts.
    static func weakerStates(_ c: Comparison) -> [String] {
        func parse(_ s: String?) -> (Level, Int)? {
            guard let s, let space = s.lastIndex(of: " "), let level = Level(rawValue: String(s[..<space])),
                  let score = Int(s[s.index(after: space)...]) else { return nil }
            return (level, score)
        }
        var out: [String] = []
        for p in c.pillars {
            guard let st = p.states else { continue }
            for (name, before, after) in [("proposed", st.proposedBefore, st.proposedAfter), ("weakest", st.weakestBefore, st.weakestAfter)] {
                guard let b = parse(before), let a = parse(after), a.0 < b.0 || a.1 < b.1 else { continue }
                out.append("\(p.id.rawValue) \(name) \(before ?? "") → \(after ?? "")")
            }
        }
        return out
    }

    public static func markdown(_ c: Comparison) -> String {
        var out = "# dtcheck compare\n\n- old: \(Escape.markdownCode(c.old.path))\n- new: \(Escape.markdownCode(c.new.path))\n\n"
        if !c.articles.isEmpty {
            out += "Articles, matched by their words (not their numbers):\n\n"
            for m in c.articles.prefix(listedArticles) { out += "- " + Escape.markdownCell(describe(m)) + "\n" }
            if c.articles.count > listedArticles { out += "- " + moreArticles(c) + "\n" }
            out += "\n"
        }
        out += "| pillar | before | after | change |\n|---|---|---|---|\n"
        for p in c.pillars {
            out += "| \(p.id.rawValue) | \(side(p.levelBefore, p.scoreBefore)) | \(side(p.levelAfter, p.scoreAfter)) | "
                + (p.regression ? "**REGRESSION**" : marker(p)) + " |\n"
        }
        out += "\n"
        for p in c.pillars where !(p.clauses.isEmpty && p.findings.isEmpty) {
            out += "### \(p.id.rawValue)\n\n"
            for f in p.findings {
                out += "- \(f.kind.rawValue) \(Escape.markdownCode(f.id)) (\(f.change.rawValue)): \(Escape.markdownCell(f.explanation))\n"
            }
            for k in p.clauses {
                out += "- **\(Escape.markdownCell(clauseTitle(k)))**\n\n  > " + CompareRedline.markdown(k.diff) + "\n"
            }
            out += "\n"
        }
        out += c.regression ? "**Weaker on:** " + c.pillars.filter(\.regression).map(\.id.rawValue).joined(separator: ", ") + "\n"
                            : (c.pillars.allSatisfy(\.isUnchanged) ? "No change in any pillar.\n" : "No pillar got weaker.\n")
        let proposals = weakerStates(c)
        if !proposals.isEmpty { out += "\n**But weaker in the proposals:** " + Escape.markdownCell(proposals.joined(separator: "; ")) + "\n" }
        return out
    }

    public static let csvHeader = ["pillar", "level_before", "score_before", "level_after", "score_after", "regression",
                                   "limitations_added", "limitations_removed", "deviations_added", "deviations_removed",
                                   "articles_changed"]

    public static func csv(_ c: Comparison) -> String {
        var out = Escape.csvRow(csvHeader)
        for p in c.pillars {
            func ids(_ kind: FindingKind, _ change: FindingChange.Change) -> String {
                p.findings.filter { $0.kind == kind && $0.change == change }.map(\.id).joined(separator: ";")
            }
            out += Escape.csvRow([p.id.rawValue, p.levelBefore?.rawValue ?? "", p.scoreBefore.map(String.init) ?? "",
                                  p.levelAfter?.rawValue ?? "", p.scoreAfter.map(String.init) ?? "", p.regression ? "true" : "false",
                                  ids(.limitation, .added), ids(.limitation, .removed), ids(.deviation, .added), ids(.deviation, .removed),
                                  p.clauses.compactMap { $0.after ?? $0.before }.joined(separator: ";")])
        }
        return out
    }

    public static func html(_ c: Comparison) -> String {
        var body = "<h1>dtcheck compare</h1>\n<p class=\"meta\">old <code>" + Escape.markup(c.old.path) + "</code>"
            + (c.old.title.map { " (" + Escape.markup($0) + ")" } ?? "") + " → new <code>"
            + Escape.markup(c.new.path) + "</code>" + (c.new.title.map { " (" + Escape.markup($0) + ")" } ?? "") + "</p>\n"
        for (label, d) in [("old", c.old), ("new", c.new)] where d.status != .assessed {
            body += "<p class=\"error\">\(label) is \(d.status.rawValue)" + (d.error.map { ": " + Escape.markup($0) } ?? "") + "</p>\n"
        }
        body += "<p><strong>Result: " + Escape.markup(result(c)) + ".</strong>"
        let proposals = weakerStates(c)
        if !proposals.isEmpty { body += " But weaker in the proposals: " + Escape.markup(proposals.joined(separator: "; ")) + "." }
        body += "</p>\n"
        body += "<table><tr><th>pillar</th><th>before</th><th>after</th><th>change</th></tr>\n"
        for p in c.pillars {
            let before = p.levelBefore.map { HTMLPage.level($0.rawValue) + " \(p.scoreBefore ?? 0)" } ?? "—"
            let after = p.levelAfter.map { HTMLPage.level($0.rawValue) + " \(p.scoreAfter ?? 0)" } ?? "—"
            let m = marker(p)
            body += "<tr><td><a href=\"#cmp-\(p.id.rawValue)\">\(Escape.markup(p.id.title))</a></td><td>\(before)</td><td>\(after)</td><td>"
                + (p.regression ? "<strong class=\"lv lv-absent\">\(m)</strong>" : Escape.markup(m)) + "</td></tr>\n"
        }
        body += "</table>\n"
        if !c.articles.isEmpty {
            body += "<h2>Articles</h2>\n<p class=\"meta\">Matched by their words, not their numbers: a renumbered article is the same article.</p>\n"
            body += "<table class=\"moves\"><tr><th>old</th><th>new</th><th>what happened</th></tr>\n"
            for m in c.articles {
                body += "<tr><td>" + Escape.markup(m.before ?? "—") + "</td><td>" + Escape.markup(m.after ?? "—") + "</td><td>"
                    + Escape.markup(describe(m).components(separatedBy: ": ").dropFirst().joined(separator: ": ")) + "</td></tr>\n"
            }
            body += "</table>\n"
        }
        body += "<h2>Pillars</h2>\n"
        for p in c.pillars {
            body += "<div class=\"pillar\" id=\"cmp-\(p.id.rawValue)\"><h3>" + Escape.markup(p.id.title) + "</h3>\n"
            if let st = p.states {
                body += "<p class=\"meta\">" + Escape.markup("draft (levels above are agreed): proposed \(st.proposedBefore ?? "—") → \(st.proposedAfter ?? "—")"
                    + " · weakest \(st.weakestBefore ?? "—") → \(st.weakestAfter ?? "—")") + "</p>\n"
                for o in st.openAdded { body += "<div class=\"finding deviation\">open bracket added: " + Escape.markup(o) + "</div>\n" }
                for o in st.openRemoved { body += "<div class=\"finding sectoral\">open bracket closed: " + Escape.markup(o) + "</div>\n" }
            }
            for f in p.findings {
                let style = f.change == .added ? f.kind.rawValue : "sectoral"
                // The explanation says removed, added, no longer applies or now applies.
                body += "<div class=\"finding \(style)\">\(f.kind.rawValue) <code>" + Escape.markup(f.id) + "</code>: "
                    + Escape.markup(f.explanation) + "</div>\n"
            }
            for k in p.clauses {
                body += "<p class=\"art\"><strong>" + Escape.markup(clauseTitle(k)) + "</strong></p>\n<div class=\"redline\">"
                    + CompareRedline.html(k.diff) + "</div>\n"
            }
            if p.clauses.isEmpty && p.findings.isEmpty {
                body += "<p class=\"meta\">No clause it rests on changed its words; no limitation or deviation added or removed.</p>\n"
            }
            body += "</div>\n"
        }
        return HTMLPage.wrap(title: "dtcheck compare", body: body, extraCSS: CompareRedline.css)
    }

    /// JUnit for compare: the new draft's pillars, each regression a failure.
    public static func junit(_ c: Comparison) -> String {
        let name = Escape.markup(c.new.path)
        let failures = c.pillars.filter(\.regression).count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"dtcheck compare\" tests=\"\(c.pillars.count)\" failures=\"\(failures)\">\n"
        out += "  <testsuite name=\"\(name)\" tests=\"\(c.pillars.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
        for p in c.pillars {
            out += "    <testcase classname=\"\(name)\" name=\"\(p.id.rawValue)\">\n"
            if p.regression {
                out += "      <failure message=\"\(Escape.markup("\(p.id.rawValue) regressed: \(side(p.levelBefore, p.scoreBefore)) → \(side(p.levelAfter, p.scoreAfter))"))\" type=\"regression\"/>\n"
            }
            out += "    </testcase>\n"
        }
        return out + "  </testsuite>\n</testsuites>\n"
    }
}
