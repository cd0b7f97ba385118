import DTModel
import DTXML

enum HTMLReader {
    static func read(bytes: [UInt8], path: String) throws -> Agreement {
        throw IngestError(path: path, message: "HTML is not implemented yet")
    }
}
