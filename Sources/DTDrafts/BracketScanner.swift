/// Finds the square brackets of a draft's text stream with their nesting, and
/// says what each one is (PILLARS.md, "Negotiating drafts"). A bracket the draft
/// never closes is closed before the next article heading, with a warning; a
/// bracket that opens on an article's heading may run over whole articles.
struct BracketScanner {
    let text: DraftText
    let path: String

    /// Scalars of a bracket read to classify and quote it.
    static let readLimit = 2000
    /// Nesting beyond this is not negotiation (real drafts nest three deep).
    static let maxDepth = 16

    struct Result {
        var brackets: [Bracket]
        var warnings: [DraftWarning]
    }

    func scan() -> Result {
        var forced = Set<Int>()
        while true {
            let (result, unclosedHeadings) = pass(forcing: forced)
            // A bracket opened on a heading and never closed: close it at the next
            // heading like any other, and read again.
            if unclosedHeadings.isEmpty || unclosedHeadings.isSubset(of: forced) { return result }
            forced.formUnion(unclosedHeadings)
        }
    }

    private struct Opening {
        var id: Int
        var offset: Int
        var parent: Int?
        var depth: Int
        var onHeading: Bool
    }

    private func pass(forcing forced: Set<Int>) -> (Result, Set<Int>) {
        let s = text.scalars
        var brackets: [Bracket?] = []
        var warnings: [DraftWarning] = []
        var stack: [Opening] = []
        var skipUntil = 0
        var unclosedHeadings = Set<Int>()

        func close(_ o: Opening, at c: Int, unbalanced: Bool) {
            var b = classify(o, close: c, unbalanced: unbalanced)
            if b.role.isNegotiation, !unbalanced, let (attribution, end, skips) = trailingAttribution(after: c) {
                if let lead = b.attribution {
                    // `[EU propose: …] [IN oppose]`: a bracket of parties alone right after an
                    // attributed one adds its parties to it, as `[…] [EU propose; IN oppose]`
                    // would. A parenthesis there is left to be read as text.
                    if skips {
                        b.attribution = Attribution(written: lead.written + "; " + attribution.written,
                                                    positions: lead.positions + attribution.positions)
                        b.end = end
                        skipUntil = end
                    }
                } else {
                    b.attribution = attribution
                    b.end = end
                    if skips { skipUntil = end }
                }
            }
            brackets[o.id] = b
        }

        for (si, seg) in text.segments.enumerated() {
            if seg.isBoundary {
                // Close what the draft left open, innermost first; a bracket opened on a
                // heading may span articles unless a previous reading found it unclosed.
                while let top = stack.last, !top.onHeading || forced.contains(top.offset) {
                    stack.removeLast()
                    let at = max(top.offset + 1, seg.start - 1)
                    close(top, at: at, unbalanced: true)
                    let next = seg.article.map { text.articles[$0].label } ?? "the next heading"
                    warnings.append(DraftWarning(file: path, line: text.line(at: top.offset),
                                                 message: "bracket never closed; closed before \(next)"))
                }
            }
            _ = si
            var i = max(seg.start, skipUntil)
            while i < seg.end {
                let c = s[i]
                if c == "[" {
                    stack.append(Opening(id: brackets.count, offset: i, parent: stack.last?.id, depth: stack.count, onHeading: seg.isHeading))
                    brackets.append(nil)
                } else if c == "]" {
                    if let top = stack.popLast() {
                        close(top, at: i, unbalanced: false)
                        if skipUntil > i + 1 { i = skipUntil; continue }
                    } else {
                        warnings.append(DraftWarning(file: path, line: text.line(at: i), message: "']' with no '[' to close"))
                    }
                }
                i += 1
            }
        }
        while let top = stack.popLast() {
            if top.onHeading && !forced.contains(top.offset) { unclosedHeadings.insert(top.offset) }
            close(top, at: max(top.offset + 1, s.count - 1), unbalanced: true)
            warnings.append(DraftWarning(file: path, line: text.line(at: top.offset), message: "bracket never closed; closed at the end of the text"))
        }
        var out = brackets.compactMap { $0 }
        // Bare brackets (no parties, no label) are options only in a text that
        // attributes brackets somewhere: final texts use them for translators'
        // insertions, formulas and names (`normative [legislative] acts`,
        // `RVC = [(TV - VNM) / TV] * 100`), and a draft is known by its attributions.
        let negotiating = out.contains { $0.role == .alternative || $0.role == .proposal && $0.attribution != nil }
        if !negotiating {
            for i in out.indices where out[i].role == .proposal { out[i].role = .editorial }
        }
        group(&out)
        return (Result(brackets: out, warnings: warnings), unclosedHeadings)
    }

    /// What the bracket opened at `o` and closed at `close` is.
    private func classify(_ o: Opening, close c: Int, unbalanced: Bool) -> Bracket {
        let s = text.scalars
        // Deeper than any draft nests: kept as text, so no chain of acceptance grows
        // without bound and a hostile text of nested brackets is not read per bracket.
        if o.depth >= Self.maxDepth {
            return Bracket(id: o.id, role: .editorial, open: o.offset, close: c, contentStart: o.offset + 1, end: c + 1,
                           parent: o.parent, depth: o.depth, label: nil, group: nil, attribution: nil, unbalanced: unbalanced,
                           text: "", article: nil, articles: [], line: 0)
        }
        // Only a bracket's first words tell what it is, and quotes are short.
        let inner = text.string((o.offset + 1)..<min(c, o.offset + 1 + Self.readLimit))
        let startSegment = text.segment(at: o.offset)
        let endSegment = text.segment(at: c)
        var articles: [Int] = []
        for k in startSegment...max(startSegment, endSegment) {
            if let a = text.segments[k].article, articles.last != a { articles.append(a) }
            if articles.count > Self.readLimit { break }
        }
        var b = Bracket(id: o.id, role: .proposal, open: o.offset, close: c, contentStart: o.offset + 1,
                        end: unbalanced ? c : c + 1, parent: o.parent, depth: o.depth, label: nil, group: nil, attribution: nil,
                        unbalanced: unbalanced, text: BracketWords.collapse(inner), article: text.segments[startSegment].article,
                        articles: articles, line: text.line(at: o.offset))
        let before: Unicode.Scalar? = o.offset > 0 ? s[o.offset - 1] : nil
        let after: Unicode.Scalar? = c + 1 < s.count ? s[c + 1] : nil
        // An editor's insertion in a quote (`“[the] Party`, `[t]he`), an image or a link in Markdown.
        if let before, ["“", "\"", "‘", "!"].contains(before) { b.role = .editorial; return b }
        if !unbalanced, let after, after.properties.isAlphabetic, inner.count <= 3 { b.role = .editorial; return b }
        if !unbalanced, after == "(", trailingAttribution(after: c) == nil { b.role = .editorial; return b }
        if let lead = BracketWords.lead(inner) {
            b.contentStart = o.offset + 1 + lead.length
            b.text = BracketWords.collapse(text.string(b.contentStart..<min(c, b.contentStart + Self.readLimit)))
            b.attribution = lead.attribution
            b.label = lead.label
            if lead.comment { b.role = .comment } else if lead.label != nil { b.role = .alternative }
            return b
        }
        if BracketWords.isPlaceholder(inner) { b.role = .placeholder; return b }
        // A bracket with no parties that is part of a word or a formula:
        // `Annex[es]`, `Bis[(5-ethyl…)methyl]`, `RVC = [(TV - VNM) / TV]`.
        if let before, before.properties.isAlphabetic || ("0"..."9").contains(before) { b.role = .editorial; return b }
        if precededByEquals(o.offset) { b.role = .editorial; return b }
        // Parties and stances alone, with no bracket before them to attach to.
        if let positions = BracketWords.positions(Substring(inner)) {
            b.role = .comment
            b.attribution = Attribution(written: BracketWords.collapse(inner), positions: positions)
            return b
        }
        if !unbalanced, BracketWords.isEditorial(inner) || followsReference(o.offset) { b.role = .editorial; return b }
        // Operative words are written in lower case: a bracket of names, numbers
        // or capitals (`[R. S. GUERREIRO 25 February 1972`) is no option.
        if !BracketWords.hasLowercaseWord(inner) { b.role = .editorial; return b }
        return b
    }

    /// Whether `=` comes just before `offset` (a formula: `RVC = [(TV - VNM) / TV]`).
    private func precededByEquals(_ offset: Int) -> Bool {
        var i = offset - 1
        while i >= 0, text.scalars[i] == " " || text.scalars[i] == "\t" { i -= 1 }
        return i >= 0 && text.scalars[i] == "="
    }

    /// Whether the text before `offset` ends with a reference (`Article 14.13 [`),
    /// so the bracket holds the referenced article's title.
    private func followsReference(_ offset: Int) -> Bool {
        let from = max(text.segments[text.segment(at: offset)].start, offset - 40)
        let before = text.string(from..<offset)
        let words = before.split(separator: " ")
        guard words.count >= 2, let number = words.last, number.first?.isNumber == true || number.count <= 4 else { return false }
        let keyword = words[words.count - 2].lowercased()
        return ["article", "articles", "art.", "chapter", "section", "annex", "paragraph", "subparagraph", "appendix"].contains(keyword)
    }

    /// An attribution written just after `]`: `(AU/JP/SG propose; ID/VN oppose)` or
    /// `[US propose; VN oppose]`, with the offset past it and whether it is a bracket
    /// the scan must skip.
    private func trailingAttribution(after c: Int) -> (Attribution, Int, Bool)? {
        let s = text.scalars
        var i = c + 1
        while i < s.count, s[i] == " " || s[i] == "\t" || s[i] == "\u{00A0}" { i += 1 }
        guard i < s.count, s[i] == "(" || s[i] == "[" else { return nil }
        let closer: Unicode.Scalar = s[i] == "(" ? ")" : "]"
        var j = i + 1
        while j < s.count, j < i + 160, s[j] != closer, s[j] != "[", s[j] != "\n" { j += 1 }
        guard j < s.count, s[j] == closer else { return nil }
        let words = text.string((i + 1)..<j)
        guard let positions = BracketWords.positions(Substring(words)) else { return nil }
        return (Attribution(written: BracketWords.collapse(words), positions: positions), j + 1, closer == "]")
    }

    /// Alternatives of one group: `ALT 1`, `ALT 2` … (or `Option A`, `Option B`) under
    /// the same bracket; and attributed proposals side by side with nothing between
    /// them (`[CA propose: Movement of Information] [JP propose: Cross-Border Information Flows]`).
    private func group(_ brackets: inout [Bracket]) {
        var next = 0
        var lastAlternative: (index: Int, family: String)?
        var lastProposal: Int?
        for i in brackets.indices {
            let b = brackets[i]
            if b.role == .alternative, let label = b.label {
                let family = label.lowercased().hasPrefix("option") ? "option" : "alt"
                let first = label.hasSuffix(" 1") || label.hasSuffix(" A") || label.hasSuffix(" a") || label.hasSuffix(".1")
                if let last = lastAlternative, last.family == family, brackets[last.index].parent == b.parent, !first,
                   let g = brackets[last.index].group {
                    brackets[i].group = g
                } else {
                    brackets[i].group = next
                    next += 1
                }
                lastAlternative = (i, family)
            } else if b.role == .proposal, b.attribution != nil {
                if let p = lastProposal, brackets[p].parent == b.parent, onlySpaceBetween(brackets[p].end, b.open) {
                    if brackets[p].group == nil {
                        brackets[p].group = next
                        next += 1
                    }
                    brackets[i].group = brackets[p].group
                }
                lastProposal = i
            }
        }
    }

    private func onlySpaceBetween(_ a: Int, _ b: Int) -> Bool {
        guard a <= b, b - a < 8 else { return false }
        let between = BracketWords.collapse(text.string(a..<b)).lowercased()
        return between.isEmpty || between == "or" || between == "/"
    }
}
