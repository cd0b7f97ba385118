import DTGrading
import DTRules

/// Renders a `Comparison` in every `compare` format.
public enum CompareReport {
    static func side(_ level: Level?, _ score: Int?) -> String {
        guard let level else { return "—" }
        return "\(level.rawValue) \(score.map(String.init) ?? "")".trimmingCharacters(in: .whitespaces)
    }

    static func marker(_ c: PillarChange) -> String {
        if c.regression { return "REGRESSION" }
        if let b = c.levelBefore, let a = c.levelAfter, let sb = c.scoreBefore, let sa = c.scoreAfter, a > b || sa > sb { return "improved" }
        return c.articles.isEmpty && c.limitationsAdded.isEmpty && c.limitationsRemoved.isEmpty ? "unchanged" : "changed"
    }

    public static func json(_ c: Comparison) throws -> String { try JSONOutput.encode(c) }

    public static func text(_ c: Comparison, color: Bool) -> String {
        let s = Styler(enabled: color)
        // Paths, titles, errors and quotes come from the files: `shown` shows their control characters.
        var out = "old: \(shown(c.old.path))" + (c.old.title.map { " (\(shown($0)))" } ?? "") + "\n"
        out += "new: \(shown(c.new.path))" + (c.new.title.map { " (\(shown($0)))" } ?? "") + "\n"
        for (label, d) in [("old", c.old), ("new", c.new)] where d.status != .assessed {
            out += "  \(label) is \(d.status.rawValue)" + (d.error.map { ": \(shown($0))" } ?? "") + "\n"
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
            for l in p.limitationsAdded { out += "      + limitation \(shown(l))\n" }
            for l in p.limitationsRemoved { out += "      - limitation \(shown(l))\n" }
            for a in p.articles {
                for q in a.quotesAdded { out += "      + \(shown(a.article)): “\(shown(Trim.quote(q, limit: 160)))”\n" }
                for q in a.quotesRemoved { out += "      - \(shown(a.article)): “\(shown(Trim.quote(q, limit: 160)))”\n" }
            }
        }
        out += c.regression ? "result: weaker on " + c.pillars.filter(\.regression).map(\.id.rawValue).joined(separator: ", ") + "\n"
                            : "result: no pillar got weaker\n"
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
        out += "| pillar | before | after | change |\n|---|---|---|---|\n"
        for p in c.pillars {
            out += "| \(p.id.rawValue) | \(side(p.levelBefore, p.scoreBefore)) | \(side(p.levelAfter, p.scoreAfter)) | "
                + (p.regression ? "**REGRESSION**" : marker(p)) + " |\n"
        }
        out += "\n"
        for p in c.pillars where !(p.articles.isEmpty && p.limitationsAdded.isEmpty && p.limitationsRemoved.isEmpty) {
            out += "### \(p.id.rawValue)\n\n"
            for l in p.limitationsAdded { out += "- limitation added: \(Escape.markdownCode(l))\n" }
            for l in p.limitationsRemoved { out += "- limitation removed: \(Escape.markdownCode(l))\n" }
            for a in p.articles {
                for q in a.quotesAdded { out += "- **\(Escape.markdownCell(a.article))** added:\n  > \(Escape.markdownCell(Trim.quote(q, limit: 400)))\n" }
                for q in a.quotesRemoved { out += "- **\(Escape.markdownCell(a.article))** removed:\n  > \(Escape.markdownCell(Trim.quote(q, limit: 400)))\n" }
            }
            out += "\n"
        }
        out += c.regression ? "**Weaker on:** " + c.pillars.filter(\.regression).map(\.id.rawValue).joined(separator: ", ") + "\n"
                            : "No pillar got weaker.\n"
        let proposals = weakerStates(c)
        if !proposals.isEmpty { out += "\n**But weaker in the proposals:** " + Escape.markdownCell(proposals.joined(separator: "; ")) + "\n" }
        return out
    }

    public static let csvHeader = ["pillar", "level_before", "score_before", "level_after", "score_after", "regression",
                                   "limitations_added", "limitations_removed", "articles_changed"]

    public static func csv(_ c: Comparison) -> String {
        var out = Escape.csvRow(csvHeader)
        for p in c.pillars {
            out += Escape.csvRow([p.id.rawValue, p.levelBefore?.rawValue ?? "", p.scoreBefore.map(String.init) ?? "",
                                  p.levelAfter?.rawValue ?? "", p.scoreAfter.map(String.init) ?? "", p.regression ? "true" : "false",
                                  p.limitationsAdded.joined(separator: ";"), p.limitationsRemoved.joined(separator: ";"),
                                  p.articles.map(\.article).joined(separator: ";")])
        }
        return out
    }

    public static func html(_ c: Comparison) -> String {
        var body = "<h1>dtcheck compare</h1>\n<p class=\"meta\">old <code>" + Escape.markup(c.old.path) + "</code> → new <code>"
            + Escape.markup(c.new.path) + "</code></p>\n"
        body += "<table><tr><th>pillar</th><th>before</th><th>after</th><th>change</th></tr>\n"
        for p in c.pillars {
            let before = p.levelBefore.map { HTMLPage.level($0.rawValue) + " \(p.scoreBefore ?? 0)" } ?? "—"
            let after = p.levelAfter.map { HTMLPage.level($0.rawValue) + " \(p.scoreAfter ?? 0)" } ?? "—"
            let m = marker(p)
            body += "<tr><td><a href=\"#cmp-\(p.id.rawValue)\">\(Escape.markup(p.id.title))</a></td><td>\(before)</td><td>\(after)</td><td>"
                + (p.regression ? "<strong class=\"lv lv-absent\">\(m)</strong>" : Escape.markup(m)) + "</td></tr>\n"
        }
        body += "</table>\n"
        for p in c.pillars {
            body += "<div class=\"pillar\" id=\"cmp-\(p.id.rawValue)\"><h3>" + Escape.markup(p.id.title) + "</h3>\n"
            for l in p.limitationsAdded { body += "<div class=\"finding limitation\">limitation added: <code>" + Escape.markup(l) + "</code></div>\n" }
            for l in p.limitationsRemoved { body += "<div class=\"finding sectoral\">limitation removed: <code>" + Escape.markup(l) + "</code></div>\n" }
            for a in p.articles {
                body += "<p><strong>" + Escape.markup(a.article) + "</strong></p>\n<div class=\"pair\"><div class=\"draft\"><strong>removed</strong>"
                body += a.quotesRemoved.map { "<blockquote>" + Escape.markup(Trim.quote($0, limit: 1200)) + "</blockquote>" }.joined()
                body += "</div><div class=\"draft\"><strong>added</strong>"
                body += a.quotesAdded.map { "<blockquote>" + Escape.markup(Trim.quote($0, limit: 1200)) + "</blockquote>" }.joined()
                body += "</div></div>\n"
            }
            if p.articles.isEmpty && p.limitationsAdded.isEmpty && p.limitationsRemoved.isEmpty {
                body += "<p class=\"meta\">No change in evidence or limitations.</p>\n"
            }
            body += "</div>\n"
        }
        return HTMLPage.wrap(title: "dtcheck compare", body: body)
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
