import DTModel

enum DocxReader {
    static func read(bytes: [UInt8], path: String, options: IngestOptions) throws -> Agreement {
        throw IngestError(path: path, message: "DOCX is not implemented yet")
    }
}

enum OdtReader {
    static func read(bytes: [UInt8], path: String, options: IngestOptions) throws -> Agreement {
        throw IngestError(path: path, message: "ODT is not implemented yet")
    }
}
