import DTGrading
import DTRules

/// `dtcheck survey --format html`: per-pillar totals, a timeline per pillar (the
/// share of the agreements signed each year at each level) and a heat map
/// (documents × pillars) that starts with the agreements having any provision,
/// as one self-contained page with inline SVG.
public enum SurveyHTML {
    static let colours: [Level: String] = [
        .baseline: "#1a7f37", .bindingQualified: "#d4a72c", .soft: "#f0b37e", .absent: "#f3d3d0", .notAssessed: "#d0d7de",
    ]

    /// Dark text on light cells.
    static func ink(_ level: Level?) -> String { level == .baseline ? "#fff" : "#1d2329" }

    public static func render(_ survey: Survey) -> String {
        let s = survey.summary
        var body = "<h1>dtcheck survey</h1>\n<p class=\"meta\">\(s.documents) document\(s.documents == 1 ? "" : "s"), "
            + "\(s.assessed) assessed, \(s.notAssessed) not assessed, \(s.errors) error\(s.errors == 1 ? "" : "s") · baselines "
            + Escape.markup(survey.baselines.map(\.title).joined(separator: ", "))
            + (survey.onlyPresent ? " · showing the \(survey.documents.count) with a provision on some pillar" : "") + "</p>\n"
        body += legend()
        body += "<h2>Totals per pillar</h2>\n" + totals(survey)
        body += "<h2>Levels by year signed</h2>\n" + timelines(survey)
        body += "<h2>Heat map</h2>\n" + heatMap(survey)
        let css = ".heat td.c{width:7.5rem;text-align:center;font-size:.8em}.legend span{margin-right:1rem}"
            + ".sw{display:inline-block;width:.9rem;height:.9rem;border-radius:.15rem;vertical-align:middle;margin-right:.3rem;border:1px solid #d0d7de}"
            + ".heat .id{display:block;color:#57606a;font:.75em ui-monospace,Menlo,Consolas,monospace}"
            + ".charts{display:flex;flex-wrap:wrap;gap:1.2rem}.charts figure{margin:0}.charts figcaption{font-weight:600}"
            + ".totals td.n{text-align:right}.heat td.d{white-space:nowrap}summary{cursor:pointer;margin:.6rem 0}\n"
        return HTMLPage.wrap(title: "dtcheck survey", body: body, extraCSS: css)
    }

    static func legend() -> String {
        "<p class=\"legend\">" + Level.allCases.reversed().map {
            "<span><i class=\"sw\" style=\"background:\(colours[$0] ?? "#999")\"></i>\($0.rawValue)</span>"
        }.joined() + "</p>\n"
    }

    /// Pillars × levels: how many of the agreements shown sit at each level.
    static func totals(_ survey: Survey) -> String {
        let levels = Level.allCases.reversed().filter { l in survey.pillars.contains { survey.total($0, l) > 0 } }
        guard !levels.isEmpty else { return "<p class=\"meta\">No document was assessed.</p>\n" }
        var out = "<table class=\"totals\"><tr><th>pillar</th>" + levels.map { "<th>" + Escape.markup($0.rawValue) + "</th>" }.joined() + "</tr>\n"
        for p in survey.pillars {
            let all = levels.map { survey.total(p, $0) }.reduce(0, +)
            out += "<tr><td>" + Escape.markup(p.title) + "</td>" + levels.map { l in
                let n = survey.total(p, l)
                let share = all == 0 ? 0 : Int((Double(n) * 100 / Double(all)).rounded())
                // A few agreements in hundreds are not 0%.
                let shown = share == 0 && n > 0 ? "<1" : String(share)
                return "<td class=\"n\">\(n) <span class=\"meta\">(\(shown)%)</span></td>"
            }.joined() + "</tr>\n"
        }
        return out + "</table>\n"
    }

    /// One chart per pillar: per year signed, the share of the agreements assessed
    /// that year at each level, stacked strongest at the bottom to 100%.
    static func timelines(_ survey: Survey) -> String {
        let dated = survey.documents.filter { $0.status == .assessed && $0.year != nil }
        guard let minYear = dated.compactMap(\.year).min(), let maxYear = dated.compactMap(\.year).max() else {
            return "<p class=\"meta\">No assessed document has a signing date.</p>\n"
        }
        var perYear: [Int: Int] = [:]
        for r in dated { if let y = r.year { perYear[y, default: 0] += 1 } }
        var out = "<p class=\"meta\">Each bar is one year: the share of the agreements signed that year (assessed) at each level; "
            + "hover a bar for the counts. A year with no agreement has no bar.</p>\n<div class=\"charts\">\n"
        for p in survey.pillars {
            var counts: [Int: [Level: Int]] = [:]
            for r in dated { if let y = r.year, let l = r.levels[p.rawValue] { counts[y, default: [:]][l, default: 0] += 1 } }
            out += "<figure><figcaption>" + Escape.markup(p.title) + "</figcaption>\n"
                + chart(p, counts: counts, years: minYear...maxYear, perYear: perYear) + "</figure>\n"
        }
        return out + "</div>\n"
    }

    static func chart(_ pillar: PillarID, counts: [Int: [Level: Int]], years: ClosedRange<Int>, perYear: [Int: Int]) -> String {
        let n = years.count
        let barW = max(3, min(18, 420 / n)), gap = 1, chartH = 160, top = 8, left = 46, bottom = 22
        let width = left + n * (barW + gap) + 10
        let height = top + chartH + bottom
        var svg = "<svg role=\"img\" aria-label=\"\(Escape.markup(pillar.title)): share of agreements signed each year at each level\" "
            + "width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\">\n"
        // The axis: 0, 50 and 100 %, and its unit along it.
        for pct in [0, 50, 100] {
            let y = top + chartH - pct * chartH / 100
            svg += "<line x1=\"\(left - 3)\" y1=\"\(y)\" x2=\"\(width - 5)\" y2=\"\(y)\" stroke=\"\(pct == 0 ? "#57606a" : "#d0d7de")\"/>"
                + "<text x=\"\(left - 5)\" y=\"\(y + 3)\" font-size=\"9\" text-anchor=\"end\">\(pct)%</text>\n"
        }
        svg += "<text transform=\"translate(10 \(top + chartH / 2)) rotate(-90)\" font-size=\"9\" text-anchor=\"middle\">% of agreements signed that year</text>\n"
        for (i, year) in years.enumerated() {
            let x = left + i * (barW + gap)
            let total = perYear[year] ?? 0
            if total > 0 {
                var y = top + chartH
                var done = 0
                for level in Level.allCases.reversed() {
                    guard let c = counts[year]?[level], c > 0 else { continue }
                    // Cumulative rounding, so the stack always ends at exactly 100%.
                    let end = (done + c) * chartH / total, start = done * chartH / total
                    done += c
                    let h = end - start
                    guard h > 0 else { continue }
                    y -= h
                    let pct = Int((Double(c) * 100 / Double(total)).rounded())
                    svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(barW)\" height=\"\(h)\" fill=\"\(colours[level] ?? "#999")\">"
                        + "<title>\(year): \(c) of \(total) agreement\(total == 1 ? "" : "s") \(level.rawValue) (\(pct)%)</title></rect>\n"
                }
            }
            if n <= 12 || year % 5 == 0 {
                svg += "<text x=\"\(x)\" y=\"\(top + chartH + 14)\" font-size=\"9\">\(year)</text>\n"
            }
        }
        return svg + "</svg>\n"
    }

    /// Agreements with any provision first (in the survey's order), then, folded,
    /// those with none: the first screen shows what there is, not a wall of `absent`.
    static func heatMap(_ survey: Survey) -> String {
        let present = survey.documents.filter(\.hasProvision)
        let rest = survey.documents.filter { !$0.hasProvision }
        var out = "<p class=\"meta\">\(present.count) agreement\(present.count == 1 ? "" : "s") with a provision on some pillar"
            + (rest.isEmpty ? "" : "; the \(rest.count) with none (or not assessed, or unreadable) are below them") + ".</p>\n"
        if !present.isEmpty { out += table(survey, present) }
        if !rest.isEmpty {
            out += present.isEmpty ? table(survey, rest)
                : "<details><summary>\(rest.count) agreement\(rest.count == 1 ? "" : "s") with no provision on any pillar, not assessed or unreadable</summary>\n"
                    + table(survey, rest) + "</details>\n"
        }
        return out
    }

    static func table(_ survey: Survey, _ rows: [SurveyRow]) -> String {
        var out = "<table class=\"heat\"><tr><th>signed</th><th>agreement</th>"
            + survey.pillars.map { "<th>" + Escape.markup($0.rawValue) + "</th>" }.joined() + "<th>score</th></tr>\n"
        for r in rows {
            out += "<tr><td class=\"d\">" + Escape.markup(r.dateSigned ?? "") + "</td><td title=\"" + Escape.markup(r.path) + "\">"
                + Escape.markup(r.title ?? r.id) + "<span class=\"id\">" + Escape.markup(r.id) + "</span></td>"
            if r.status == .error {
                out += "<td colspan=\"\(survey.pillars.count + 1)\" class=\"error\">" + Escape.markup(r.error ?? "error") + "</td></tr>\n"
                continue
            }
            for p in survey.pillars {
                let level = r.levels[p.rawValue]
                let bg = level.flatMap { colours[$0] } ?? "#fff"
                out += "<td class=\"c\" style=\"background:\(bg);color:\(ink(level))\">" + Escape.markup(level?.rawValue ?? "") + "</td>"
            }
            out += "<td>" + (r.overallScore.map(String.init) ?? "") + "</td></tr>\n"
        }
        return out + "</table>\n"
    }
}
