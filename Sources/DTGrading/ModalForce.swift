import DTRules
import Foundation

/// The modal force of a sentence with respect to one match in it.
enum ModalForce: String {
    case binding, nonBinding = "non-binding", exception, none
}

extension Modality {
    /// Decides the force governing the match at `range`: an exception lead-in
    /// before it wins; otherwise the binding or non-binding cue that ends last
    /// before it ("shall endeavour to refrain" ends on the non-binding cue); with
    /// no cue before it, the first cue after it ("… shall not be subject to").
    ///
    /// With `bloom` (the whole sentence's trigrams), a cue whose literals the
    /// sentence lacks is not searched for: it cannot match in any part of it. A
    /// long sentence searched for every cue, twice, showed in profiles.
    func force(of sentence: NSString, at range: NSRange, bloom: TrigramBloom? = nil) -> ModalForce {
        let exception = bloom.map { b in self.exception.filter { $0.gate.admits(b) } } ?? self.exception
        let binding = bloom.map { b in self.binding.filter { $0.gate.admits(b) } } ?? self.binding
        let nonBinding = bloom.map { b in self.nonBinding.filter { $0.gate.admits(b) } } ?? self.nonBinding
        let prefix = sentence.substring(to: range.location) as NSString
        if exception.contains(where: { $0.firstMatch(in: prefix) != nil }) { return .exception }
        let lastBinding = binding.compactMap { $0.lastMatchEnd(in: prefix) }.max()
        let lastNonBinding = nonBinding.compactMap { $0.lastMatchEnd(in: prefix) }.max()
        switch (lastBinding, lastNonBinding) {
        // On a tie the binding cue is the longer, more specific one ("neither party may" vs "may").
        case let (b?, n?): return b >= n ? .binding : .nonBinding
        case (_?, nil): return .binding
        case (nil, _?): return .nonBinding
        case (nil, nil):
            let suffix = sentence.substring(from: range.location) as NSString
            if exception.contains(where: { $0.firstMatch(in: suffix) != nil }) { return .exception }
            let b = binding.compactMap { $0.firstMatch(in: suffix)?.location }.min()
            let n = nonBinding.compactMap { $0.firstMatch(in: suffix)?.location }.min()
            switch (b, n) {
            case let (b?, n?): return b < n ? .binding : .nonBinding
            case (_?, nil): return .binding
            case (nil, _?): return .nonBinding
            case (nil, nil): return .none
            }
        }
    }
}

extension Rule {
    /// Whether every `when` pattern matches and no `unless` does; returns the first
    /// `when` pattern's match (the anchor for modal force) when it holds.
    /// With `bloom` (the text's trigrams), patterns whose literals the text lacks are skipped.
    func holds(in text: NSString, bloom: TrigramBloom? = nil) -> NSRange? {
        // Every `when` must match: when the text lacks a literal of any of them, run none.
        if let bloom, !mayHold(in: bloom) { return nil }
        var anchor: NSRange?
        for (i, p) in when.enumerated() {
            guard let r = p.firstMatch(in: text, bloom: bloom) else { return nil }
            if i == 0 { anchor = r }
        }
        if unless.contains(where: { $0.firstMatch(in: text, bloom: bloom) != nil }) { return nil }
        return anchor ?? NSRange(location: 0, length: 0)
    }

    /// False when a text with these trigrams lacks a literal of some `when` pattern,
    /// so the rule cannot hold there.
    func mayHold(in bloom: TrigramBloom) -> Bool {
        when.allSatisfy { $0.gate.admits(bloom) }
    }

    func holds(in sentence: Sentence) -> NSRange? {
        holds(in: sentence.normalized, bloom: sentence.bloom)
    }

    func headingMatches(_ headings: NSString) -> Bool {
        self.headings.contains { $0.firstMatch(in: headings) != nil }
    }
}
