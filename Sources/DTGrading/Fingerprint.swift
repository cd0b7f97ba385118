import DTModel
import DTRules

/// Stable content fingerprints (FNV-1a, 128 bits as two 64-bit lanes). Built
/// from rule id, pillar and normalised quote, never from line numbers, so a
/// re-paginated draft keeps its findings' identities.
public enum Fingerprint {
    public static func of(rule: String, pillar: PillarID, quote: String) -> String {
        let key = rule + "\u{1F}" + pillar.rawValue + "\u{1F}" + TextNormalizer.normalize(quote)
        return hex(fnv1a(key, seed: 0xcbf2_9ce4_8422_2325)) + hex(fnv1a(key, seed: 0x8422_2325_cbf2_9ce4))
    }

    static func fnv1a(_ s: String, seed: UInt64) -> UInt64 {
        var h = seed
        for b in s.utf8 {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01B3
        }
        return h
    }

    static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
