import DTModel

/// PILLARS.md, "Clauses in other traditions": an instrument that amends another
/// agreement (a protocol, a replacement chapter) is graded on what the file holds,
/// and "the report says the file is an amending instrument where it can tell".
/// An exception or a dispute-settlement clause of the amended agreement is not in
/// the file, so a reader must know the verdict cannot see it.
///
/// Told by the amending formulas of the title and the opening of the text (a
/// protocol's title, "Article 8.81 is replaced by the following"), in the three
/// languages the rules read. Only the opening is read: a whole agreement may amend
/// a schedule in an annex without being an amending instrument.
public enum AmendingInstrument {
    /// Characters of heading and text read from the start of the file.
    static let openingLength = 4_000
    /// Characters of the first line of text read as the instrument's name.
    static let firstLineLength = 200

    /// Names of amending instruments, read in the title, the headings and the file's
    /// first line only: a whole agreement's preamble often recalls "the Protocol to
    /// Amend" another one.
    static let titleFormulas = [
        "protocol amending", "amending protocol", "protocol to amend", "modifying protocol", "protocol modifying",
        "agreement amending", "amending agreement", "agreement to amend",
        "protocolo modificatorio", "protocolo que modifica", "protocolo por el que se modifica",
        "protocole modifiant", "protocole portant modification",
    ]

    /// Words that may come before an instrument's name on its first line.
    static let ordinals: Set<String> = [
        "the", "first", "second", "third", "fourth", "fifth", "additional",
        "primer", "segundo", "tercer", "cuarto", "premier", "deuxieme", "troisieme", "quatrieme",
    ]

    /// Operative amending formulas, read in the headings and the text of the opening.
    static let operativeFormulas = [
        "is replaced by the following", "shall be replaced by the following",
        "is amended as follows", "are amended as follows", "shall be amended as follows",
        "se sustituye por el siguiente", "se modifica como sigue", "queda redactado como sigue",
        "est remplace par le texte suivant", "est remplace par ce qui suit", "est modifie comme suit",
    ]

    /// The formula that shows the file amends another agreement, as found (normalised); nil when none does.
    public static func formula(in agreement: Agreement) -> String? {
        var headings = agreement.title.map { $0 + "\n" } ?? ""
        var opening = headings
        var firstLine = ""
        DivisionWalker.steeredWalk(agreement.divisions) { d, _ in
            if let h = d.heading {
                headings += h + "\n"
                opening += h + "\n"
            }
            if !d.text.isEmpty {
                // The first line of text is the instrument's name when no heading holds
                // it ("SECOND PROTOCOL TO AMEND …"), but only when it starts with the name:
                // a first recital ("RECALLING … the Protocol to Amend …") is no name.
                if opening.count == headings.count, let first = d.text.split(separator: "\n").first {
                    firstLine = TextNormalizer.normalize(String(first.prefix(firstLineLength)))
                }
                opening += d.text + "\n"
            }
            return opening.count < openingLength ? .descend : .stop
        }
        let names = TextNormalizer.normalize(String(headings.prefix(openingLength)))
        if let f = titleFormulas.first(where: { names.contains($0) }) { return f }
        let named = firstLine.split(separator: " ").drop { ordinals.contains(String($0)) }.joined(separator: " ")
        if let f = titleFormulas.first(where: { named.hasPrefix($0) }) { return f }
        let text = TextNormalizer.normalize(String(opening.prefix(openingLength)))
        return operativeFormulas.first { text.contains($0) }
    }

    /// The words the reports add to the document's summary.
    public static func notice(_ formula: String) -> String {
        "amending instrument (\u{201C}\(formula)\u{201D}): graded on what the file holds; exceptions and dispute settlement of the agreement it amends are not seen"
    }
}
