import DTIngest
import DTModel
import DTTestSupport
import Foundation
import Testing

@Suite struct EncodingTests {
    @Test(arguments: ["utf8-bom.txt", "utf16le-bom.txt"])
    func textWithByteOrderMarkReads(_ name: String) throws {
        let a = try Fixtures.load(name)
        #expect(a.articleNumbers == ["ARTICLE 1", "ARTICLE 2"])
        #expect(a.articles[0].article.heading == "Scope")
        #expect(a.articles[0].article.location.line == 1)
        #expect(a.allText.contains("café"))
        #expect(!a.allText.contains("\u{FEFF}"))
    }

    @Test func utf16XMLWithByteOrderMarkReads() throws {
        let a = try Fixtures.load("utf16-bom.xml")
        #expect(a.articleNumbers == ["Article 1", "Article 2"])
    }

    @Test func windows1252XMLDeclarationIsHonoured() throws {
        let a = try Fixtures.load("cp1252.xml")
        #expect(a.articles.map(\.article.heading) == ["Objet", "Définitions"])
        #expect(a.allText.contains("libre-échange"))
        #expect(a.language == "fr")
    }

    @Test func windows1252HTMLMetaIsHonoured() throws {
        let a = try Fixtures.load("cp1252.html")
        #expect(a.allText.contains("présent accord"))
    }

    @Test func crlfLineEndingsKeepLineNumbers() throws {
        let text = "Article 1: Scope\r\n\r\nThis applies.\r\n\r\nArticle 2: Other\r\n\r\n1. Text here.\r\n"
        let a = try DocumentLoader.load(bytes: Array(text.utf8), path: "crlf.txt")
        #expect(a.articles.map(\.article.location.line) == [1, 5])
        #expect(a.articles[1].article.children.first?.location.line == 7)
    }
}
