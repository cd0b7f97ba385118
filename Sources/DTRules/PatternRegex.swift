import Foundation

/// The ICU regular expression a pattern's tree means: the reference
/// `PhraseProgram` is held to (`PatternEngineTests`). Grading never runs it:
/// ICU has no time limit, and a pattern of many optional parts and gaps can make
/// it backtrack for minutes.
enum PatternRegex {
    static func source(of node: PatternNode) -> String {
        var out = ""
        write(node, into: &out)
        return out
    }

    /// Compiled as grading's answers are defined: `.` matches line separators too.
    static func compile(_ node: PatternNode) throws -> NSRegularExpression {
        try NSRegularExpression(pattern: source(of: node), options: [.dotMatchesLineSeparators])
    }

    private static func write(_ node: PatternNode, into out: inout String) {
        switch node {
        case .char(let c):
            if c.isLetter || c.isNumber { out.append(c) } else { out += NSRegularExpression.escapedPattern(for: String(c)) }
        case .space: out += "\\s*"
        case .hyphen: out += "[-\\s]*"
        case .apostrophe: out += "'?"
        // Latin letters and digits (a property set would cost more to compile than all else).
        case .ending: out += "[a-z0-9\\u00c0-\\u024f]*"
        case .gap: out += ".{0,\(PatternNode.maxGap)}?"
        case .wordBoundary: out += "\\b"
        case .optional(let inner):
            switch inner {
            case .group: write(inner, into: &out)
            case .char(let c) where c.unicodeScalars.count == 1: write(inner, into: &out)
            default:
                out += "(?:"
                write(inner, into: &out)
                out += ")"
            }
            out += "?"
        case .group(let alternatives, _):
            out += "(?:"
            for (k, sequence) in alternatives.enumerated() {
                if k > 0 { out += "|" }
                for n in sequence { write(n, into: &out) }
            }
            out += ")"
        }
    }
}
