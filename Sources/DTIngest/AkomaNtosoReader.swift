import DTModel
import DTXML

enum AkomaNtosoReader {
    static func read(_ tree: XMLDocumentTree, path: String) throws -> Agreement {
        throw IngestError(path: path, message: "AkomaNtosoReader is not implemented yet")
    }
}
