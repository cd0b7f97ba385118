/// Control characters made visible. Document text, titles and file names come
/// from other people; printed raw, an ESC, CSI, OSC 8 link, BEL or backspace in
/// them would drive the reader's terminal (clear the screen, retitle the window,
/// hide text, forge a link). Every renderer that writes such text for a terminal
/// or a viewer passes it through here. Lives in DTModel so that every layer
/// above (the tree dumper, the reports, the CLI's stderr) shares one definition.
public enum ControlCharacters {
    /// C0 controls (U+0000–U+001F), DEL (U+007F) and C1 controls (U+0080–U+009F;
    /// U+009B is a one-character CSI to some terminals), plus U+FFFE/U+FFFF,
    /// which are not characters.
    @inlinable
    public static func isControl(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v < 0x20 || (v >= 0x7F && v <= 0x9F) || v == 0xFFFE || v == 0xFFFF
    }

    /// `s` with every control character written as `\u{1B}` (hexadecimal, upper case),
    /// except the scalars in `keeping` (a report that lays text out over lines keeps
    /// `"\n"`, for instance). A string without controls comes back unchanged.
    public static func escaped(_ s: String, keeping: Set<Unicode.Scalar> = []) -> String {
        // Fast path: a control is a byte below 0x20, 0x7F, or 0xC2 0x80–0x9F, or EF BF BE/BF in UTF-8.
        var needs = false
        for b in s.utf8 where b < 0x20 || b == 0x7F || b == 0xC2 || b == 0xEF {
            needs = true
            break
        }
        guard needs else { return s }
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            if isControl(scalar), !keeping.contains(scalar) {
                out.append(contentsOf: visible(scalar).unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// `\u{1B}`: the form Swift and JavaScript read back, unambiguous for every scalar.
    public static func visible(_ scalar: Unicode.Scalar) -> String {
        "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    }

    /// True when `s` holds a control character other than those in `keeping`.
    public static func contains(_ s: String, keeping: Set<Unicode.Scalar> = []) -> Bool {
        s.unicodeScalars.contains { isControl($0) && !keeping.contains($0) }
    }
}
