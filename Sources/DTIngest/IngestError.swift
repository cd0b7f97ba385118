/// Why a file could not be read, with the place in it where that is known.
public struct IngestError: Error, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var line: Int?
    public var column: Int?

    public init(path: String, message: String, line: Int? = nil, column: Int? = nil) {
        self.path = path
        self.message = message
        self.line = line
        self.column = column
    }

    /// `path:line:column: message`, the form editors and CI logs link from.
    public var description: String {
        var s = path
        if let line, line > 0 {
            s += ":\(line)"
            if let column, column > 0 { s += ":\(column)" }
        }
        return s + ": " + message
    }
}
