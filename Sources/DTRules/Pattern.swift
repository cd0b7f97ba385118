import Foundation

/// A phrase pattern over normalised text, compiled once: to a `PhraseProgram`,
/// which answers where matches start and end, and to an ICU regular expression
/// (NSRegularExpression measured ~12× faster than Swift Regex here), which checks
/// the syntax at load, is the reference the program is tested against, and
/// answers for a pattern the program cannot read.
///
/// Syntax, chosen so an analyst can read it:
/// - words in lower case; a space matches any white space *or none*, because
///   OCR'd texts merge words ("customsdutiesonelectronic");
/// - `-` matches a hyphen, a space or nothing (`cross-border` ~ `cross border`);
/// - `(a|b)` alternatives, `[x]` or `(x)?` optional, `s?` an optional letter,
///   `word*` any ending (`transmi*`);
/// - `...` a bounded gap of at most 150 characters, so matching stays linear;
/// - `{term}` a named term from a `terms` file;
/// - `\b` a word boundary, for short words such as `\bmay\b`.
///
/// A class, as it is immutable: grading passes patterns around in every rule, and
/// copying a struct retained each of its buffers (atomically) every time.
public final class Pattern: Sendable, CustomStringConvertible {
    public let source: String
    let regex: NSRegularExpressionBox
    /// The same pattern for `PhraseProgram`, which answers `firstMatch` without ICU
    /// (nil only for a pattern it cannot read that ICU can: then ICU answers).
    let program: PhraseProgram?
    /// Letter runs every match contains, per top-level alternative (`a|b`): a text
    /// without one alternative's runs is not searched for it, and a text without any
    /// alternative's is not searched at all.
    public let gate: LiteralGate

    public var description: String { source }

    public init(_ source: String, terms: [String: String] = [:]) throws {
        self.source = source
        let expanded = try Pattern.expandTerms(source, terms: terms, depth: 0)
        regex = try Pattern.compile(Pattern.translate(expanded), source: source)
        program = try? PhraseProgram(expanded)
        // Each top-level alternative's runs, and those of the terms and groups every
        // match of it contains (`requiredParts`), each with its own alternatives' runs:
        // multiplied out into the alternative's clauses, a large choice keeps only a few.
        var partGates: [String: LiteralGate] = [:]
        var alternatives: [LiteralGate] = []
        for part in Pattern.topLevelAlternatives(source) {
            var required: [LiteralGate] = []
            for sub in Pattern.requiredParts(part) {
                if partGates[sub] == nil {
                    let body = try Pattern.expandTerms(sub, terms: terms, depth: 0)
                    partGates[sub] = LiteralGate(anyOf: Pattern.topLevelAlternatives(body).map { PatternLiterals.required(in: $0) })
                }
                if let g = partGates[sub] { required.append(g) }
            }
            let partExpanded = try Pattern.expandTerms(part, terms: terms, depth: 0)
            alternatives.append(LiteralGate(literalClauses: PatternLiterals.required(in: partExpanded), requiring: required))
        }
        gate = LiteralGate(anyOf: alternatives)
    }

    private init(source: String, regex: NSRegularExpressionBox, program: PhraseProgram?, gate: LiteralGate) {
        self.source = source
        self.regex = regex
        self.program = program
        self.gate = gate
    }

    /// A copy that shares no buffer with this one (`RuleSet.independentCopy`); the
    /// compiled ICU expression, read only when the program cannot answer, is shared.
    public func independentCopy() -> Pattern {
        Pattern(source: source.independentCopy(), regex: regex, program: program?.independentCopy(), gate: gate.independentCopy())
    }

    private static func compile(_ regexSource: String, source: String) throws -> NSRegularExpressionBox {
        do {
            return NSRegularExpressionBox(try NSRegularExpression(pattern: regexSource, options: [.dotMatchesLineSeparators]))
        } catch {
            throw PatternError(message: "pattern '\(source)' does not compile: \(error.localizedDescription)")
        }
    }

    /// Where the first match in `text` starts, as a UTF-16 range (of length 0 when
    /// `PhraseProgram` found it: grading asks only where a match starts).
    public func firstMatch(in text: NSString) -> NSRange? {
        if let program {
            return program.firstMatch(in: text as String).map { NSRange(location: $0, length: 0) }
        }
        return regex.firstMatch(in: text)
    }

    /// The first match in `text`, whose trigrams are `bloom`: nil at once when the
    /// text lacks the literals every match of each alternative needs.
    public func firstMatch(in text: NSString, bloom: TrigramBloom?) -> NSRange? {
        if let bloom, !gate.admits(bloom) { return nil }
        return firstMatch(in: text)
    }

    /// The first match found by ICU, whatever `PhraseProgram` would say: the
    /// reference the tests hold the program to.
    func regexFirstMatch(in text: NSString) -> NSRange? {
        regex.firstMatch(in: text)
    }

    /// `source` split at its top-level `|` (outside every bracket and parenthesis);
    /// an alternative wholly in parentheses is split in turn. The order is kept,
    /// so the earlier alternative still wins a tie.
    static func topLevelAlternatives(_ source: String) -> [String] {
        // On the UTF-8 bytes: the syntax is ASCII, and no byte of a longer character is.
        var parts: [String] = []
        var source = source
        source.withUTF8 { bytes in
            var start = 0
            var depth = 0
            for (i, b) in bytes.enumerated() {
                switch b {
                case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1
                case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
                case UInt8(ascii: "|") where depth == 0:
                    parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                    start = i + 1
                default: break
                }
            }
            parts.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self))
        }
        return parts.flatMap { part -> [String] in
            guard let inner = wrappedContent(part) else { return [part] }
            return topLevelAlternatives(inner)
        }
    }

    /// The inside of `s` when `s` is one parenthesised group, `(…)`.
    static func wrappedContent(_ s: String) -> String? {
        var s = s
        return s.withUTF8 { bytes -> String? in
            guard bytes.first == UInt8(ascii: "("), bytes.last == UInt8(ascii: ")") else { return nil }
            var depth = 0
            for (i, b) in bytes.enumerated() {
                if b == UInt8(ascii: "(") || b == UInt8(ascii: "[") || b == UInt8(ascii: "{") { depth += 1 }
                if b == UInt8(ascii: ")") || b == UInt8(ascii: "]") || b == UInt8(ascii: "}") { depth -= 1 }
                if depth == 0 && i < bytes.count - 1 { return nil }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[1..<(bytes.count - 1)]), as: UTF8.self)
        }
    }

    /// The terms and parenthesised groups that stand unconditionally in a sequence
    /// (outside every group, not made optional by `?`) when it has a `...` gap:
    /// every match contains a match of each, so each one's own literal gate must
    /// admit a text the sequence can match.
    static func requiredParts(_ source: String) -> [String] {
        guard source.contains("...") else { return [] }
        let chars = Array(source)
        var parts: [String] = []
        var i = 0
        while i < chars.count {
            let open = chars[i]
            guard open == "(" || open == "{" || open == "[" else { i += 1; continue }
            var depth = 0
            var j = i
            while j < chars.count {
                if "([{".contains(chars[j]) { depth += 1 }
                if ")]}".contains(chars[j]) { depth -= 1 }
                if depth == 0 { break }
                j += 1
            }
            guard j < chars.count else { break }
            let optional = open == "[" || (j + 1 < chars.count && chars[j + 1] == "?")
            let part = String(chars[i...j])
            if !optional, part.count < chars.count, !parts.contains(part) { parts.append(part) }
            i = j + 1
        }
        return parts
    }

    /// Where the last of the successive matches in `text` ends (UTF-16 units), as
    /// ICU's `matches(in:)` finds them.
    public func lastMatchEnd(in text: NSString) -> Int? {
        if let program { return program.lastMatchEnd(in: text as String) }
        return matches(in: text).last.map { $0.location + $0.length }
    }

    /// All matches in `text`.
    public func matches(in text: NSString) -> [NSRange] {
        regex.value.matches(in: text as String, options: [], range: NSRange(location: 0, length: text.length)).map(\.range)
    }

    static func expandTerms(_ s: String, terms: [String: String], depth: Int) throws -> String {
        guard s.contains("{") else { return s }
        guard depth < 8 else { throw PatternError(message: "terms nest too deeply in '\(s)'") }
        var out = ""
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == "{", let close = s[i...].firstIndex(of: "}") {
                let name = String(s[s.index(after: i)..<close])
                guard let body = terms[name] else { throw PatternError(message: "unknown term {\(name)} in '\(s)'") }
                out += "(" + (try expandTerms(body, terms: terms, depth: depth + 1)) + ")"
                i = s.index(after: close)
            } else {
                out.append(s[i])
                i = s.index(after: i)
            }
        }
        return out
    }

    static func translate(_ s: String) throws -> String {
        var out = ""
        let chars = Array(s)
        // Each character's ASCII code (0 for any other), so the syntax is told apart
        // with byte comparisons: comparing Characters cost most of loading the rules.
        let codes = chars.map { c -> UInt8 in c.utf8.count == 1 ? (c.utf8.first ?? 0) : 0 }
        var i = 0
        var depth = 0
        var optionalDepth = 0
        while i < chars.count {
            let c = chars[i]
            switch codes[i] {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"):
                while i + 1 < chars.count, codes[i + 1] == UInt8(ascii: " ") { i += 1 }
                out += "\\s*"
            case UInt8(ascii: "-"):
                out += "[-\\s]*"
            case UInt8(ascii: "."):
                if i + 2 < chars.count, codes[i + 1] == UInt8(ascii: "."), codes[i + 2] == UInt8(ascii: ".") {
                    // Drop the spaces around a gap: the gap absorbs them.
                    while out.hasSuffix("\\s*") { out.removeLast(3) }
                    out += ".{0,150}?"
                    i += 2
                    while i + 1 < chars.count, codes[i + 1] == UInt8(ascii: " ") { i += 1 }
                } else {
                    out += "\\."
                }
            case UInt8(ascii: "("):
                depth += 1
                out += "(?:"
            case UInt8(ascii: ")"):
                guard depth > 0 else { throw PatternError(message: "unbalanced ')' in '\(s)'") }
                depth -= 1
                out += ")"
            case UInt8(ascii: "["):
                optionalDepth += 1
                out += "(?:"
            case UInt8(ascii: "]"):
                guard optionalDepth > 0 else { throw PatternError(message: "unbalanced ']' in '\(s)'") }
                optionalDepth -= 1
                out += ")?"
            case UInt8(ascii: "|"):
                out += "|"
            case UInt8(ascii: "?"):
                // A quantifier on what precedes it: "(from )?", "transmissions?".
                guard !out.isEmpty, !out.hasSuffix("(?:"), !out.hasSuffix("|") else {
                    throw PatternError(message: "'?' with nothing to make optional in '\(s)'")
                }
                out += "?"
            case UInt8(ascii: "*"):
                out += "[a-z0-9\\u00c0-\\u024f]*" // Latin letters and digits: property sets cost more to compile than all else
            case UInt8(ascii: "\\"):
                if i + 1 < chars.count, codes[i + 1] == UInt8(ascii: "b") {
                    out += "\\b"
                    i += 1
                } else {
                    out += "\\\\"
                }
            case UInt8(ascii: "'"):
                out += "'?"
            case let a where a != 0 && ((a | 0x20) >= UInt8(ascii: "a") && (a | 0x20) <= UInt8(ascii: "z") || (a >= UInt8(ascii: "0") && a <= UInt8(ascii: "9"))):
                out.unicodeScalars.append(Unicode.Scalar(a))
            default:
                if c.isLetter || c.isNumber {
                    out.append(c)
                } else {
                    out += NSRegularExpression.escapedPattern(for: String(c))
                }
            }
            i += 1
        }
        guard depth == 0 else { throw PatternError(message: "unbalanced '(' in '\(s)'") }
        guard optionalDepth == 0 else { throw PatternError(message: "unbalanced '[' in '\(s)'") }
        return out
    }
}

/// A pattern that cannot be compiled.
public struct PatternError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

/// NSRegularExpression is immutable and documented thread-safe, but not marked Sendable.
final class NSRegularExpressionBox: @unchecked Sendable {
    let value: NSRegularExpression

    init(_ value: NSRegularExpression) {
        self.value = value
    }

    /// The first match, or nil.
    func firstMatch(in text: NSString) -> NSRange? {
        let r = value.rangeOfFirstMatch(in: text as String, options: [], range: NSRange(location: 0, length: text.length))
        return r.location == NSNotFound ? nil : r
    }
}

/// Keywords as the prefilter compares them: lower-cased, with everything but
/// letters, digits and non-ASCII bytes removed, so merged OCR words and line
/// breaks do not hide a keyword (`KeywordMatcher` reads text the same way).
public enum Squeezed {
    /// Each byte as squeezing reads it: ASCII letters lower-cased, digits and
    /// non-ASCII bytes (so other scripts still compare) as they are, 0 for every
    /// byte squeezing skips. The keyword automaton and the trigram sets read text
    /// through this same table.
    static let map: [UInt8] = (0...255).map { (b: Int) -> UInt8 in
        switch b {
        case 0x41...0x5A: return UInt8(b | 0x20)
        case 0x61...0x7A, 0x30...0x39, 0x80...0xFF: return UInt8(b)
        default: return 0
        }
    }

    public static func of(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for b in text.utf8 {
            let c = map[Int(b)]
            if c != 0 { out.append(c) }
        }
        return out
    }
}

