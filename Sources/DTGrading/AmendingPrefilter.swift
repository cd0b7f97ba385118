import DTModel

/// Whether `AmendingInstrument.formula(in:)` can find a formula in a file, read
/// from the squeezed bytes of the same opening (`AmendingInstrument.squeeze`):
/// false only when it would find none. Reading the opening as the formula search
/// reads it made a string of every piece (headings and texts, each counted in
/// Characters and cut to the room left), and squeezed the headings and the
/// opening from those strings again: 98 M instructions on the ToTA corpus, where
/// no file is an amending instrument.
///
/// The walk is the formula search's own: the same pieces in the same order, each
/// counted as `AmendingInstrument.append` counts it, so it stops at the same
/// division and takes the same prefix of the last piece. A piece whose Characters
/// are single scalars (`simpleCharacters`: ASCII, Latin-1, Latin Extended-A,
/// General Punctuation) is counted on its bytes, no further than the room left; any
/// other piece on its string, as before. Squeezing goes character by character, so the pieces
/// squeezed one after another are the squeezed opening; the first line is read
/// squeezed too, whole where the search reads its normalised form.
enum AmendingPrefilter {
    static func mayHoldFormula(_ agreement: Agreement) -> Bool {
        let limit = AmendingInstrument.openingLength
        var headings: [UInt8] = []
        var opening: [UInt8] = []
        var firstLine: [UInt8] = []
        var readable = true
        var count = 0
        var textSeen = false
        func squeeze(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
            if readable, !AmendingInstrument.squeeze(bytes, into: &out) { readable = false }
        }
        /// Reads a piece (a heading or a text, "\n" after it, which squeezing drops):
        /// the prefix that fits in the opening into `opening`, a heading whole into
        /// `headings` (the search's headings have room of their own, at least as much).
        func take(_ bytes: UnsafeBufferPointer<UInt8>, heading: Bool, string: () -> String) {
            if heading { squeeze(bytes, into: &headings) }
            let room = max(0, limit - count)
            // Counted on the bytes where Characters are scalars (`simpleCharacters`),
            // no further than the room: a long body is not read to its end.
            if let (n, end) = simpleCharacters(bytes, upTo: room) {
                // The "\n" after the piece is one more Character when there is room.
                count += end == bytes.count ? min(n + 1, room) : n
                squeeze(UnsafeBufferPointer(rebasing: bytes[0..<end]), into: &opening)
                return
            }
            var piece = string() + "\n"
            piece.makeContiguousUTF8()
            let (n, end) = AmendingInstrument.prefixEnd(of: piece, characters: room)
            count += n
            let cut = piece.utf8.distance(from: piece.utf8.startIndex, to: end)
            _ = piece.utf8.withContiguousStorageIfAvailable { all in
                squeeze(UnsafeBufferPointer(rebasing: all[0..<cut]), into: &opening)
            }
        }
        if let title = agreement.title {
            var bytes = title
            bytes.withUTF8 { take($0, heading: true, string: { title }) }
        }
        DivisionWalker.steeredWalk(agreement.divisions) { d, _ in
            if let h = d.heading {
                var bytes = h
                bytes.withUTF8 { take($0, heading: true, string: { h }) }
            }
            d.withTextUTF8 { bytes in
                guard !bytes.isEmpty else { return }
                if !textSeen {
                    // The search normalises the first Characters of the first line of
                    // the first text; the squeezed line holds their squeezed bytes.
                    textSeen = true
                    // Where Characters are scalars (at most four bytes each), enough of
                    // the line's bytes for its first `firstLineLength` Characters; else
                    // the line as the search finds it.
                    let start = bytes.prefix { $0 == 0x0A }.count
                    let window = min(bytes.count, start + 4 * (AmendingInstrument.firstLineLength + 1))
                    let end = bytes[start..<window].firstIndex(of: 0x0A) ?? window
                    if isSimple(UnsafeBufferPointer(rebasing: bytes[0..<end])) {
                        squeeze(UnsafeBufferPointer(rebasing: bytes[start..<end]), into: &firstLine)
                    } else if var line = AmendingInstrument.firstLineStart(of: d.text).map(String.init) {
                        line.withUTF8 { squeeze($0, into: &firstLine) }
                    }
                }
                take(bytes, heading: false, string: { d.text })
            }
            return count < limit ? .descend : .stop
        }
        guard readable else { return true }
        let names = AmendingInstrument.squeezedTitleFormulas
        return headings.withUnsafeBufferPointer { names.anyIsIn($0) }
            || firstLine.withUnsafeBufferPointer { names.anyIsIn($0) }
            || opening.withUnsafeBufferPointer { AmendingInstrument.squeezedOperativeFormulas.anyIsIn($0) }
    }

    /// Whether every Character of `bytes` is one scalar (`simpleCharacters`).
    static func isSimple(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        simpleCharacters(bytes, upTo: bytes.count).map { $0.bytes == bytes.count } ?? false
    }

    /// The Characters of `bytes` up to `limit` and the bytes they take, counted as
    /// scalars: nil unless every scalar read, and the one after the last, is one
    /// between which and its neighbours in that set a Character always ends (UAX #29:
    /// no CR, no Extend, ZWJ, SpacingMark, Prepend, Hangul or regional indicator).
    /// The set is ASCII but CR, U+00A0–U+017F (Latin-1 and Latin Extended-A: the
    /// accented letters, quotes and signs of English, Spanish and French text) and
    /// General Punctuation but the joiners U+200C and U+200D (dashes, curly quotes,
    /// spaces; its controls are Characters of their own).
    static func simpleCharacters(_ bytes: UnsafeBufferPointer<UInt8>, upTo limit: Int) -> (characters: Int, bytes: Int)? {
        guard let base = bytes.baseAddress else { return (0, 0) }
        let count = bytes.count
        /// The width of the simple scalar at `i`, nil for any other.
        func simple(at i: Int) -> Int? {
            let b = base[i]
            if b < 0x80 { return b == 0x0D ? nil : 1 }
            guard let (v, w) = TextNormalizer.decode(bytes, at: i) else { return nil }
            let inSet = (0xA0...0x17F).contains(v) || ((0x2000...0x206F).contains(v) && v != 0x200C && v != 0x200D)
            return inSet ? w : nil
        }
        var i = 0
        var n = 0
        while i < count, n < limit {
            // Eight ASCII bytes without a CR at a time, when they all fit.
            if n + 8 <= limit, i + 8 <= count {
                let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if isASCIIWithoutCR(w) {
                    i += 8
                    n += 8
                    continue
                }
            }
            guard let w = simple(at: i) else { return nil }
            i += w
            n += 1
        }
        // The scalar after the last one taken must not join it.
        if i < count, simple(at: i) == nil { return nil }
        return (n, i)
    }
}
