import DTModel

enum PlainTextReader {
    static func read(bytes: [UInt8], path: String, markdown: Bool) throws -> Agreement {
        throw IngestError(path: path, message: "text is not implemented yet")
    }
}
