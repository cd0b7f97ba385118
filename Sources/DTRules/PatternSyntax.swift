/// A phrase pattern as a tree: the one reading of the pattern syntax (see
/// `Pattern`) that every use is written from: the engine's program
/// (`PhraseProgram`), the literal gate (`PatternLiterals`), and the ICU regular
/// expression the tests hold the engine to (`PatternRegex`).
indirect enum PatternNode: Sendable, Equatable {
    /// One character of the pattern, itself: a letter, a digit or a punctuation mark.
    case char(Character)
    /// ` `: white space, or none (OCR'd texts merge words).
    case space
    /// `-`: hyphens and white space, or none.
    case hyphen
    /// `'`: an apostrophe, or none.
    case apostrophe
    /// `*`: any ending of Latin letters and digits.
    case ending
    /// `...`: at most `PatternNode.maxGap` characters of any kind, as few as will do.
    case gap
    /// `\b`: a word boundary.
    case wordBoundary
    /// `[x]`, `x?`, `(x)?`.
    case optional(PatternNode)
    /// `(a|b)`, or a `{term}` (its name kept: the gate reads terms on their own).
    case group([[PatternNode]], term: String?)

    /// `...`: at most this many characters.
    static let maxGap = 150

    /// Whether the node can match without reading a character.
    var canBeEmpty: Bool {
        switch self {
        case .char: return false
        case .space, .hyphen, .apostrophe, .ending, .gap, .wordBoundary, .optional: return true
        case .group(let alternatives, _): return alternatives.contains { $0.allSatisfy(\.canBeEmpty) }
        }
    }
}

/// Reads pattern source into a `PatternNode`, with its `{term}`s read from `terms`
/// (each once per pattern), and refuses what cannot be a pattern: unbalanced
/// brackets, a `?` with nothing to make optional, an unknown or circular term, a
/// pattern that can match the empty text (it would hold in every sentence), and
/// one whose terms multiply past `maxSize` nodes (it would take minutes to search).
struct PatternParser {
    /// Nodes a pattern may have once its terms are written out. The largest of the
    /// project's patterns has a few hundred; terms of terms, each of ten
    /// alternatives, reach millions after a few levels.
    static let maxSize = 20_000

    let terms: [String: String]
    /// Terms already read, and their sizes: for this pattern, or for every pattern
    /// of a load when one parser reads them all (`PatternCache`).
    private var parsed: [String: PatternNode] = [:]
    private var sizes: [String: Int] = [:]

    init(terms: [String: String]) {
        self.terms = terms
    }

    /// The tree of a whole pattern: its alternatives as one group.
    mutating func parsePattern(_ source: String) throws -> PatternNode {
        let root = try parse(source, chain: [])
        if size(of: root) > Self.maxSize {
            let chain = largestTermChain(in: root)
            let through = chain.isEmpty ? "" : " (through " + chain.map { "{\($0)}" }.joined(separator: " → ") + ")"
            throw PatternError(message: "pattern '\(source)' expands to more than \(Self.maxSize) parts\(through): terms used inside terms multiply their alternatives; use fewer or smaller terms")
        }
        if root.canBeEmpty {
            throw PatternError(message: "pattern '\(source)' can match empty text, so it would hold in every sentence: every match must contain a letter, digit or mark that is not optional")
        }
        return root
    }

    /// How many nodes `node` has with its terms written out (what the program's
    /// size and the search's work grow with), each term's size reckoned once.
    private mutating func size(of node: PatternNode) -> Int {
        switch node {
        case .optional(let inner): return 1 &+ size(of: inner)
        case .group(let alternatives, let term):
            if let term, let known = sizes[term] { return known }
            var total = 1
            for sequence in alternatives { for n in sequence { total = min(Self.sizeCeiling, total + size(of: n)) } }
            if let term { sizes[term] = total }
            return total
        default: return 1
        }
    }

    /// Sizes stop growing here (a count past any limit, that cannot overflow).
    private static let sizeCeiling = Int.max / 4

    /// The terms a pattern's size comes from: at each level the largest term used.
    private mutating func largestTermChain(in node: PatternNode) -> [String] {
        var terms: [(name: String, alternatives: [[PatternNode]])] = []
        func collect(_ n: PatternNode) {
            switch n {
            case .optional(let inner): collect(inner)
            case .group(let alternatives, let term):
                if let term { terms.append((term, alternatives)) } else { alternatives.forEach { $0.forEach(collect) } }
            default: break
            }
        }
        if case .group(let alternatives, _) = node { alternatives.forEach { $0.forEach(collect) } } else { collect(node) }
        guard let largest = terms.max(by: { size(of: .group($0.alternatives, term: $0.name)) < size(of: .group($1.alternatives, term: $1.name)) }) else {
            return []
        }
        return [largest.name] + largestTermChain(in: .group(largest.alternatives, term: nil))
    }

    /// `source` as a group of its top-level alternatives. `chain` holds the terms
    /// being read (to tell a term that uses itself).
    private mutating func parse(_ source: String, chain: [String]) throws -> PatternNode {
        let chars = Array(source)
        var i = 0
        // Open groups, innermost last: each its alternatives so far and the bracket that closes it.
        var stack: [(alternatives: [[PatternNode]], close: Character?, open: Int)] = [([[]], nil, 0)]
        func append(_ node: PatternNode) {
            stack[stack.count - 1].alternatives[stack[stack.count - 1].alternatives.count - 1].append(node)
        }
        func fail(_ why: String) -> PatternError {
            PatternError(message: "\(why) in '\(source)'")
        }
        while i < chars.count {
            let c = chars[i]
            switch c {
            case " ", "\t", "\n":
                // White space or none, however much is written.
                if case .space? = stack[stack.count - 1].alternatives.last?.last {} else { append(.space) }
            case "-":
                append(.hyphen)
            case ".":
                if i + 2 < chars.count, chars[i + 1] == ".", chars[i + 2] == "." {
                    // The gap absorbs the white space around it.
                    let last = stack[stack.count - 1].alternatives.count - 1
                    while case .space? = stack[stack.count - 1].alternatives[last].last {
                        stack[stack.count - 1].alternatives[last].removeLast()
                    }
                    append(.gap)
                    i += 2
                    while i + 1 < chars.count, chars[i + 1] == " " { i += 1 }
                } else {
                    append(.char(c))
                }
            case "(":
                stack.append(([[]], ")", i))
            case "[":
                stack.append(([[]], "]", i))
            case ")", "]":
                guard stack.count > 1, stack[stack.count - 1].close == c else {
                    throw fail("unbalanced '\(c)' at character \(i + 1)")
                }
                let group = stack.removeLast()
                if c == "]" { try refuseCharacterClass(chars, open: group.open, close: i, fail: fail) }
                let node = PatternNode.group(group.alternatives, term: nil)
                append(c == "]" ? .optional(node) : node)
            case "|":
                stack[stack.count - 1].alternatives.append([])
            case "?":
                let last = stack[stack.count - 1].alternatives.count - 1
                guard let previous = stack[stack.count - 1].alternatives[last].last else {
                    throw fail("'?' with nothing to make optional at character \(i + 1)")
                }
                // Whatever precedes it, as the regex `x?` reads it (after a space, which
                // matches none already, it changes nothing).
                stack[stack.count - 1].alternatives[last][stack[stack.count - 1].alternatives[last].count - 1] = .optional(previous)
            case "*":
                append(.ending)
            case "\\":
                if i + 1 < chars.count, chars[i + 1] == "b" {
                    append(.wordBoundary)
                    i += 1
                } else {
                    append(.char(c))
                }
            case "'":
                append(.apostrophe)
            case "{":
                guard let close = chars[i...].firstIndex(of: "}") else { append(.char(c)); break }
                let name = String(chars[(i + 1)..<close])
                append(try term(name, chain: chain, in: source))
                i = close
            default:
                append(.char(c))
            }
            i += 1
        }
        guard stack.count == 1 else { throw fail("unbalanced '\(stack[stack.count - 1].close == "]" ? "[" : "(")'") }
        return .group(stack[0].alternatives, term: nil)
    }

    /// `locali[sz]ation` is a regex character class by habit, but here `[sz]` makes
    /// the letters "sz" optional together, so the pattern matches neither spelling.
    /// Brackets of letters alone with a letter on both sides are refused, naming `(s|z)`.
    private func refuseCharacterClass(_ chars: [Character], open: Int, close: Int,
                                      fail: (String) -> PatternError) throws {
        guard open > 0, close + 1 < chars.count, chars[open - 1].isLetter, chars[close + 1].isLetter else { return }
        let inside = chars[(open + 1)..<close]
        guard !inside.isEmpty, inside.allSatisfy(\.isLetter) else { return }
        let letters = inside.map(String.init).joined(separator: "|")
        throw fail("'[\(String(inside))]' inside a word at character \(open + 1) makes the letters '\(String(inside))' optional together, not one of them: write (\(letters)) for one letter or another")
    }

    /// The tree of `{name}`, read once per pattern.
    private mutating func term(_ name: String, chain: [String], in source: String) throws -> PatternNode {
        if let done = parsed[name] { return done }
        guard let body = terms[name] else { throw PatternError(message: "unknown term {\(name)} in '\(source)'") }
        if chain.contains(name) {
            throw PatternError(message: "term {\(name)} uses itself: " + (chain + [name]).map { "{\($0)}" }.joined(separator: " → "))
        }
        guard case .group(let alternatives, _) = try parse(body, chain: chain + [name]) else {
            throw PatternError(message: "term {\(name)} cannot be read")
        }
        let node = PatternNode.group(alternatives, term: name)
        parsed[name] = node
        return node
    }
}
