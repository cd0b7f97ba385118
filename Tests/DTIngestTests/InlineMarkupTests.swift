@testable import DTIngest
import DTModel
import Testing

/// Issue #15 point 5: Markdown links and footnote marks are found without a scan to the
/// line's end per bracket (a text of many `[` cost quadratic time). The results are
/// those of the scans they replace; these pin the cases the bounds decide.
@Suite struct InlineMarkupTests {
    @Test func linksBecomeTheirTextNestedAndUnclosedBracketsStay() {
        #expect(MarkdownInline.plain("see [the text](http://x) here") == "see the text here")
        #expect(MarkdownInline.plain("a [[1]](#0cb0) b") == "a [1] b")
        #expect(MarkdownInline.plain("[outer [inner](u) end](v)") == "outer inner end")
        #expect(MarkdownInline.plain("![alt **bold**](img.png)") == "alt bold")
        #expect(MarkdownInline.plain("[^3] and [a] (b)") == "[^3] and [a] (b)")
        #expect(MarkdownInline.plain("[a](no close") == "[a](no close")
        #expect(MarkdownInline.plain(String(repeating: "[a ", count: 3) + "](x)") == "[a [a a ")
        #expect(MarkdownInline.plain("[x_y](u) _em_ snake_case") == "x_y em snake_case")
        #expect(MarkdownInline.plain("[a &amp; b](u) \\[c\\]") == "a & b [c]")
        // A line with nothing to reduce is returned as it is.
        let plain = "No Party shall impose customs duties on electronic transmissions."
        #expect(MarkdownInline.plain(plain) == plain)
    }

    @Test func aTagIsDroppedOnlyWhenItClosesWithin400Characters() {
        #expect(MarkdownInline.plain("a <span class=x>b</span> c") == "a b c")
        let far = "<b" + String(repeating: "x", count: 400) + ">"
        #expect(MarkdownInline.plain(far) == far)
    }

    @Test func footnoteMarksAreBoundedByTheirLabels() {
        #expect(FootnoteMarks.labels(in: "a[^12345678] b[^123456789] c(^x)") == ["12345678", "x"])
        #expect(FootnoteMarks.labels(in: "[[123456789012]](#anchor) [1] [1234] [12]") == ["123456789012", "1", "12"])
        // An anchor of 40 characters or more is not part of the mark.
        let longAnchor = "(#" + String(repeating: "a", count: 40) + ")"
        #expect(FootnoteMarks.strip("x[[2]]" + longAnchor) == "x" + longAnchor)
        #expect(FootnoteMarks.strip("x[[2]](#short) y") == "x y")
        #expect(FootnoteMarks.labels(in: String(repeating: "[[1 [^ab (^ [", count: 50)) == [])
    }
}
