@testable import DTGrading
import DTIngest
@testable import DTModel
@testable import DTRules
import DTTestSupport
import Foundation
import Testing

/// The shortcuts taken for speed must never change an answer: the literal gate,
/// patterns matched alternative by alternative, the byte-level normaliser and the
/// small-alphabet keyword automaton are each checked against the plain way.
@Suite struct PrefilterTests {
    static var rules: RuleSet? { ProjectRuleSet.loaded }

    /// Each pattern once: rules share compiled patterns (the loader's cache gives
    /// one object per source, language and terms), and a pattern checked twice
    /// checks nothing more.
    static let allPatterns: [Pattern] = {
        guard let rules else { return [] }
        var seen = Set<ObjectIdentifier>()
        return (rules.rules.flatMap { $0.when + $0.unless + $0.headings + $0.context }
            + rules.modality.binding + rules.modality.nonBinding + rules.modality.exception)
            .filter { seen.insert(ObjectIdentifier($0)).inserted }
    }()

    /// The first match with the gate and alternatives equals the plain regex's, on `texts`.
    func expectSameMatches(on texts: [String], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        for text in texts {
            let normalized = TextNormalizer.normalize(text)
            let ns = normalized as NSString
            let bloom = TrigramBloom(normalized)
            for p in Self.allPatterns {
                let plain = p.firstMatch(in: ns)
                let gated = p.firstMatch(in: ns, bloom: bloom)
                #expect(plain == gated, "\(p.source) on \(normalized.prefix(120))", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func gatedMatchingAgreesOnEveryRuleExample() throws {
        let rules = try #require(Self.rules)
        let texts = rules.rules.flatMap { $0.examples.map(\.text) }
        #expect(texts.count > 90)
        #expect(Self.allPatterns.count > 100)
        expectSameMatches(on: texts)
    }

    /// Sentences of the articles of TPP (pta_449) and RCEP that name any pillar keyword.
    @Test(.needsSharedCorpus) func gatedMatchingAgreesOnRealSentences() throws {
        let rules = try #require(Self.rules)
        guard let tpp = SharedCorpus.path("tota/pta_449.xml") else { return }
        let texts = try Self.keywordSentences(of: [tpp], rules: rules)
        #expect(texts.count > 200)
        // Every 5th of the first 600 in a plain `swift test`; all 600 under DTCHECK_SLOW_TESTS=1.
        expectSameMatches(on: SweepSample.every(5, of: Array(texts.prefix(600))))
    }

    /// The sentences of the articles of `files` that name any pillar keyword.
    static func keywordSentences(of files: [String], rules: RuleSet) throws -> [String] {
        var texts: [String] = []
        for file in files {
            let agreement = try DocumentLoader.load(path: file)
            for ctx in agreement.articles where rules.keywordMatcher.groups(in: [ctx.article.fullText]) != 0 {
                for unit in SentenceSplitter.units(of: ctx.article) {
                    texts += SentenceSplitter.split(unit.text).map(\.0)
                }
            }
        }
        return texts
    }

    /// The one alternative of a pattern's tree (its top-level sequence).
    static func sequence(_ source: String, terms: [String: String] = [:]) throws -> [PatternNode] {
        var parser = PatternParser(terms: terms)
        guard case .group(let alternatives, _) = try parser.parsePattern(source), alternatives.count == 1 else { return [] }
        return alternatives[0]
    }

    static func literals(_ source: String) throws -> [[String]] {
        PatternLiterals.required(in: try sequence(source))
    }

    @Test func requiredLiteralsOfPatterns() throws {
        // Squeezed text has no spaces, hyphens or quotes: words run on into one literal.
        #expect(try Self.literals("customs dut* on electronic transmissions?")
            == [["customsdut"], ["onelectronictransmission"], ["onelectronictransmission", "onelectronictransmissions"]])
        // Runs go on through small groups ("do" alone would be too short to test).
        #expect(try Self.literals("(shall|do) not apply") == [["donotapply", "shallnotapply"], ["notapply"]])
        // (A ∧ B) ∨ C distributes into (A ∨ C) ∧ (B ∨ C).
        #expect(try Self.literals("(source code|algorithm)") == [["algorithm", "sourcecode"]])
        #expect(try Self.literals("[the] (use|location) [or location] of data")
            == [["location", "use"], ["locationofdata", "locationorlocationofdata", "thelocationofdata", "thelocationorlocationofdata",
                                     "theuseofdata", "theuseorlocationofdata", "useofdata", "useorlocationofdata"], ["ofdata"]])
        #expect(try Self.literals("\\bmay\\b ... (its)? own") == [["may"], ["itsown", "own"], ["own"]])
        #expect(try Self.literals("not (be )?(apply|subject) ... dispute")
            == [["not"], ["apply", "subject"], ["notapply", "notbeapply", "notbesubject", "notsubject"], ["dispute"]])
    }

    /// Trigrams read from bytes in pieces (as an article's divisions are fed) equal
    /// those of the whole text read at once, and a character only normalising can
    /// read ends the reading.
    @Test func rawTrigramsFromPiecesOfBytes() {
        var rng = SplitMix64(seed: 7)
        let words = ["cross-border", "transfer", "of", "information", "\u{00A0}", "\u{2019}s", "αβγ", "café", "—", "\n", "Data", "§ 3", "e-commerce"]
        for _ in 0..<200 {
            let text = (0..<Int(rng.next() % 40)).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: " ")
            var reader = TrigramBloom.RawReader()
            var rest = Substring(text)
            while !rest.isEmpty {
                let piece = rest.prefix(Int(rng.next() % 12) + 1)
                var bytes = String(piece)
                bytes.withUTF8 { reader.feed($0) }
                rest = rest.dropFirst(piece.count)
            }
            #expect(reader.bloom == TrigramBloom(rawTexts: [text]), "\(text)")
            #expect(reader.bloom == TrigramBloom(TextNormalizer.normalize(text)), "\(text)")
        }
        // An accented Latin letter is read as normalising folds it (é → e).
        #expect(TrigramBloom(rawTexts: ["CAFÉ CRÈME"]) == TrigramBloom("cafe creme"))
        var reader = TrigramBloom.RawReader()
        reader.feed("ﬁnance")
        #expect(!reader.plain && reader.bloom == nil)
    }

    /// A pattern of several alternatives admits a text when one of them may match
    /// there: each keeps its own words.
    @Test func gateOfAlternativesKeepsEachOnesWords() throws {
        let p = try Pattern("(dispute settlement ... shall not apply)|(shall have no recourse to ... dispute)")
        #expect(p.gate.admits(TrigramBloom("chapter 20 (dispute settlement) shall not apply to this chapter")))
        #expect(p.gate.admits(TrigramBloom("a party shall have no recourse to dispute settlement")))
        // Every word of the alternatives, none in the order or company either needs.
        #expect(!p.gate.admits(TrigramBloom("dispute settlement shall apply; a party shall not have recourse to it")))
        // A term every match contains brings its own alternatives: a word from each of
        // them is not enough, though the term's many choices multiply past the clauses kept.
        let term = "alpha ... bravo ... charlie ... delta ... echo|foxtrot ... golf ... hotel ... india ... juliet|kilo ... lima ... mike ... november ... oscar"
        let q = try Pattern("papa ... {t}", terms: ["t": term])
        #expect(q.gate.admits(TrigramBloom("papa foxtrot golf hotel india juliet")))
        #expect(!q.gate.admits(TrigramBloom("papa alpha golf mike november juliet bravo lima")))
        #expect(!q.gate.admits(TrigramBloom("foxtrot golf hotel india juliet")))
    }

    /// Words separated by any white space, a no-break space, a line break, a
    /// non-breaking hyphen or a curly quote still pass the gate, read from the raw
    /// text as paragraphs and articles are, and from the normalised text.
    @Test func gatesAdmitEveryMatchThroughTypography() throws {
        let rules = try #require(Self.rules)
        var texts = rules.rules.flatMap { $0.examples.map(\.text) }
        texts += texts.map {
            $0.replacingOccurrences(of: " ", with: "\u{00A0}").replacingOccurrences(of: "-", with: "\u{2011}")
                .replacingOccurrences(of: "'", with: "\u{2019}")
        }
        texts += texts.map { $0.replacingOccurrences(of: " ", with: "\n  ").replacingOccurrences(of: "-", with: "") }
        var checked = 0
        for text in texts {
            let normalized = TextNormalizer.normalize(text) as NSString
            let blooms = [TrigramBloom(normalized as String)] + [TrigramBloom(rawTexts: [text])].compactMap { $0 }
            for p in Self.allPatterns where p.firstMatch(in: normalized) != nil {
                for bloom in blooms {
                    #expect(p.gate.admits(bloom), "\(p.source) on \(text.prefix(120))")
                    checked += 1
                }
            }
        }
        #expect(checked > 1000)
    }

    @Test func alternativesAndRequiredPartsAreFound() throws {
        func alternatives(_ source: String) throws -> [[PatternNode]] {
            Pattern.alternatives(of: try Self.sequence("(\(source))"), intoTerms: false)
        }
        #expect(try alternatives("(a ... b)|((c)|(d e))") == [Self.sequence("a ... b"), Self.sequence("c"), Self.sequence("d e")])
        #expect(try alternatives("((x (y|z)))") == [Self.sequence("x (y|z)")])
        #expect(try alternatives("(a|b) c") == [Self.sequence("(a|b) c")])
        #expect(try alternatives("(café ... naïve)|(x)") == [Self.sequence("café ... naïve"), Self.sequence("x")])
        // A term stands for its alternatives only where the gate reads it on its own.
        let terms = ["t": "c|d", "term": "e", "t2": "f|g"]
        #expect(try Pattern.alternatives(of: Self.sequence("{t}", terms: terms), intoTerms: false).count == 1)
        #expect(try Pattern.alternatives(of: Self.sequence("{t}", terms: terms), intoTerms: true) == [Self.sequence("c"), Self.sequence("d")])
        // The regex the tree means: letters in and out of ASCII kept, other marks escaped.
        let regex = PatternRegex.source(of: .group([try Self.sequence("requir* [the] (use|locat*) ... {x}, 3 \\bmay\\b party's cross-border é?", terms: ["x": "ex"])], term: nil))
        #expect(regex == "(?:requir[a-z0-9\\u00c0-\\u024f]*\\s*(?:the)?\\s*(?:use|locat[a-z0-9\\u00c0-\\u024f]*).{0,150}?(?:ex),\\s*3\\s*\\bmay\\b\\s*party'?s\\s*cross[-\\s]*border\\s*é?)")
        let parts = Pattern.requiredParts(of: try Self.sequence("(verb*|other) ... ({term}|free flow) [maybe] (opt)? {t2}", terms: terms))
        #expect(parts == [try Self.sequence("(verb*|other)")[0], try Self.sequence("({term}|free flow)", terms: terms)[0], try Self.sequence("{t2}", terms: terms)[0]])
        #expect(try Pattern.requiredParts(of: Self.sequence("(no gap) here")).isEmpty)
    }

    /// The general normaliser against its plain statement: NFKC, the scalar rules
    /// appended to a String, and `lowercased()` at the end.
    @Test func scalarNormaliserAgreesWithItsPlainStatement() {
        func reference(_ text: String) -> String {
            var out = String.UnicodeScalarView()
            out.append(contentsOf: TextNormalizer.applyingScalarRules(to: text.precomposedStringWithCompatibilityMapping))
            return TextNormalizer.foldAccents(String(out)).lowercased()
        }
        // Every script's letters, capitals with multi-scalar lower cases (İ), marks,
        // ligatures, astral letters, spaces and the hyphen rule, shuffled.
        let pieces = ["Ñandú", "ŒUVRE œuvre", "ÇA ça", "Ĳ", "ẞ", "ΟΔΟΣ", "σας", "Ελληνική", "ά\u{0301}", "РОССИЯ", "ёж", "İstanbul", "ǅ", "ﬁ", "Ｆ", "𝐀𝐁", "𐐀", "ß", "Å", "e\u{0301}",
                      "한국", "\u{1100}\u{1161}", "日本", "עִבְרִית", "العربية", "…", "·", "\u{FFFD}", "-\n", "-\n  x", " ", "\u{00A0}", "\t", "\u{2028}",
                      "\u{201C}q\u{201D}", "word", "WORD", "x"]
        var generator = SplitMix64(seed: 5)
        for _ in 0..<3000 {
            let n = Int(generator.next() % 12)
            let text = (0..<n).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
            #expect(TextNormalizer.normalizeScalars(text) == reference(text), "\(text.debugDescription)")
        }
    }

    /// The byte-level normaliser against the general (NFKC, scalar) one.
    @Test func byteNormaliserAgreesWithTheScalarOne() throws {
        var samples = [
            "Plain ASCII, with\ttabs and\r\nCRLF  lines.",
            "Curly \u{2018}quotes\u{2019} and \u{201C}double\u{201D} \u{00AB}guillemets\u{00BB}, a dash \u{2013} and \u{2014}, minus \u{2212}.",
            "No\u{00A0}break, thin\u{2009}space, ideographic\u{3000}space, narrow\u{202F}nbsp, NEL\u{0085}here, line\u{2028}sep.",
            "soft\u{00AD}hyphen, zero\u{200B}width, BOM\u{FEFF}inside, § 3, 45°, ¶ 2, • bullet, † dagger.",
            "informa-\ntion, informa\u{2010}\ntion, informa-\n  tion, informa-\nTion, informa-\u{00A0}\ntion, informa-\u{2028}tion",
            "trail-\n", "-\nx", "x-\n\n\n  y", "`backtick´", "prime\u{2032} double\u{2033}",
            "UPPER Case ÉLAN Côte d\u{2019}Ivoire ﬁnance ＦＵＬＬ", "é-\nment", "dé-\nment", "\u{0085}-\nx",
            "café-\nau lait", "naïve Québec", "Ærø and ærø", "ĳ ſ ß ǆ ǅ", "× ÷ ș ț", "x-\nétude", "x-\nÉtude", "e\u{0301}-\nx",
            "São Tomé and Príncipe, Côte d'Ivoire, Türkiye", "ŀ ŉ ǰ", "laws\u{037E} and regulations\u{037E}-\nx",
            // Greek, Cyrillic, the ellipsis and the middle dot, which the byte path reads.
            "Ελληνική Δημοκρατία and Κυπριακή δημοκρατία, ΣΑΣ σας, άλφα-\nβήτα, ά\u{0301}, ι\u{0308}",
            "Российская Федерация, Україна, Ёё-\nж, и\u{0306}", "etc\u{2026} and\u{2026}-\nso \u{2026}\u{2026}x", "a\u{00B7}b · \u{0387}",
            "\u{FFFD} \u{00BF}qu\u{00E9}? \u{00A1}s\u{00ED}! \u{05D0}\u{05B8} \u{0531}\u{0561}", "\u{00D0}\u{00F0} \u{0130}\u{0131}",
        ]
        if let other = SharedCorpus.path("other") {
            for name in try FileManager.default.contentsOfDirectory(atPath: other).sorted() where name.hasSuffix(".md") || name.hasSuffix(".txt") {
                let text = try String(contentsOfFile: other + "/" + name, encoding: .utf8)
                samples += text.components(separatedBy: "\n\n").prefix(400)
            }
        }
        if let files = SharedCorpus.totaFiles(60) {
            for file in files {
                let a = try DocumentLoader.load(path: file, options: IngestOptions(deferParagraphs: true))
                samples += a.articles.map(\.article.text).filter { $0.utf8.contains { $0 >= 0x80 } }
            }
        }
        for s in samples {
            let general = TextNormalizer.normalizeScalars(s)
            if let fast = TextNormalizer.normalizeBytes(s) {
                #expect(fast == general, "\(s.prefix(80))")
            }
            #expect(TextNormalizer.normalize(s) == general)
            // Trigrams read from the raw text equal those of the normalised text.
            if let raw = TrigramBloom(rawTexts: [s]) {
                #expect(raw == TrigramBloom(general), "\(s.prefix(80))")
            }
        }
    }

    @Test func collapsingAndTrimmingKeepEveryCharacter() {
        #expect(TextNormalizer.collapseWhitespace("  a\u{00A0}\u{2003}b\t\nc  ") == "a b c")
        #expect(TextNormalizer.collapseWhitespace("é  ü") == "é ü")
        #expect(" \t a b \n".trimmed() == "a b")
        #expect("\u{00A0}x\u{3000}".trimmed() == "x")
        #expect("   ".trimmed() == "")
        // The byte-level trim against Character's: a combining mark on a space, CRLF, NBSP.
        func characterTrim(_ text: String) -> String {
            var s = Substring(text)
            while let f = s.first, f.isWhitespace { s.removeFirst() }
            while let l = s.last, l.isWhitespace { s.removeLast() }
            return String(s)
        }
        for text in [" \u{0301}x ", "x \u{0301}", "\r\nx\r\n", "\u{00A0} x \u{2003}", "\u{0301}", " ", "", "é ", " \u{200B}x"] {
            #expect(text.trimmed() == characterTrim(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// Keywords broken by characters that normalising removes or rewrites are found
    /// in the raw text as in the normalised one (the prefilter must not miss what a
    /// sentence holds).
    @Test func keywordsThroughTypographyAsInNormalisedText() {
        let matcher = KeywordMatcher(groups: [["cross-border transfer"], ["free flow"], ["computing facilit"]].map { $0.map(Squeezed.of) })
        let breaks = ["\u{00A0}", "\u{2011}", "\u{2010}", "\u{00AD}", "\u{200B}", "\u{2019}", "\u{201C}", " ", "-", "\u{2003}", "\u{037E}"]
        let words = ["cross", "border", "transfer", "free", "flow", "\u{FB02}ow", "computing", "facilities", "ＣＯＭＰＵＴＩＮＧ", "é", "the", "x"]
        var generator = SplitMix64(seed: 21)
        for _ in 0..<2000 {
            let text = generator.text(words: words, separators: breaks, fewerThan: 10)
            let normalized = TextNormalizer.normalize(text)
            let expected = matcher.groups(in: [normalized])
            let raw = matcher.groups(in: [text])
            #expect(raw & expected == expected, "\(text.debugDescription): raw \(raw), normalised \(expected)")
        }
        #expect(matcher.groups(in: ["cross\u{2011}border\u{00A0}transfer"]) == 1)
        #expect(matcher.groups(in: ["free \u{FB02}ow"]) == 2)
        #expect(matcher.groups(in: ["ＣＯＭＰＵＴＩＮＧ facilities"]) == 4)
    }

    /// The class-alphabet automaton against a plain search of the squeezed text.
    @Test func keywordMatcherAgreesWithAPlainSearch() {
        let groups: [[String]] = [["cross-border transfer", "data flow"], ["computing facilit", "servers"], ["source code"], ["dispute"], ["é-commerce"]]
        // Accented Latin letters read folded (é as e), as the normalised text has them
        // and as the loader folds keywords: the plain search folds too.
        let squeezedGroups = groups.map { $0.map { Squeezed.of(TextNormalizer.foldAccents($0)) } }
        let matcher = KeywordMatcher(groups: squeezedGroups)
        let words = ["cross", "border", "transfer", "data", "flow", "computing", "facilities", "servers", "source", "code",
                     "dispute", "é", "commerce", "the", "CROSS-BORDER", "Data", "x", "-", "\n", "é-commerce", "ü"]
        var generator = SplitMix64(seed: 7)
        for round in 0..<3000 {
            // Short texts, and long ones (past `interleaveThreshold`) that the matcher
            // reads as two halves at once; some split into pieces read as one stream.
            let n = round % 3 == 0 ? 100 + Int(generator.next() % 300) : Int(generator.next() % 12)
            let filler = generator.next() % 4 == 0 ? String(repeating: " ", count: 600) : ""
            var text = (0..<n).map { _ in words[Int(generator.next() % UInt64(words.count))] }
                .joined(separator: generator.next() % 3 == 0 ? "" : " ")
            if !filler.isEmpty, let at = text.indices.dropFirst(text.count / 2).first { text.insert(contentsOf: filler, at: at) }
            let squeezed = Squeezed.of(TextNormalizer.foldAccents(text))
            var expected: UInt64 = 0
            for (g, keywords) in squeezedGroups.enumerated() where keywords.contains(where: { squeezed.contains(subsequence: $0) }) {
                expected |= 1 << UInt64(g)
            }
            var pieces = [text]
            if round % 2 == 1, text.count > 2 {
                let cut = text.index(text.startIndex, offsetBy: Int(generator.next() % UInt64(text.count)))
                pieces = [String(text[..<cut]), String(text[cut...])]
            }
            #expect(matcher.groups(in: pieces) == expected, "\(text.prefix(200))")
            // The same pieces fed as UTF-8 bytes, as grading reads article texts kept as bytes.
            var scan = KeywordMatcher.Scan(matcher)
            for piece in pieces { Array(piece.utf8).withUnsafeBufferPointer { scan.feed($0) } }
            #expect(scan.groups == expected, "\(text.prefix(200))")
        }
        // A keyword across each quarter boundary of a long text (the matcher walks the
        // quarters at once), at every offset, with skipped bytes inside it.
        for (g, keywords) in groups.enumerated() {
            for keyword in keywords {
                let spaced = keyword.map(String.init).joined(separator: " ")
                // Squeezing folds ASCII case; accented Latin capitals fold too ("É" reads "e").
                let upper = [keyword.uppercased()]
                for form in [keyword, spaced] + upper {
                    for boundary in [400, 800, 1200] {
                        for shift in 0...form.utf8.count {
                            let left = String(repeating: "q", count: boundary - shift)
                            let text = left + form + String(repeating: "q", count: 1600 - boundary - form.utf8.count + shift)
                            #expect(matcher.groups(in: [text]) == 1 << UInt64(g), "\(form) across \(boundary), shifted \(shift)")
                            // Read as the end of one text and the start of the next.
                            #expect(matcher.groups(in: [left, String(text.dropFirst(left.count))]) == 1 << UInt64(g))
                        }
                    }
                }
            }
        }
    }

    /// Long texts (read as four interleaved walks) against a plain search:
    /// the project's own keywords (the shortest seven squeezed bytes), cut into fragments glued
    /// with punctuation, line breaks, capitals and accents, fed as up to four pieces
    /// (a keyword across each cut finishes from the state the piece before leaves).
    @Test func projectKeywordsInLongTextsAgreeWithAPlainSearch() throws {
        let rules = try #require(ProjectRules.loaded)
        let groups = PillarID.allCases.map { rules.keywords[$0] ?? [] } + [[Squeezed.of("dispute")]]
        let matcher = rules.keywordMatcher
        var fragments = ["the", "of", "and", "Party", "measures", "x", "é", "ü", "ser", "vers", "dis", "pute", "dispu"]
        for keyword in groups.joined() {
            let text = String(decoding: keyword, as: UTF8.self)
            let cut = text.count / 2
            fragments += [text, String(text.prefix(cut)), String(text.dropFirst(cut)), text.uppercased()]
        }
        let glue = ["", " ", "  ", "-", ",\n", ". ", "(", "\n\n"]
        var generator = SplitMix64(seed: 22)
        for round in 0..<1500 {
            let n = 40 + Int(generator.next() % UInt64(round % 5 == 0 ? 600 : 120))
            var text = ""
            for _ in 0..<n {
                text += fragments[Int(generator.next() % UInt64(fragments.count))]
                text += glue[Int(generator.next() % UInt64(glue.count))]
            }
            let squeezed = Squeezed.of(TextNormalizer.foldAccents(text))
            var expected: UInt64 = 0
            for (g, keywords) in groups.enumerated() where keywords.contains(where: { squeezed.contains(subsequence: $0) }) {
                expected |= 1 << UInt64(g)
            }
            var pieces: [String] = []
            var rest = Substring(text)
            for _ in 0..<Int(generator.next() % 4) where rest.count > 1 {
                let cut = rest.index(rest.startIndex, offsetBy: Int(generator.next() % UInt64(rest.count)))
                pieces.append(String(rest[..<cut]))
                rest = rest[cut...]
            }
            pieces.append(String(rest))
            #expect(matcher.groups(in: pieces) == expected, "round \(round): \(text.prefix(300))")
        }
        // Each keyword at several offsets of a long text, alone and spaced out, at
        // the text's very start and end and across a cut.
        for (g, keywords) in groups.enumerated() {
            for keyword in keywords {
                let word = String(decoding: keyword, as: UTF8.self)
                for form in [word, word.map(String.init).joined(separator: " ")] {
                    for offset in [0, 1, 2, 3, 7, 300] {
                        let text = String(repeating: "q", count: offset) + form + String(repeating: "q", count: 400 - offset)
                        #expect(matcher.groups(in: [text]) == 1 << UInt64(g), "\(form) at \(offset)")
                        // Past `interleaveThreshold`: the text's last quarter gives the state.
                        let end = String(repeating: "q", count: 600 + offset) + form
                        #expect(matcher.groups(in: [end]) == 1 << UInt64(g), "\(form) at the end")
                        let split = end.index(end.endIndex, offsetBy: -min(3, form.count))
                        #expect(matcher.groups(in: [String(end[..<split]), String(end[split...]) + String(repeating: "q", count: 300)])
                                == 1 << UInt64(g), "\(form) across a cut")
                    }
                }
            }
        }
    }
}

extension PrefilterTests {
    /// `Scan.feedPiece` (an article's paragraphs' groups from the article's reading)
    /// against plain reading: some pieces of a stream fed as pieces, the others with
    /// `feed`, short and long (past `interleaveThreshold`), with keywords across the
    /// cuts and typography normalising rewrites; the stream's groups (and so its state
    /// after each piece, which the following pieces read on from) equal the plain
    /// stream's, and each piece's own groups equal `groups(in:)` of it alone.
    @Test func piecesGiveTheirOwnGroupsAndTheStreams() throws {
        let rules = try #require(ProjectRules.loaded)
        let groups = PillarID.allCases.map { rules.keywords[$0] ?? [] } + [[Squeezed.of("dispute")]]
        let matcher = rules.keywordMatcher
        var fragments = ["the", "of", "and", "Party", "x", "é", "ü", "\u{00A0}", "\u{2011}", "\u{FB02}ow", "ser", "vers", "dispu", "te"]
        for keyword in groups.joined() {
            let text = String(decoding: keyword, as: UTF8.self)
            let cut = text.count / 2
            fragments += [text, String(text.prefix(cut)), String(text.dropFirst(cut)), text.uppercased()]
        }
        let glue = ["", " ", "-", ",\n", ". ", "\n\n"]
        var generator = SplitMix64(seed: 615)
        for round in 0..<2500 {
            var pieces: [String] = []
            for _ in 0..<(1 + Int(generator.next() % 6)) {
                let n = Int(generator.next() % UInt64(generator.next() % 4 == 0 ? 300 : 12))
                var text = ""
                for _ in 0..<n {
                    text += fragments[Int(generator.next() % UInt64(fragments.count))]
                    text += glue[Int(generator.next() % UInt64(glue.count))]
                }
                pieces.append(text)
            }
            var plain = KeywordMatcher.Scan(matcher)
            var read = KeywordMatcher.Scan(matcher)
            for piece in pieces {
                let asPiece = generator.next() % 3 != 0
                Array(piece.utf8).withUnsafeBufferPointer { bytes in
                    plain.feed(bytes)
                    if asPiece {
                        let own = read.feedPiece(bytes)
                        #expect(own == matcher.groups(in: [piece]), "round \(round): \(piece.prefix(200))")
                    } else {
                        read.feed(bytes)
                    }
                }
                #expect(read.groups == plain.groups, "round \(round): \(pieces.map { $0.prefix(80) })")
                #expect(read.state == plain.state, "round \(round): state after \(piece.prefix(80))")
            }
            // The state after the last piece: a keyword finished by one more text.
            for keyword in [groups[Int(generator.next() % UInt64(groups.count))].first].compactMap({ $0 }) {
                let word = String(decoding: keyword, as: UTF8.self)
                let tail = String(word.dropFirst(Int(generator.next() % UInt64(max(1, word.count)))))
                var a = plain, b = read
                a.feed(tail)
                b.feed(tail)
                #expect(a.groups == b.groups, "round \(round): tail \(tail)")
            }
        }
    }
}

extension Array where Element == UInt8 {
    /// A plain search, as plain as a fast one: each place where the first byte matches is compared.
    func contains(subsequence needle: [UInt8]) -> Bool {
        guard let head = needle.first, needle.count <= count else { return needle.isEmpty }
        return withUnsafeBufferPointer { hay in
            needle.withUnsafeBufferPointer { n in
                guard let h = hay.baseAddress, let b = n.baseAddress else { return false }
                var i = 0
                let last = hay.count - n.count
                while i <= last {
                    if hay[i] == head, memcmp(h + i, b, n.count) == 0 { return true }
                    i += 1
                }
                return false
            }
        }
    }
}

@Suite struct KeywordBatchTests {
    /// Paragraphs read four at a time give each the groups it has read alone: texts of
    /// every length (the lanes refill as texts end), empty ones, typography, accents.
    @Test func groupsOfEachAreEachTextsGroups() {
        let matcher = KeywordMatcher(groups: [["cross-border transfer"], ["free flow"], ["computing facilit"], ["code"], []]
            .map { $0.map { Squeezed.of(TextNormalizer.foldAccents($0)) } })
        let words = ["cross", "border", "transfer", "free", "flow", "computing", "facilities", "source", "code", "é", "the",
                     "\u{FB02}ow", "\u{00AD}", "CROSS-BORDER", "x"]
        var generator = SplitMix64(seed: 0x4A7E5)
        for _ in 0..<400 {
            let texts = (0..<Int(generator.next() % 14)).map { _ in
                generator.text(words: words, separators: [" ", "", "\n", "-"], fewerThan: generator.next() % 5 == 0 ? 200 : 12)
            }
            #expect(matcher.groups(ofEach: texts) == texts.map { matcher.groups(in: [$0]) }, "\(texts)")
        }
    }
}
