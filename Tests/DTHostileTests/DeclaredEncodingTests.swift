import DTIngest
import DTModel
import Foundation
import Testing

/// Issue #15, point 3: a declared encoding that turns an ASCII file into garbage
/// (`ibm037`, EBCDIC) or into nothing (`utf-32`) is an error naming the declaration,
/// never a document graded `absent`.
@Suite struct DeclaredEncodingTests {
    static let body = "<body><h2>Article 7: Customs Duties</h2><p>No Party shall impose customs duties on electronic transmissions.</p></body></html>\n"

    @Test(arguments: ["ibm037", "IBM500", "utf-32", "UTF-32BE", "cp1047"])
    func asciiFileDeclaringAnIncompatibleEncodingIsRefused(name: String) throws {
        let dir = try TempDir()
        let path = try dir.write("enc.html", "<html><head>\n<title>T</title><meta charset=\(name)></head>" + Self.body)
        let error = try #require(load(path)?.error, "\(name): graded instead of refused")
        #expect(error.message.contains("declares its encoding as \"\(name)\""), "\(error)")
        #expect(error.line == 2 && error.column == 23, "\(error)")
    }

    @Test func httpEquivDeclarationIsNamedToo() throws {
        let dir = try TempDir()
        let path = try dir.write("enc.html", #"<html><head><meta http-equiv="Content-Type" content="text/html; charset=IBM037"></head>"# + Self.body)
        let error = try #require(load(path)?.error)
        #expect(error.message.contains("\"IBM037\""), "\(error)")
    }

    @Test func xmlDeclarationIsNamedInTheParseError() throws {
        let dir = try TempDir()
        let path = try dir.write("enc.xml", #"<?xml version="1.0" encoding="ibm037"?><doc><p>Article 1</p></doc>"#)
        let error = try #require(load(path)?.error)
        #expect(error.message.contains("declares its encoding as \"ibm037\""), "\(error)")
        #expect(error.line == 1 && error.column == 21, "\(error)")
    }

    /// Declarations that fit the bytes, or that libxml2 ignores, still read.
    @Test(arguments: ["windows-1252", "iso-8859-1", "utf-8", "UTF-16", "shift_jis", "no-such-encoding"])
    func sensibleOrIgnoredDeclarationsStillRead(name: String) throws {
        let dir = try TempDir()
        let path = try dir.write("enc.html", "<html><head><meta charset=\"\(name)\"></head>" + Self.body)
        let agreement = try #require(load(path)?.agreement, "\(name) refused")
        #expect(agreement.contains("No Party shall impose customs duties on electronic transmissions."), "\(name)")
    }

    @Test func aByteOrderMarkWinsOverTheDeclaration() throws {
        let dir = try TempDir()
        let text = "<html><head><meta charset=\"utf-16\"></head>" + Self.body
        let path = try dir.write("bom.html", [0xFF, 0xFE] + Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        let agreement = try #require(load(path)?.agreement)
        #expect(agreement.contains("No Party shall impose customs duties"))
    }
}
