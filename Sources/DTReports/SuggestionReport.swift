import DTGrading
import DTModel

/// "What to change": a pillar's suggestions (`PillarVerdict.suggestions`) in each
/// human format, kept apart from the rest of each report so the renderers stay
/// small. Every word from a document or a rule file is escaped for its format.
enum SuggestionReport {
    /// A same-words run longer than this shows its first and last words around "…":
    /// the redline is about what changes.
    static let contextWords = 8

    static func verb(_ s: Suggestion) -> String {
        switch s.action {
        case .replace: return "replace with \(s.citation)"
        case .insert: return "add \(s.citation)"
        case .removePhrase: return "strike the limiting words"
        case .remove: return "strike the clause"
        }
    }

    /// What the suggestion answers, in words: "the level", "self-judging".
    static func answers(_ s: Suggestion) -> String {
        s.addresses.map { $0 == "level" ? "the level" : $0 }.joined(separator: ", ")
    }

    /// A redline with nothing struck or added: the note says the clause already reads so.
    static func unchanged(_ diff: [WordDiff.Run]) -> Bool { diff.allSatisfy { $0.kind == .same } }

    /// The words of a same run, shortened in the middle when long.
    static func context(_ text: String, first: Bool, last: Bool) -> String {
        let words = text.split(separator: " ")
        guard words.count > 2 * contextWords else { return text }
        if first { return "… " + words.suffix(contextWords).joined(separator: " ") }
        if last { return words.prefix(contextWords).joined(separator: " ") + " …" }
        return words.prefix(contextWords).joined(separator: " ") + " … " + words.suffix(contextWords).joined(separator: " ")
    }

    // MARK: - Text

    /// `--format text`: one block per suggestion, the redline as lines of kept words,
    /// `- removed` and `+ added` words.
    static func text(_ p: PillarVerdict, _ s: Styler) -> String {
        guard let list = p.suggestions, !list.isEmpty else { return "" }
        var out = ""
        for sug in list {
            var head = "      " + s.bold("what to change") + " (\(shown(answers(sug)))): " + shown(verb(sug))
            if let a = sug.draftArticle { head += " at " + shown(a) }
            if let l = sug.location, l.line > 0 { head += s.dim("  line \(l.line)") }
            out += head + "\n        " + s.dim(shown(sug.note)) + "\n"
            if let diff = sug.diff, unchanged(diff) {
                continue
            } else if let diff = sug.diff {
                for (i, run) in diff.enumerated() {
                    switch run.kind {
                    case .same:
                        out += "          " + shown(context(run.text, first: i == 0, last: i == diff.count - 1)) + "\n"
                    case .removed: out += "        " + s.red("- " + shown(run.text)) + "\n"
                    case .added: out += "        " + s.green("+ " + shown(run.text)) + "\n"
                    }
                }
            } else {
                // A baseline article proposed whole: one line per paragraph.
                for para in sug.text.split(separator: "\n") { out += "        " + s.green("+ " + shown(String(para))) + "\n" }
            }
        }
        return out
    }

    // MARK: - Markdown

    /// `--format markdown`: a "What to change" list; struck words as `~~…~~`,
    /// added words in bold.
    static func markdown(_ p: PillarVerdict) -> String {
        guard let list = p.suggestions, !list.isEmpty else { return "" }
        var out = "**What to change**\n\n"
        for sug in list {
            var line = "- \(Escape.markdownCell(verb(sug)))"
            if let a = sug.draftArticle { line += " at " + Escape.markdownCell(a) }
            line += " (\(Escape.markdownCell(answers(sug)))): " + Escape.markdownCell(sug.note)
            if let diff = sug.diff, unchanged(diff) {
                out += line + "\n"
                continue
            }
            line += "\n  > "
            if let diff = sug.diff {
                line += diff.enumerated().map { i, run in
                    switch run.kind {
                    case .same: return Escape.markdownCell(context(run.text, first: i == 0, last: i == diff.count - 1))
                    case .removed: return "~~" + Escape.markdownCell(run.text) + "~~"
                    case .added: return "**" + Escape.markdownCell(run.text) + "**"
                    }
                }.joined(separator: " ")
            } else {
                line += "**" + Escape.markdownCell(sug.text) + "**"
            }
            out += line + "\n"
        }
        return out + "\n"
    }

    // MARK: - HTML

    /// `--format html`: each suggestion with its redline, `<del>` and `<ins>` styled
    /// as tracked changes.
    static func html(_ p: PillarVerdict) -> String {
        guard let list = p.suggestions, !list.isEmpty else { return "" }
        var out = "<div class=\"suggestions\"><strong>What to change</strong>\n"
        for sug in list {
            out += "<div class=\"suggestion\"><p><span class=\"action\">" + Escape.markup(verb(sug)) + "</span>"
            if let a = sug.draftArticle { out += " at " + Escape.markup(a) }
            out += " <span class=\"meta\">(" + Escape.markup(answers(sug)) + ")</span> " + Escape.markup(sug.note) + "</p>\n"
            if let diff = sug.diff, unchanged(diff) {
                out += "</div>\n"
                continue
            }
            out += "<p class=\"redline\">"
            if let diff = sug.diff {
                out += diff.map { run in
                    switch run.kind {
                    case .same: return Escape.markup(run.text)
                    case .removed: return "<del>" + Escape.markup(run.text) + "</del>"
                    case .added: return "<ins>" + Escape.markup(run.text) + "</ins>"
                    }
                }.joined(separator: " ")
            } else {
                out += "<ins>" + Escape.markup(sug.text).replacingOccurrences(of: "\n", with: "<br>") + "</ins>"
            }
            out += "</p></div>\n"
        }
        return out + "</div>\n"
    }

    static let css = """
    .suggestions{margin:.6rem 0;padding:.4rem .8rem;border:1px solid #d0d7de;border-radius:.4rem}
    .suggestion p{margin:.3rem 0}.suggestion .action{font-weight:600}
    .redline{padding:.3rem .7rem;border-left:4px solid #1a7f37;background:#f6f8fa}
    del{background:#ffebe9;color:#82071e;text-decoration:line-through}ins{background:#dafbe1;color:#116329;text-decoration:underline}

    """
}

/// The text of one line of a graded file (1-based), for SARIF fixes: the caller
/// reads it from disk (`check`) or from the upload (`serve`); nil when unknown.
public typealias SourceLineReader = @Sendable (_ path: String, _ line: Int) -> String?

/// A suggestion as a SARIF `fix`, only where it replaces one exact region: the
/// clause found word for word on its line of a text or Markdown file (the reader
/// gives a clause its start line, not its column; XML, HTML and Word lines hold
/// markup, where inserted words would need escaping, so they get no fix). The
/// region's `snippet` holds the clause so a tool can check it before applying. An
/// `insert` has no region and gives no fix.
enum SuggestionFix {
    static let lineFormats: Set<String> = ["markdown", "text"]

    static func fixes(_ suggestions: [Suggestion], addressing id: String, uri: String, doc: DocumentVerdict,
                      lines: SourceLineReader?) -> [SarifFix]? {
        guard let lines, lineFormats.contains(doc.format ?? "") else { return nil }
        let fixes = suggestions.filter { $0.addresses.contains(id) }.compactMap { fix($0, uri: uri, path: doc.path, lines: lines) }
        return fixes.isEmpty ? nil : fixes
    }

    static func fix(_ s: Suggestion, uri: String, path: String, lines: SourceLineReader) -> SarifFix? {
        guard s.diff != nil, let old = s.draftText, let l = s.location, l.line > 0 else { return nil }
        guard !old.isEmpty, !old.hasSuffix("…"), let line = lines(path, l.line), let found = line.range(of: old) else { return nil }
        let column = line[..<found.lowerBound].utf16.count + 1
        let region = SarifRegion(startLine: l.line, startColumn: column, endLine: l.line, endColumn: column + old.utf16.count,
                                 snippet: SarifText(text: old))
        var text = SuggestionReport.verb(s)
        if let a = s.draftArticle { text += " at " + a }
        return SarifFix(description: SarifText(text: text + ": " + s.note),
                        artifactChanges: [SarifArtifactChange(artifactLocation: SarifArtifactLocation(uri: uri),
                                                              replacements: [SarifReplacement(deletedRegion: region,
                                                                                              insertedContent: SarifText(text: s.text))])])
    }
}
