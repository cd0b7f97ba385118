import DTGrading

/// The words every report uses for a draft's states, so the terminal, Markdown
/// and HTML say the same thing: `agreed absent · proposed baseline (US propose;
/// VN oppose) · weakest absent`.
enum DraftLines {
    /// Who a state rests on: the attribution of its innermost bracket, or `bracket N`;
    /// for proposals accepted together, each one's, joined by ` + `.
    static func rests(_ state: StateLevel, _ p: PillarVerdict) -> String? {
        if let together = state.together, together.count > 1 {
            return together.map { who($0, p) }.joined(separator: " + ")
        }
        return state.brackets.last.map { who($0, p) }
    }

    private static func who(_ bracket: Int, _ p: PillarVerdict) -> String {
        guard let open = p.open?.first(where: { $0.bracket == bracket }) else { return "bracket \(bracket)" }
        let who = [open.label, open.parties].compactMap { $0 }.joined(separator: ": ")
        return who.isEmpty ? "\(open.article), unattributed" : who
    }

    static func state(_ name: String, _ state: StateLevel, _ p: PillarVerdict) -> String {
        var s = "\(name) \(state.level.rawValue) \(state.score)"
        if let r = rests(state, p) { s += " (\(r))" }
        return s
    }

    /// `agreed absent 0 · proposed baseline 100 (US propose; VN oppose) · weakest absent 0`, nil for a text that is no draft.
    static func states(_ p: PillarVerdict) -> String? {
        guard let proposed = p.proposed, let weakest = p.weakest else { return nil }
        return "agreed \(p.level.rawValue) \(p.score) · " + state("proposed", proposed, p) + " · " + state("weakest", weakest, p)
    }

    /// One open bracket: `[US propose; VN oppose] Article 9.12: “…” → baseline 100`.
    static func open(_ o: OpenBracket) -> String {
        var s = "[" + (o.label.map { $0 + (o.parties.map { ": " + $0 } ?? "") } ?? o.parties ?? "unattributed") + "]"
        if o.unbalanced { s += " (never closed)" }
        s += " \(o.article): “\(Trim.quote(o.quote, limit: 160))” → if accepted \(o.level.rawValue) \(o.score)"
        if !o.limitations.isEmpty { s += " (" + o.limitations.joined(separator: ", ") + ")" }
        return s
    }

    /// `draft: 3 negotiation brackets, 1 comment, 1 placeholder`.
    static func summary(_ d: DraftInfo) -> String {
        func n(_ k: Int, _ word: String) -> String { "\(k) \(word)\(k == 1 ? "" : "s")" }
        var parts = [n(d.brackets, "negotiation bracket")]
        if let t = d.trackedChanges { parts.append(n(t, "tracked change")) }
        if !d.comments.isEmpty { parts.append(n(d.comments.count, "comment")) }
        if d.placeholders > 0 { parts.append(n(d.placeholders, "placeholder")) }
        var s = "draft: " + parts.joined(separator: ", ")
        switch (d.brackets > 0, d.trackedChanges != nil) {
        case (true, true): s += "; levels are agreed text only, with every tracked change accepted"
        case (true, false): s += "; levels are agreed text only"
        case (false, true): s += "; levels are with every tracked change accepted"
        case (false, false): break
        }
        return s
    }

    /// `tracked changes: data-flows baseline 100 → binding-qualified 77 (J. Smith, 2026-03-14, Article 9.11: inserted “that it considers necessary”)`,
    /// nil when the pillar did not move.
    /// When only a draft's proposed or weakest state moved:
    /// `tracked changes: data-flows agreed absent 0 unchanged, proposed baseline 96 → binding-qualified 81 (…)`.
    static func tracked(_ p: PillarVerdict) -> String? {
        guard let was = p.original else { return nil }
        func moved(_ name: String, _ a: StateLevel?, _ b: StateLevel?) -> String? {
            guard let a, let b, a.level != b.level || a.score != b.score else { return nil }
            return "\(name) \(a.level.rawValue) \(a.score) → \(b.level.rawValue) \(b.score)"
        }
        var s: String
        if was.level != p.level || was.score != p.score {
            s = "tracked changes: \(p.id.rawValue) \(was.level.rawValue) \(was.score) → \(p.level.rawValue) \(p.score)"
        } else {
            let states = [moved("proposed", p.originalProposed, p.proposed), moved("weakest", p.originalWeakest, p.weakest)].compactMap { $0 }
            guard !states.isEmpty else { return nil }
            s = "tracked changes: \(p.id.rawValue) agreed \(p.level.rawValue) \(p.score) unchanged, " + states.joined(separator: ", ")
        }
        let who = (p.changes ?? []).map { c -> String in
            let verb = ["insertion": "inserted", "deletion": "deleted", "move-from": "moved away", "move-to": "moved here"][c.kind] ?? c.kind
            let when = c.date.map { String($0.prefix(10)) }
            return [c.author, when].compactMap { $0 }.joined(separator: ", ") + (c.article.map { ", " + $0 } ?? "")
                + ": \(verb) “\(Trim.quote(c.words, limit: 120))”"
        }
        if !who.isEmpty { s += " (" + who.joined(separator: "; ") + ")" }
        return s
    }

    static func comment(_ c: DraftComment) -> String {
        "\(c.article ?? "text")\(c.author.map { " (\($0))" } ?? ""): \(c.text)"
    }
}
