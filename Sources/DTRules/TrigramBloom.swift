import DTModel

/// The set of byte trigrams in a text, hashed into 4,096 bits.
public struct TrigramBloom: Sendable, Equatable {
    private var bits: [UInt64]

    /// The rolling window `init(_:)` and `RawReader` feed squeezed bytes into.
    private struct Reader {
        let bits: UnsafeMutableBufferPointer<UInt64>
        var window: UInt32 = 0
        var count = 0

        init(bits: UnsafeMutableBufferPointer<UInt64>, window: UInt32 = 0, count: Int = 0) {
            self.bits = bits
            self.window = window
            self.count = count
        }

        @inline(__always)
        mutating func feed(_ c: UInt8) {
            window = (window << 8 | UInt32(c)) & 0xFF_FFFF
            count += 1
            if count >= 3 {
                let h = TrigramBloom.hash(window)
                bits[Int(h >> 6)] |= 1 << UInt64(h & 63)
            }
        }

        /// Reads `n` ASCII bytes from `p`, as `feed` reads the ones squeezing keeps.
        @inline(__always)
        mutating func feed(ascii p: UnsafePointer<UInt8>, _ n: Int, _ squeeze: UnsafeBufferPointer<UInt8>) {
            var k = 0
            // Until three bytes are kept, the window is not yet a trigram.
            while k < n && count < 3 {
                let c = squeeze[Int(p[k])]
                if c != 0 { feed(c) }
                k += 1
            }
            // Then without a branch on each byte, which mispredicted at every space: a
            // byte squeezing drops leaves the window as it is, and that window's bit,
            // set when it was formed, is set again. (`count` stays at three or more.)
            var w = window
            // Four bytes a turn, each exactly as the loop below reads one: the
            // loop's own counting and test were a sixth of the instructions.
            while k + 4 <= n {
                step(&w, squeeze[Int(p[k])])
                step(&w, squeeze[Int(p[k + 1])])
                step(&w, squeeze[Int(p[k + 2])])
                step(&w, squeeze[Int(p[k + 3])])
                k += 4
            }
            while k < n {
                step(&w, squeeze[Int(p[k])])
                k += 1
            }
            window = w
        }

        /// One squeezed byte `c` into window `w` (a 0 leaves it), and its trigram's bit set.
        @inline(__always)
        private func step(_ w: inout UInt32, _ c: UInt8) {
            let c = UInt32(c)
            let moved = (w << 8 | c) & 0xFF_FFFF
            w = c == 0 ? w : moved
            let h = TrigramBloom.hash(w)
            bits[Int(h >> 6)] |= 1 << UInt64(h & 63)
        }
    }

    /// How many bytes from `i` on are ASCII.
    @inline(__always)
    static func asciiRun(_ base: UnsafePointer<UInt8>, from i: Int, count n: Int) -> Int {
        ByteScan.nextNonASCII(base, from: i, count: n) - i
    }

    public init(_ text: String) {
        var bits = [UInt64](repeating: 0, count: 64)
        var text = text
        text.makeContiguousUTF8()
        bits.withUnsafeMutableBufferPointer { bits in
            var reader = Reader(bits: bits)
            Squeezed.map.withUnsafeBufferPointer { squeeze in
                text.utf8.withContiguousStorageIfAvailable { bytes in
                    guard let base = bytes.baseAddress else { return }
                    // Every byte as squeezing reads it: runs of ASCII at once, then each other byte.
                    var i = 0
                    while i < bytes.count {
                        let run = TrigramBloom.asciiRun(base, from: i, count: bytes.count)
                        reader.feed(ascii: base + i, run, squeeze)
                        i += run
                        if i < bytes.count {
                            let c = squeeze[Int(base[i])]
                            if c != 0 { reader.feed(c) }
                            i += 1
                        }
                    }
                }
            }
        }
        self.bits = bits
    }

    /// The trigrams `init(_:)` would find in the normalised form of `texts`, read
    /// straight from the text as written, or nil when a text holds a character
    /// outside ASCII and `TextNormalizer.plainScalar`: then only the normalised
    /// text can say (`RawReader`).
    public init?(rawTexts texts: [String]) {
        var reader = RawReader()
        for text in texts { reader.feed(text) }
        guard let bloom = reader.bloom else { return nil }
        self = bloom
    }

    private init(bits: [UInt64]) {
        self.bits = bits
    }

    /// Reads texts as written, strings or UTF-8 bytes, one after another as one
    /// stream, into the trigrams their normalised form holds. Normalising ASCII maps
    /// quotes, dashes and spaces to bytes that squeezing skips and lower-cases
    /// letters, which squeezing does too, so the squeezed streams are the same; a
    /// character outside ASCII and `TextNormalizer.plainScalar` ends the reading
    /// (then `bloom` is nil).
    public struct RawReader {
        private var bits = [UInt64](repeating: 0, count: 64)
        private var window: UInt32 = 0
        private var count = 0
        /// False once a character only normalising can read was met.
        public private(set) var plain = true

        public init() {}

        /// The trigrams read, or nil when the texts need normalising first.
        public var bloom: TrigramBloom? { plain ? TrigramBloom(bits: bits) : nil }

        public mutating func feed(_ text: String) {
            guard plain else { return }
            var text = text
            text.makeContiguousUTF8()
            text.utf8.withContiguousStorageIfAvailable { feed($0) }
        }

        /// How the character at `i` (not ASCII) is read, and its width in bytes;
        /// nil for a character only normalising can read.
        enum CharacterReading {
            /// An accented Latin letter reads as the letters normalising folds it to (the second 0 when one).
            case folded(UInt8, UInt8)
            /// Kept characters are read as their bytes.
            case bytes
            /// Spaces, quotes, dashes and invisible marks squeeze away.
            case dropped
        }

        @inline(__always)
        static func character(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (reading: CharacterReading, width: Int)? {
            guard let (v, width) = TextNormalizer.decode(bytes, at: i) else { return nil }
            if let f = TextNormalizer.foldedLatin(v) { return (.folded(f.0, f.1), width) }
            guard let p = TextNormalizer.plainScalar(v) else { return nil }
            if case .keep = p { return (.bytes, width) }
            return (.dropped, width)
        }

        /// Reads `bytes` (valid UTF-8) on from where the last text ended, as
        /// `feed(_:)` does, and gives the trigrams of `bytes` read on their own
        /// (what `TrigramBloom(rawTexts:)` gives for their text), or nil when the
        /// reading had already ended or ends in them (a character only normalising
        /// can read). One pass over the bytes serves both: the stream's trigrams
        /// that end in `bytes` are those wholly inside them (their own) and those
        /// ending at their first two kept bytes, which join the stream's last two
        /// kept bytes to them; only that short head is read a second time, into the
        /// stream. After at least three kept bytes the stream's window is theirs.
        public mutating func feedPiece(_ bytes: UnsafeBufferPointer<UInt8>) -> TrigramBloom? {
            guard plain else { return nil }
            var own = RawReader()
            own.feed(bytes)
            guard own.plain else {
                plain = false
                return nil
            }
            let head = Self.headOfTwoKeptBytes(bytes)
            feed(UnsafeBufferPointer(rebasing: bytes[0..<head]))
            bits.withUnsafeMutableBufferPointer { bits in
                own.bits.withUnsafeBufferPointer { ownBits in
                    for k in 0..<bits.count { bits[k] |= ownBits[k] }
                }
            }
            if own.count >= 3 {
                window = own.window
                count = max(count, 3)
            }
            return own.bloom
        }

        /// Bytes from the start to just after the second kept byte (or all of
        /// them): reading them sets the trigrams that end at the first two kept bytes.
        /// Only called on bytes a reader read plainly.
        static func headOfTwoKeptBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
            var kept = 0
            var i = 0
            return Squeezed.map.withUnsafeBufferPointer { squeeze in
                while i < bytes.count, kept < 2 {
                    let b = bytes[i]
                    if b < 0x80 {
                        if squeeze[Int(b)] != 0 { kept += 1 }
                        i += 1
                        continue
                    }
                    guard let char = character(bytes, at: i) else { return bytes.count }
                    switch char.reading {
                    case .folded(_, let second): kept += second != 0 ? 2 : 1
                    case .bytes: kept += char.width
                    case .dropped: break
                    }
                    i += char.width
                }
                return i
            }
        }

        /// Reads `bytes` (valid UTF-8) on from where the last text ended.
        public mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard plain, let base = bytes.baseAddress else { return }
            let (window, count) = (self.window, self.count)
            let read: (window: UInt32, count: Int, plain: Bool) = bits.withUnsafeMutableBufferPointer { bits in
                var reader = Reader(bits: bits, window: window, count: count)
                return Squeezed.map.withUnsafeBufferPointer { squeeze in
                    var i = 0
                    while i < bytes.count {
                        let run = TrigramBloom.asciiRun(base, from: i, count: bytes.count)
                        if run > 0 {
                            reader.feed(ascii: base + i, run, squeeze)
                            i += run
                            continue
                        }
                        guard let char = RawReader.character(bytes, at: i) else { return (reader.window, reader.count, false) }
                        switch char.reading {
                        case .folded(let a, let b):
                            reader.feed(a)
                            if b != 0 { reader.feed(b) }
                        case .bytes:
                            for k in i..<(i + char.width) { reader.feed(base[k]) }
                        case .dropped:
                            break
                        }
                        i += char.width
                    }
                    return (reader.window, reader.count, true)
                }
            }
            (self.window, self.count, plain) = read
        }
    }

    /// Bit index of a trigram held in the low 24 bits of `window`.
    @inline(__always)
    static func hash(_ window: UInt32) -> UInt16 {
        UInt16(truncatingIfNeeded: (window &* 0x9E37_79B1) >> 20)
    }

    /// Trigram indices of squeezed bytes (none when shorter than three).
    static func trigrams(of squeezed: [UInt8]) -> [UInt16] {
        guard squeezed.count >= 3 else { return [] }
        return (2..<squeezed.count).map { hash(UInt32(squeezed[$0 - 2]) << 16 | UInt32(squeezed[$0 - 1]) << 8 | UInt32(squeezed[$0])) }
    }

    /// The 64 words of bits, read in place: a literal gate tests many trigrams at once.
    @inline(__always)
    func withBits<R>(_ body: (UnsafeBufferPointer<UInt64>) -> R) -> R {
        bits.withUnsafeBufferPointer(body)
    }

    func containsAll(_ trigrams: [UInt16]) -> Bool {
        trigrams.allSatisfy { bits[Int($0 >> 6)] & (1 << UInt64($0 & 63)) != 0 }
    }
}
