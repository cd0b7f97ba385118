import DTGrading
import DTRules

/// `dtcheck survey --format html`: a heat map (documents × pillars) and a timeline
/// of levels by year signed, as one self-contained page with inline SVG.
public enum SurveyHTML {
    static let colours: [Level: String] = [
        .baseline: "#1a7f37", .bindingQualified: "#d4a72c", .soft: "#f0b37e", .absent: "#cf222e", .notAssessed: "#8c959f",
    ]

    public static func render(_ survey: Survey) -> String {
        var body = "<h1>dtcheck survey</h1>\n<p class=\"meta\">\(survey.summary.documents) document\(survey.summary.documents == 1 ? "" : "s"), "
            + "\(survey.summary.assessed) assessed · baselines "
            + Escape.markup(survey.baselines.map(\.title).joined(separator: ", ")) + "</p>\n"
        body += legend()
        body += "<h2>Levels by year signed</h2>\n" + timeline(survey)
        body += "<h2>Heat map</h2>\n" + heatMap(survey)
        let css = ".heat td.c{width:7.5rem;text-align:center;font-size:.8em}.legend span{margin-right:1rem}"
            + ".sw{display:inline-block;width:.9rem;height:.9rem;border-radius:.15rem;vertical-align:middle;margin-right:.3rem}\n"
        return HTMLPage.wrap(title: "dtcheck survey", body: body, extraCSS: css)
    }

    static func legend() -> String {
        "<p class=\"legend\">" + Level.allCases.reversed().map {
            "<span><i class=\"sw\" style=\"background:\(colours[$0] ?? "#999")\"></i>\($0.rawValue)</span>"
        }.joined() + "</p>\n"
    }

    static func heatMap(_ survey: Survey) -> String {
        var out = "<table class=\"heat\"><tr><th>signed</th><th>agreement</th>"
            + survey.pillars.map { "<th>" + Escape.markup($0.rawValue) + "</th>" }.joined() + "<th>score</th></tr>\n"
        for r in survey.documents {
            out += "<tr><td>" + Escape.markup(r.dateSigned ?? "") + "</td><td title=\"" + Escape.markup(r.path) + "\">"
                + Escape.markup(r.title ?? r.path) + "</td>"
            if r.status == .error {
                out += "<td colspan=\"\(survey.pillars.count + 1)\" class=\"error\">" + Escape.markup(r.error ?? "error") + "</td></tr>\n"
                continue
            }
            for p in survey.pillars {
                let level = r.levels[p.rawValue]
                let bg = level.flatMap { colours[$0] } ?? "#fff"
                let fg = level == .bindingQualified || level == .soft ? "#1d2329" : "#fff"
                out += "<td class=\"c\" style=\"background:\(bg);color:\(fg)\">" + Escape.markup(level?.rawValue ?? "") + "</td>"
            }
            out += "<td>" + (r.overallScore.map(String.init) ?? "") + "</td></tr>\n"
        }
        return out + "</table>\n"
    }

    /// Stacked bars: per year, how many pillar verdicts sit at each level.
    static func timeline(_ survey: Survey) -> String {
        var counts: [Int: [Level: Int]] = [:]
        for r in survey.documents where r.status == .assessed {
            guard let y = r.year else { continue }
            for p in survey.pillars { if let l = r.levels[p.rawValue] { counts[y, default: [:]][l, default: 0] += 1 } }
        }
        guard let minYear = counts.keys.min(), let maxYear = counts.keys.max() else {
            return "<p class=\"meta\">No assessed document has a signing date.</p>\n"
        }
        let years = maxYear - minYear + 1
        let barW = max(4, min(24, 900 / years)), gap = 2, chartH = 200, left = 36, bottom = 24
        let width = left + years * (barW + gap) + 10
        let maxTotal = max(1, counts.values.map { $0.values.reduce(0, +) }.max() ?? 1)
        var svg = "<svg role=\"img\" aria-label=\"levels by year signed\" "
            + "width=\"\(width)\" height=\"\(chartH + bottom + 10)\" viewBox=\"0 0 \(width) \(chartH + bottom + 10)\">\n"
        svg += "<line x1=\"\(left)\" y1=\"\(chartH)\" x2=\"\(width - 5)\" y2=\"\(chartH)\" stroke=\"#57606a\"/>\n"
        svg += "<text x=\"2\" y=\"12\" font-size=\"10\">\(maxTotal)</text><text x=\"2\" y=\"\(chartH)\" font-size=\"10\">0</text>\n"
        for (i, year) in (minYear...maxYear).enumerated() {
            let x = left + i * (barW + gap)
            var y = chartH
            for level in Level.allCases {
                guard let n = counts[year]?[level], n > 0 else { continue }
                let h = max(1, n * (chartH - 10) / maxTotal)
                y -= h
                svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(barW)\" height=\"\(h)\" fill=\"\(colours[level] ?? "#999")\">"
                    + "<title>\(year): \(n) \(level.rawValue)</title></rect>\n"
            }
            if years <= 12 || (year % 5 == 0) {
                svg += "<text x=\"\(x)\" y=\"\(chartH + 16)\" font-size=\"10\">\(year)</text>\n"
            }
        }
        return svg + "</svg>\n"
    }
}
