import DTModel

/// Moves footnotes to the division that cites them. Text formats give a
/// footnote's definition far from its mark (page bottom, document end); the
/// definition is first attached where it appears, then moved here to the
/// first division whose text or heading carries its mark (`[^3]`, `[3]`).
enum FootnoteLinker {
    static func relink(_ roots: [Division]) -> [Division] {
        // Nothing to move without footnotes: skip reading every division's text for marks
        // (a character-by-character scan of the whole document).
        var anyFootnote = false
        DivisionWalker.steeredWalk(roots) { d, _ in
            anyFootnote = !d.footnotes.isEmpty
            return anyFootnote ? .stop : .descend
        }
        guard anyFootnote else { return roots }
        // Flatten pre-order with parent indices so divisions can be edited in place.
        var flat: [(division: Division, parent: Int?)] = []
        // The index in `flat` of the division visited last at each depth: a
        // division's parent is the one at the depth above.
        var lastAt: [Int] = []
        DivisionWalker.walk(roots) { d, depth in
            var leaf = d
            leaf.children = []
            flat.append((leaf, depth == 0 ? nil : lastAt[depth - 1]))
            lastAt.removeSubrange(depth...)
            lastAt.append(flat.count - 1)
        }
        var citedBy: [String: Int] = [:]
        for (i, entry) in flat.enumerated() {
            let labels = FootnoteMarks.labels(in: entry.division.text + " " + (entry.division.heading ?? ""))
            for l in labels where citedBy[l] == nil { citedBy[l] = i }
        }
        for i in flat.indices {
            var keep: [Footnote] = []
            for f in flat[i].division.footnotes {
                if let label = f.label, let target = citedBy[label], target != i {
                    flat[target].division.footnotes.append(f)
                } else {
                    keep.append(f)
                }
            }
            flat[i].division.footnotes = keep
        }
        // Rebuild: children are appended in reverse, then each list is reversed once.
        var built = flat.map(\.division)
        var out: [Division] = []
        for i in flat.indices.reversed() {
            built[i].children.reverse()
            if let p = flat[i].parent { built[p].children.append(built[i]) } else { out.append(built[i]) }
        }
        return out.reversed()
    }
}
