import DTModel
import Foundation

/// One sentence of an article: the original words for quoting, the normalised
/// text for matching, and where it sits (paragraph label and source location).
struct Sentence {
    var original: String
    var normalized: NSString
    var paragraph: String?
    var location: SourceLocation
}

/// Splits an article into sentences. A paragraph's lettered subparagraphs stay in
/// the paragraph's sentence, so a chapeau ("a Party shall not:") governs its list.
enum SentenceSplitter {
    /// Longer runs are cut at white space so no pattern ever scans an unbounded sentence.
    static let maxSentenceLength = 3000

    static func sentences(of article: Division) -> [Sentence] {
        var units: [(String, String?, SourceLocation)] = []
        if !article.text.isEmpty { units.append((article.text, nil, article.location)) }
        for child in article.children {
            var text = child.text
            var stack: [Division] = child.children.reversed()
            while let d = stack.popLast() {
                text += " " + (d.number.map { $0 + " " } ?? "") + d.text
                stack.append(contentsOf: d.children.reversed())
            }
            if child.kind != .paragraph && child.kind != .subparagraph, let h = child.heading {
                text = h + ". " + text
            }
            units.append((text, child.number, child.location))
        }
        var out: [Sentence] = []
        for (text, label, location) in units {
            for s in split(text) {
                let collapsed = TextNormalizer.collapseWhitespace(s)
                guard collapsed.count > 2 else { continue }
                out.append(Sentence(original: collapsed, normalized: TextNormalizer.normalize(s) as NSString,
                                    paragraph: label, location: location))
            }
        }
        return out
    }

    private static let abbreviations: Set<String> = [
        "art", "arts", "no", "nos", "para", "paras", "e.g", "i.e", "etc", "u.s", "sec", "ch", "vol", "p", "pp", "cf",
        "mr", "ms", "dr", "st", "inc", "ltd", "co", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]

    /// Sentence boundaries: a full stop followed by white space and a capital, digit,
    /// bracket or quote; not after an abbreviation or a leading paragraph number.
    static func split(_ text: String) -> [String] {
        let chars = Array(text)
        var out: [String] = []
        var start = 0
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "." || c == "!" || c == "?",
               i + 2 < chars.count, chars[i + 1].isWhitespace {
                var j = i + 1
                while j < chars.count, chars[j].isWhitespace { j += 1 }
                if j < chars.count, chars[j].isUppercase || chars[j].isNumber || chars[j] == "(" || chars[j] == "\"" || chars[j] == "“" || chars[j] == "•" {
                    // The word before the stop.
                    var k = i - 1
                    while k >= start, !chars[k].isWhitespace { k -= 1 }
                    let word = String(chars[(k + 1)..<i]).lowercased()
                    let isLeadingLabel = k < start && word.allSatisfy { $0.isNumber || $0 == "." }
                    let isAbbrev = abbreviations.contains(word) || (word.count == 1 && word.first?.isLetter == true)
                    if !isLeadingLabel && !isAbbrev {
                        out.append(String(chars[start...i]))
                        start = j
                        i = j
                        continue
                    }
                }
            }
            if i - start >= maxSentenceLength && c.isWhitespace {
                out.append(String(chars[start..<i]))
                start = i + 1
            }
            i += 1
        }
        if start < chars.count { out.append(String(chars[start...])) }
        return out
    }
}
