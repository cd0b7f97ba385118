import DTModel

/// The languages a text holds, and its articles in each: a bilingual agreement
/// (English and French, say, article after article or one version after the
/// other) is graded in each language it holds. A sample of articles decides
/// first, so a text in one language costs a few short look-ups.
enum LanguageParts {
    /// Articles sampled to tell whether a text mixes languages.
    static let sampleSize = 8
    /// Bytes of an article read to tell its language: a few sentences' function words.
    static let bytesPerArticle = 300

    /// `agreement` split by language, in the order of `readable` languages found
    /// (the declared language first); a text in one language is returned whole.
    static func split(_ agreement: Agreement, readable: Set<String>) -> [(language: String, agreement: Agreement)] {
        split(agreement, articles: DocumentIndexShape.articles(of: agreement), readable: readable)
    }

    /// `split` with the text's articles already listed (in `DocumentIndex` order):
    /// the grader asks with the index it builds anyway, so a text in one language
    /// costs only the sample.
    /// Any random-access list of the articles: the grader hands its index's articles
    /// through a lazy map, not an array of 41,000 divisions made and freed for a
    /// sample of eight.
    static func split<Articles: RandomAccessCollection<Division>>(_ agreement: Agreement, articles: Articles,
                                                                 readable: Set<String>) -> [(language: String, agreement: Agreement)] {
        let declared = agreement.language
        guard articles.count >= 4, let declared else {
            return declared.map { [($0, agreement)] } ?? []
        }
        // A sample spread over the text: does another language the rules read hold a share of it?
        let step = max(1, articles.count / sampleSize)
        var others: [String: Int] = [:]
        var sampled = 0
        for i in stride(from: 0, to: articles.count, by: step) {
            // Only an article with enough text of its own, read in place, speaks.
            guard let l = ownLanguage(of: articles[articles.index(articles.startIndex, offsetBy: i)]) else { continue }
            sampled += 1
            if l != declared, readable.contains(l) { others[l, default: 0] += 1 }
        }
        guard others.values.contains(where: { $0 >= 2 && $0 * 4 >= sampled }) else { return [(declared, agreement)] }
        // Every article's language; one too short to tell keeps the one before it.
        var byArticle: [String] = []
        byArticle.reserveCapacity(articles.count)
        var counts: [String: Int] = [:]
        var last = declared
        for a in articles {
            let l = language(of: a).flatMap { readable.contains($0) ? $0 : nil } ?? last
            byArticle.append(l)
            counts[l, default: 0] += 1
            last = l
        }
        // The declared language first, then by number of articles, then by code.
        let languages = counts.keys.sorted { a, b in
            if a == b { return false }
            if a == declared || b == declared { return a == declared }
            return (counts[a] ?? 0, b) > (counts[b] ?? 0, a)
        }
        guard languages.count > 1 else { return [(languages.first ?? declared, agreement)] }
        return languages.map { lang in
            var part = agreement
            part.language = lang
            var next = 0
            part.divisions = keep(agreement.divisions) { _ in
                defer { next += 1 }
                return next < byArticle.count && byArticle[next] == lang
            }
            return (lang, part)
        }
    }

    /// The language of the start of an article's own text, read in place; nil when
    /// it has too little text of its own to tell.
    static func ownLanguage(of article: Division) -> String? {
        article.withTextUTF8 { bytes in
            bytes.count >= 80 ? LanguageGuess.detect(bytes: UnsafeBufferPointer(rebasing: bytes.prefix(bytesPerArticle))) : nil
        }
    }

    /// The language of an article, from the start of its heading and text.
    static func language(of article: Division) -> String? {
        // The article's own text, read in place; an article whose text is all in its
        // paragraphs is read from the first of them.
        if let own = ownLanguage(of: article) { return own }
        var sample = article.heading ?? ""
        for d in [article] + article.children where sample.utf8.count < bytesPerArticle {
            sample += " " + d.text.prefix(bytesPerArticle)
        }
        return LanguageGuess.detect(text: sample)
    }

    /// `divisions` with only the articles `keeps` takes (asked once per article, in
    /// document order, as `DocumentIndex.articlesWithChapters` lists them); a
    /// division left with no article under it goes too, unless it never had one.
    static func keep(_ divisions: [Division], _ keeps: (Division) -> Bool) -> [Division] {
        var out: [Division] = []
        for d in divisions {
            if d.kind == .article {
                if keeps(d) { out.append(d) }
                continue
            }
            let hadArticles = holdsArticle(d)
            var copy = d
            copy.children = keep(d.children, keeps)
            if !hadArticles || holdsArticle(copy) { out.append(copy) }
        }
        return out
    }

    static func holdsArticle(_ d: Division) -> Bool {
        d.children.contains { $0.kind == .article || holdsArticle($0) }
    }
}

/// The articles grading reads, as `DocumentIndex` finds them.
enum DocumentIndexShape {
    static func articles(of agreement: Agreement) -> [Division] {
        DocumentIndex.articlesWithChapters(agreement.divisions).map(\.article)
    }
}
