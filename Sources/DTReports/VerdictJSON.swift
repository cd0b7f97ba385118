import DTGrading
import DTModel

/// A document's verdict written straight to JSON, byte for byte as
/// `PrettyJSONEncoder` writes its `Codable` form (keys sorted by their bytes, a
/// nil optional left out, a location's unknown column and path written as null),
/// without building a tree of values first: encoding every graded document that
/// way was a twentieth of grading the ToTA corpus. `VerdictJSONTests` holds the two
/// equal on real verdicts; a field added to a verdict type must be added here.
enum VerdictJSON {
    /// `doc` as `PrettyJSONEncoder.encode(doc, indent:)` writes it.
    static func encode(_ doc: DocumentVerdict, indent: Int) -> [UInt8] {
        // A draft's states (rare, and small) take the general encoder: the same
        // layout, and the draft fields need no second hand-written copy.
        if doc.draft != nil, let bytes = try? PrettyJSONEncoder.encode(doc, indent: indent) { return bytes }
        var w = PrettyJSONEncoder.Writer(base: indent)
        w.pad(0)
        write(doc, &w, depth: 0)
        return w.out
    }

    private static func write(_ d: DocumentVerdict, _ w: inout PrettyJSONEncoder.Writer, depth: Int) {
        var o = ObjectWriter(depth: depth)
        o.open(&w)
        if let v = d.dateSigned { o.key("dateSigned", &w); w.writeString(v) }
        if let e = d.error {
            o.key("error", &w)
            var eo = ObjectWriter(depth: depth + 1)
            eo.open(&w)
            if let c = e.column { eo.key("column", &w); w.writeInt(c) }
            if let l = e.line { eo.key("line", &w); w.writeInt(l) }
            eo.key("message", &w); w.writeString(e.message)
            eo.close(&w)
        }
        if let v = d.format { o.key("format", &w); w.writeString(v) }
        if let v = d.language { o.key("language", &w); w.writeString(v) }
        if let v = d.languages { o.key("languages", &w); array(v, &w, depth: depth + 1) { w, s, _ in w.writeString(s) } }
        if let v = d.amendingInstrument { o.key("amendingInstrument", &w); w.writeString(v) }
        if let v = d.overallScore { o.key("overallScore", &w); w.writeInt(v) }
        o.key("parties", &w); array(d.parties, &w, depth: depth + 1) { w, s, _ in w.writeString(s) }
        o.key("path", &w); w.writeString(d.path)
        o.key("pillars", &w); array(d.pillars, &w, depth: depth + 1) { w, p, depth in write(p, &w, depth: depth) }
        o.key("status", &w); w.writeString(d.status.rawValue)
        o.key("summary", &w); w.writeString(d.summary)
        if let v = d.title { o.key("title", &w); w.writeString(v) }
        o.close(&w)
    }

    private static func write(_ p: PillarVerdict, _ w: inout PrettyJSONEncoder.Writer, depth: Int) {
        var o = ObjectWriter(depth: depth)
        o.open(&w)
        o.key("deviations", &w); array(p.deviations, &w, depth: depth + 1) { w, f, depth in write(f, &w, depth: depth) }
        o.key("evidence", &w); array(p.evidence, &w, depth: depth + 1) { w, e, depth in write(e, &w, depth: depth) }
        o.key("id", &w); w.writeString(p.id.rawValue)
        o.key("level", &w); w.writeString(p.level.rawValue)
        o.key("limitations", &w); array(p.limitations, &w, depth: depth + 1) { w, f, depth in write(f, &w, depth: depth) }
        if let r = p.rule { o.key("rule", &w); w.writeString(r) }
        o.key("score", &w); w.writeInt(p.score)
        o.key("sectoral", &w); array(p.sectoral, &w, depth: depth + 1) { w, f, depth in write(f, &w, depth: depth) }
        if let v = p.suggestions { o.key("suggestions", &w); array(v, &w, depth: depth + 1) { w, s, depth in write(s, &w, depth: depth) } }
        o.key("summary", &w); w.writeString(p.summary)
        o.close(&w)
    }

    private static func write(_ f: Finding, _ w: inout PrettyJSONEncoder.Writer, depth: Int) {
        var o = ObjectWriter(depth: depth)
        o.open(&w)
        o.key("baselines", &w)
        array(f.baselines, &w, depth: depth + 1) { w, b, depth in
            var bo = ObjectWriter(depth: depth)
            bo.open(&w)
            bo.key("article", &w); w.writeString(b.article)
            bo.key("baseline", &w); w.writeString(b.baseline.rawValue)
            bo.close(&w)
        }
        if let e = f.evidence { o.key("evidence", &w); write(e, &w, depth: depth + 1) }
        o.key("fingerprint", &w); w.writeString(f.fingerprint)
        o.key("id", &w); w.writeString(f.id)
        o.key("kind", &w); w.writeString(f.kind.rawValue)
        o.key("message", &w); w.writeString(f.message)
        o.key("rule", &w); w.writeString(f.rule)
        if let v = f.rules { o.key("rules", &w); array(v, &w, depth: depth + 1) { w, s, _ in w.writeString(s) } }
        o.close(&w)
    }

    private static func write(_ s: Suggestion, _ w: inout PrettyJSONEncoder.Writer, depth: Int) {
        var o = ObjectWriter(depth: depth)
        o.open(&w)
        o.key("action", &w); w.writeString(s.action.rawValue)
        o.key("addresses", &w); array(s.addresses, &w, depth: depth + 1) { w, a, _ in w.writeString(a) }
        o.key("article", &w); w.writeString(s.article)
        o.key("baseline", &w); w.writeString(s.baseline.rawValue)
        if let d = s.diff {
            o.key("diff", &w)
            array(d, &w, depth: depth + 1) { w, run, depth in
                var ro = ObjectWriter(depth: depth)
                ro.open(&w)
                ro.key("kind", &w); w.writeString(run.kind.rawValue)
                ro.key("text", &w); w.writeString(run.text)
                ro.close(&w)
            }
        }
        if let v = s.draftArticle { o.key("draftArticle", &w); w.writeString(v) }
        if let v = s.draftText { o.key("draftText", &w); w.writeString(v) }
        if let l = s.location { o.key("location", &w); write(l, &w, depth: depth + 1) }
        o.key("note", &w); w.writeString(s.note)
        o.key("text", &w); w.writeString(s.text)
        o.close(&w)
    }

    private static func write(_ l: SourceLocation, _ w: inout PrettyJSONEncoder.Writer, depth: Int) {
        var lo = ObjectWriter(depth: depth)
        lo.open(&w)
        lo.key("column", &w); if let c = l.column { w.writeInt(c) } else { w.writeNull() }
        lo.key("line", &w); w.writeInt(l.line)
        lo.key("path", &w); if let p = l.path { w.writeString(p) } else { w.writeNull() }
        lo.close(&w)
    }

    private static func write(_ e: Evidence, _ w: inout PrettyJSONEncoder.Writer, depth: Int) {
        var o = ObjectWriter(depth: depth)
        o.open(&w)
        o.key("article", &w); w.writeString(e.article)
        if let v = e.chapter { o.key("chapter", &w); w.writeString(v) }
        o.key("file", &w); w.writeString(e.file)
        if let v = e.heading { o.key("heading", &w); w.writeString(v) }
        o.key("location", &w)
        var lo = ObjectWriter(depth: depth + 1)
        lo.open(&w)
        lo.key("column", &w); if let c = e.location.column { w.writeInt(c) } else { w.writeNull() }
        lo.key("line", &w); w.writeInt(e.location.line)
        lo.key("path", &w); if let p = e.location.path { w.writeString(p) } else { w.writeNull() }
        lo.close(&w)
        if let v = e.paragraph { o.key("paragraph", &w); w.writeString(v) }
        o.key("quote", &w); w.writeString(e.quote)
        if let v = e.rule { o.key("rule", &w); w.writeString(v) }
        o.close(&w)
    }

    /// `items` as a JSON array at `depth`, each written by `item` one level deeper.
    private static func array<T>(_ items: [T], _ w: inout PrettyJSONEncoder.Writer, depth: Int,
                                 _ item: (inout PrettyJSONEncoder.Writer, T, Int) -> Void) {
        w.out.append(0x5B)
        w.out.append(0x0A)
        if items.isEmpty { w.out.append(0x0A) }
        for (i, x) in items.enumerated() {
            w.pad(depth + 1)
            item(&w, x, depth + 1)
            if i + 1 < items.count { w.out.append(0x2C) }
            w.out.append(0x0A)
        }
        w.pad(depth)
        w.out.append(0x5D)
    }

    /// An object's punctuation, in `PrettyJSONEncoder.Writer`'s layout: keys come
    /// in the order given, which must be their byte order.
    private struct ObjectWriter {
        let depth: Int
        var first = true

        func open(_ w: inout PrettyJSONEncoder.Writer) {
            w.out.append(0x7B)
            w.out.append(0x0A)
        }

        mutating func key(_ k: StaticString, _ w: inout PrettyJSONEncoder.Writer) {
            if !first { w.out.append(0x2C); w.out.append(0x0A) }
            first = false
            w.pad(depth + 1)
            w.writeKey(k)
        }

        func close(_ w: inout PrettyJSONEncoder.Writer) {
            // An object with no keys is its braces around one empty line; one with
            // keys ends its last line before the closing brace.
            w.out.append(0x0A)
            w.pad(depth)
            w.out.append(0x7D)
        }
    }
}
