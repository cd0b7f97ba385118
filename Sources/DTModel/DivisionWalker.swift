/// The one walk over a division tree: depth first, in document order, in the
/// spirit of swift-markdown's `MarkupWalker`. The dumper, full text, the grading
/// index and sentence units each say what to do at a division; the walk (with
/// its own stack, so depth costs no call stack) is written once.
public enum DivisionWalker {
    /// Calls `visit` on each of `roots` and every division below them, in
    /// document order, with its depth (0 for a root).
    @inlinable
    public static func walk(_ roots: [Division], _ visit: (Division, Int) -> Void) {
        // Most articles have no divisions below them: no stack to build.
        if roots.count == 1, roots[0].children.isEmpty { return visit(roots[0], 0) }
        var stack: [(Division, Int)] = roots.reversed().map { ($0, 0) }
        while let (d, depth) = stack.popLast() {
            visit(d, depth)
            stack.append(contentsOf: d.children.reversed().map { ($0, depth + 1) })
        }
    }
}
