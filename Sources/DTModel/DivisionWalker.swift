/// The one walk over a division tree: depth first, in document order, in the
/// spirit of swift-markdown's `MarkupWalker`. The dumper, full text, the grading
/// index, sentence units, the footnote linker and the article list each say what
/// to do at a division; the walk (with its own stack, so depth costs no call
/// stack) is written once.
public enum DivisionWalker {
    /// What the walk does after a visit, as a `MarkupWalker`'s `defaultVisit`
    /// chooses whether to descend.
    public enum Step: Sendable {
        /// Visit this division's children next.
        case descend
        /// Go on with the next division that is not below this one.
        case skipChildren
        /// End the walk.
        case stop
    }

    /// Calls `visit` on each of `roots` and every division below them, in
    /// document order, with its depth (0 for a root).
    @inlinable
    public static func walk(_ roots: [Division], _ visit: (Division, Int) -> Void) {
        // Most articles have no divisions below them: no stack to build.
        if roots.count == 1, roots[0].children.isEmpty { return visit(roots[0], 0) }
        steeredWalk(roots) { d, depth in
            visit(d, depth)
            return .descend
        }
    }

    /// Calls `visit` on each of `roots` and, in document order, on the divisions
    /// below each one whose visit says `.descend`, with its depth (0 for a root);
    /// the walk ends at the first `.stop`. A visit knows its ancestors as the last
    /// division it saw at each smaller depth.
    @inlinable
    public static func steeredWalk(_ roots: [Division], _ visit: (Division, Int) -> Step) {
        var stack: [(Division, Int)] = roots.reversed().map { ($0, 0) }
        while let (d, depth) = stack.popLast() {
            switch visit(d, depth) {
            case .descend: stack.append(contentsOf: d.children.reversed().map { ($0, depth + 1) })
            case .skipChildren: continue
            case .stop: return
            }
        }
    }
}
