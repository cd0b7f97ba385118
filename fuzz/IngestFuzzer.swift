// libFuzzer entry point for the whole ingest path and the report writers. Built by
// scripts/fuzz, which compiles DTModel, DTXML, DTIngest, DTRules, DTGrading, DTReports
// and ZIPFoundation into one module (DTFuzz) together with this file and
// ReportChecks.swift; see docs/limits.md.
//
// The first byte picks a path extension so that every reader is reached:
// the sniffer looks at content first and falls back on the extension, and a
// ZIP signature with a .docx name goes to the DOCX reader. The format is always
// auto-detected, as it is for a user who does not pass --input-format.
import Foundation

private let extensions = ["xml", "html", "txt", "docx", "md", "akn", "odt", "htm"]

/// Small limits so one input cannot make the fuzzer spend its time allocating.
private let fuzzOptions = IngestOptions(maxFileSize: 1 << 20, inputFormat: .auto, maxUncompressedSize: 4 << 20)
/// The same, as `check` reads: article bodies left unsplit (ToTA keeps them as bytes),
/// and a ToTA body in a language the rules do not read left unread.
private let gradingOptions = IngestOptions(maxFileSize: 1 << 20, inputFormat: .auto, maxUncompressedSize: 4 << 20,
                                           deferParagraphs: true, bodyLanguages: ["en"])

@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let ext = extensions[Int(data[0] & 0x7F) % extensions.count]
    // The high bit of the first byte reads as grading does: bodies split later.
    let grading = data[0] & 0x80 != 0
    let bytes = [UInt8](UnsafeBufferPointer(start: data + 1, count: size - 1))
    // The report writers get a path made of the input's first bytes (a hostile file name)
    // and everything the loader read from the rest.
    var strings = ReportStrings(path: String(decoding: bytes.prefix(64), as: UTF8.self), title: nil, date: nil,
                                error: nil, evidence: [])
    do {
        let agreement = try DocumentLoader.load(bytes: bytes, path: "fuzz-input.\(ext)", options: grading ? gradingOptions : fuzzOptions)
        strings.title = agreement.title
        strings.date = agreement.dateSigned
        for a in agreement.articles.prefix(4) {
            strings.evidence.append((a.article.number ?? "", a.article.heading,
                                     a.article.withTextUTF8 { String(decoding: $0, as: UTF8.self) }))
        }
        // Touch the result so the walkers run as well.
        _ = agreement.articles.count
        _ = agreement.count(of: .paragraph)
        if grading {
            for a in agreement.articles {
                _ = a.article.withTextUTF8 { $0.count }
                _ = a.article.withParagraphs().children.count
            }
        }
    } catch let error as IngestError {
        // Every error must name the input.
        if !error.description.hasPrefix("fuzz-input.") { fatalError("IngestError without the path: \(error)") }
        strings.error = error.message
    } catch {
        fatalError("error that is not an IngestError: \(type(of: error)) \(error)")
    }
    checkReportWriters(strings)
    // The fuzzer is one module with the sources, so it can also drive the layers below
    // the readers directly: they are reached even while a reader is still a stub.
    switch ext {
    case "html", "htm":
        let streamed = Result { try LibXMLParser.parseHTML(bytes, name: "fuzz-input.\(ext)") }
        switch streamed {
        case .success(let tree): checkDepth(tree.root)
        case .failure(let error) where error is XMLParseError: break
        case .failure(let error): fatalError("parseHTML threw \(type(of: error)) \(error)")
        }
        // The tree built from SAX events is libxml2's own tree builder's (issue #15 point 5).
        HTMLTreeOracle.check(bytes, streamed: streamed)
    case "txt", "md":
        do { _ = try TextDecoding.decode(bytes, path: "fuzz-input.\(ext)") } catch is IngestError {} catch {
            fatalError("TextDecoding threw \(type(of: error)) \(error)")
        }
    case "xml", "akn":
        if let tree = try? LibXMLParser.parseXML(bytes, name: "fuzz-input.xml") { checkDepth(tree.root) }
    default:
        break
    }
    return 0
}

/// The converted tree is never deeper than the flattening limit (+1 for the root).
private func checkDepth(_ root: XMLElement) {
    var stack: [(XMLElement, Int)] = [(root, 1)]
    while let (e, d) = stack.popLast() {
        if d > XMLParseLimits.maxDepth + 1 { fatalError("tree is \(d) deep, over XMLParseLimits.maxDepth") }
        for c in e.childElements { stack.append((c, d + 1)) }
    }
}
