import DTModel
import DTXML

/// Reads the ToTA corpus format: `treaty/meta` (name, date_signed, parties,
/// language) and `treaty/body/chapter/article`, numbers and headings in attributes.
enum TotaReader {
    static func read(_ tree: XMLDocumentTree, path: String) throws -> Agreement {
        let root = tree.root
        guard root.name == "treaty" else {
            throw IngestError(path: path, message: "not a ToTA file: root element is <\(root.name)>, expected <treaty>", line: root.line)
        }
        let meta = root.child("meta")
        let title = meta?.child("name")?.textContent.trimmed().nonEmpty
        let date = meta?.child("date_signed")?.textContent.trimmed().nonEmpty
        let parties = (meta?.child("parties") ?? meta?.child("parties_original"))?
            .childElements.map { $0.textContent.trimmed() }.filter { !$0.isEmpty } ?? []
        let language = meta?.child("language")?.textContent.trimmed().lowercased().nonEmpty

        var divisions: [Division] = []
        guard let body = root.child("body") else {
            throw IngestError(path: path, message: "ToTA file has no <body>", line: root.line)
        }
        var chapterIndex = 0
        var looseArticleIndex = 0
        for child in body.childElements {
            switch child.name {
            case "chapter":
                chapterIndex += 1
                let chapterPath = "/treaty/body/chapter[\(chapterIndex)]"
                var chapter = Division(kind: .chapter, number: child["number"]?.trimmed().nonEmpty,
                                       heading: child["name"]?.trimmed().nonEmpty,
                                       location: SourceLocation(line: child.line, path: chapterPath))
                var articleIndex = 0
                for article in child.childElements where article.name == "article" {
                    articleIndex += 1
                    chapter.children.append(readArticle(article, path: "\(chapterPath)/article[\(articleIndex)]"))
                }
                divisions.append(chapter)
            case "article":
                looseArticleIndex += 1
                divisions.append(readArticle(child, path: "/treaty/body/article[\(looseArticleIndex)]"))
            default:
                continue
            }
        }
        return Agreement(title: title, parties: parties, dateSigned: date, language: language,
                         sourceFormat: .tota, sourcePath: path, divisions: divisions)
    }

    private static func readArticle(_ element: XMLElement, path: String) -> Division {
        let text = element.textContent
        let split = ParagraphSplitter.split(text, firstLine: element.line, path: path)
        return Division(kind: .article, number: element["number"]?.trimmed().nonEmpty,
                        heading: element["name"]?.trimmed().nonEmpty, text: split.leadText,
                        location: SourceLocation(line: element.line, path: path), children: split.paragraphs)
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
