@testable import DTServe
import Testing

@Suite struct MultipartFormTests {
    @Test func readsFieldsAndFilesAsCurlSendsThem() throws {
        let body = Array("--XyZ\r\nContent-Disposition: form-data; name=\"token\"\r\n\r\nabc\r\n--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a;b \\\"c\\\".docx\"\r\nContent-Type: application/octet-stream\r\n\r\n\u{0}\r\n--Xy\r\n--XyZ--\r\n".utf8)
        let form = try MultipartForm.parse(body, boundary: "XyZ")
        #expect(form.field("token") == "abc")
        #expect(form.files.count == 1)
        #expect(form.files.first?.filename == "a;b \"c\".docx")
        // The content keeps what looks like a shorter boundary.
        #expect(form.files.first?.bytes == Array("\u{0}\r\n--Xy".utf8))
    }

    @Test func refusesABodyWithoutItsClosingBoundary() {
        let body = Array("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x\"\r\n\r\ndata".utf8)
        #expect(throws: MultipartForm.Malformed.self) { try MultipartForm.parse(body, boundary: "b") }
        #expect(throws: MultipartForm.Malformed.self) { try MultipartForm.parse(Array("nothing".utf8), boundary: "b") }
    }

    @Test func emptyFileInputsAreNotFiles() throws {
        let body = Array("--b\r\nContent-Disposition: form-data; name=\"old\"; filename=\"\"\r\n\r\n\r\n--b--\r\n".utf8)
        #expect(try MultipartForm.parse(body, boundary: "b").files.isEmpty)
    }

    @Test func boundaryComesFromTheContentType() {
        #expect(MultipartForm.boundary(contentType: "multipart/form-data; boundary=----abc") == "----abc")
        #expect(MultipartForm.boundary(contentType: "Multipart/Form-Data; charset=utf-8; boundary=\"q r\"") == "q r")
        #expect(MultipartForm.boundary(contentType: "application/json") == nil)
        #expect(MultipartForm.boundary(contentType: "multipart/form-data") == nil)
        #expect(MultipartForm.boundary(contentType: "multipart/form-data; boundary=" + String(repeating: "x", count: 71)) == nil)
    }
}

@Suite struct HostCheckTests {
    @Test func loopbackNamesWithTheBoundPortOnly() {
        let check = HostCheck(configuration: ServeConfiguration(maxFileSize: 1, workers: 1), boundPort: 8080)
        for ok in ["127.0.0.1:8080", "localhost:8080", "LOCALHOST:8080", "[::1]:8080"] { #expect(check.allows(ok), "\(ok)") }
        for bad in [nil, "", "127.0.0.1", "127.0.0.1:8081", "evil.example:8080", "localhost.evil.example:8080", "::1:8080", "[::1]x", "127.0.0.1:80:80"] {
            #expect(!check.allows(bad), "\(bad ?? "nil")")
        }
    }

    @Test func anAllowedExtraNameIsAccepted() {
        let check = HostCheck(configuration: ServeConfiguration(host: "192.0.2.1", maxFileSize: 1, extraHosts: ["box.local"], workers: 1), boundPort: 80)
        #expect(check.allows("box.local"))
        #expect(check.allows("192.0.2.1:80"))
        #expect(!check.allows("localhost"), "bound elsewhere, the loopback names are not this server")
    }

    @Test func clientFileNamesBecomeLabels() {
        #expect(Routes.displayName("/etc/passwd") == "passwd")
        #expect(Routes.displayName("C:\\drafts\\v2.docx") == "v2.docx")
        #expect(Routes.displayName("..") == "upload")
        #expect(Routes.displayName("a\u{0}b\nc.md") == "abc.md")
        #expect(Routes.displayName(nil) == "upload")
    }
}
