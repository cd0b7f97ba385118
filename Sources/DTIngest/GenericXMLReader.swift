import DTModel
import DTXML

enum GenericXMLReader {
    static func read(_ tree: XMLDocumentTree, path: String) throws -> Agreement {
        throw IngestError(path: path, message: "GenericXMLReader is not implemented yet")
    }
}
