import DTModel

/// A clause's redline as `compare` prints it: long stretches of unchanged words
/// are cut to a few words of context either side of each change, so a one-word
/// edit in a 300-word article reads as one line.
enum CompareRedline {
    /// Unchanged words kept either side of a change.
    static let context = 8

    /// The runs with every unchanged run longer than twice `context` cut in its middle (`…`).
    /// Words of a removed or added run shown in the text formats (a whole article removed or added is cut).
    static let longestChange = 80

    static func condensed(_ runs: [WordDiff.Run], context: Int = context, longestChange: Int = longestChange) -> [WordDiff.Run] {
        runs.enumerated().map { i, run in
            guard run.kind == .same else {
                let words = run.text.split(whereSeparator: \.isWhitespace)
                guard words.count > longestChange else { return run }
                return WordDiff.Run(kind: run.kind, text: (words.prefix(longestChange - 10) + ["…"] + words.suffix(10)).joined(separator: " "))
            }
            let words = run.text.split(whereSeparator: \.isWhitespace)
            let first = i == 0, last = i == runs.count - 1
            let keepHead = first ? 0 : context, keepTail = last ? 0 : context
            guard words.count > keepHead + keepTail + 2 else { return WordDiff.Run(kind: .same, text: words.joined(separator: " ")) }
            let head = words.prefix(keepHead).joined(separator: " ")
            let tail = words.suffix(keepTail).joined(separator: " ")
            return WordDiff.Run(kind: .same, text: [head, "…", tail].filter { !$0.isEmpty }.joined(separator: " "))
        }
    }

    /// `[-removed-]{+added+}`, the notation of `git diff --word-diff`; with colour, red and green instead.
    static func text(_ runs: [WordDiff.Run], color: Bool) -> String {
        let s = Styler(enabled: color)
        return condensed(runs).map { run in
            let words = shown(run.text.split(whereSeparator: \.isWhitespace).joined(separator: " "))
            switch run.kind {
            case .same: return words
            case .removed: return color ? s.wrap("[-" + words + "-]", "31;9") : "[-" + words + "-]"
            case .added: return color ? s.wrap("{+" + words + "+}", "32") : "{+" + words + "+}"
            }
        }.joined(separator: " ")
    }

    /// Markdown: removed words struck through, added words in bold.
    static func markdown(_ runs: [WordDiff.Run]) -> String {
        condensed(runs).map { run in
            let words = Escape.markdownCell(run.text.split(whereSeparator: \.isWhitespace).joined(separator: " "))
            switch run.kind {
            case .same: return words
            case .removed: return "~~" + words + "~~"
            case .added: return "**" + words + "**"
            }
        }.joined(separator: " ")
    }

    /// HTML: `<del>` and `<ins>`, line breaks kept.
    static func html(_ runs: [WordDiff.Run]) -> String {
        condensed(runs, context: 30, longestChange: .max).map { run in
            let words = Escape.markup(run.text)
            switch run.kind {
            case .same: return words
            case .removed: return "<del>" + words + "</del>"
            case .added: return "<ins>" + words + "</ins>"
            }
        }.joined(separator: " ")
    }

    static let css = "del{background:#ffebe9;color:#82071e;text-decoration:line-through}ins{background:#dafbe1;color:#116329;text-decoration:none}"
        + ".redline{margin:.3rem 0 .8rem;padding:.4rem .7rem;border-left:4px solid #8c959f;background:#f6f8fa}"
        + ".moves td{font-size:.9em}\n"
}
