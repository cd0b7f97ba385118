import DTXML

/// Site chrome in saved web pages: menus, banners, breadcrumbs, search forms,
/// footers and screen-reader-only labels. None of it is agreement text.
enum HTMLChrome {
    private static let chromeElements: Set<String> = [
        "nav", "header", "footer", "script", "style", "aside", "form", "noscript", "template",
        "svg", "button", "iframe", "select", "input", "textarea", "menu", "head", "link", "meta", "object",
    ]
    private static let chromeRoles: Set<String> = [
        "navigation", "banner", "contentinfo", "search", "menu", "menubar", "complementary", "toolbar",
    ]
    /// Substrings of id or class tokens that mark chrome (`wb-inv` and `sr-only` are
    /// text for screen readers only, such as the word `Footnote` before a number).
    private static let chromeTokens = [
        "menu", "nav", "breadcrumb", "footer", "banner", "skip", "sidebar", "cookie", "wb-inv", "sr-only",
        "visually-hidden", "share", "site-header", "masthead", "lang-select", "gcweb", "pagedetails",
        "wb-dtmd", "date-modified", "alert", "notice",
    ]

    /// Bit k set when some chrome element's name starts with the letter `a` + k.
    private static let chromeInitials: UInt32 = {
        var bits: UInt32 = 0
        for name in chromeElements {
            if let f = name.utf8.first, f >= 0x61, f <= 0x7A { bits |= 1 << UInt32(f - 0x61) }
        }
        return bits
    }()

    /// `chromeElements.contains(name)`, most names (`p`, `span`, `div`, `ul`) refused by
    /// their first letter before the name is hashed.
    private static func isChromeElement(_ name: String) -> Bool {
        guard let f = name.utf8.first, f >= 0x61, f <= 0x7A, chromeInitials & (1 << UInt32(f - 0x61)) != 0 else { return false }
        return chromeElements.contains(name)
    }

    static func isChrome(_ e: XMLElement) -> Bool {
        if isChromeElement(e.name) { return true }
        // No attribute (most elements of a page) and not a link: none of the tests
        // below can say yes, and the list of attribute names was made for each element.
        if e.attributes.isEmpty, e.name != "a" { return false }
        if let role = e["role"]?.lowercased(), chromeRoles.contains(role) { return true }
        if e["hidden"] != nil || e["aria-hidden"] == "true" { return true }
        for attr in ["id", "class"] {
            guard let value = e[attr]?.lowercased() else { continue }
            for token in value.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                if chromeTokens.contains(where: { token.contains($0) }) { return true }
            }
        }
        // `Skip to main content` links.
        if e.name == "a", e.textContent.trimmed().lowercased().hasPrefix("skip to") { return true }
        return false
    }
}
