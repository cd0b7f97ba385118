/// Formats people hand dtcheck that it does not read, told apart by their first
/// bytes so the message says what the file is and what to do, instead of "contains
/// a NUL byte" (a Word 97 .doc) or a grade of the bytes as text (a PDF).
enum UnsupportedFormat {
    /// What the file is and what to do with it, or nil when it is not one of these.
    static func advice(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            return "a Word 97-2003 document (.doc), which dtcheck does not read: save it as .docx (Word: File > Save As > Word Document) or .odt, and check that"
        }
        // The header starts the file (after white space at most): text that merely mentions
        // "%PDF-" is still text.
        if bytes.drop(while: { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }).starts(with: Array("%PDF-".utf8)) {
            return "a PDF file, which dtcheck does not read: extract its text first, e.g. `pdftotext -layout FILE.pdf FILE.txt`, and check the .txt"
        }
        if bytes.starts(with: Array("{\\rtf".utf8)) {
            return "an RTF document, which dtcheck does not read: save it as .docx or .odt, and check that"
        }
        return nil
    }
}
