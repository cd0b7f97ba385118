/// Copies of compiled rules that share no object or buffer with the original:
/// each grading thread grades with its own, because reference counts on shared
/// objects had cost two cores 15%, and copying a compiled set is far cheaper than
/// compiling it again (`RuleSet.compiledAgain`).
///
/// Written field by field, so a new stored property must be added here:
/// `IndependentCopyTests` walks the copy beside the original with `Mirror` and
/// fails on a property it has not been told about, on a value the copy lost, and
/// on an object or buffer the copy shares where it should not.
extension String {
    /// The same text in storage of its own (short strings live in the value itself).
    func independentCopy() -> String {
        String(decoding: Array(utf8), as: UTF8.self)
    }
}

extension Rule {
    public func independentCopy() -> Rule {
        Rule(id: id.independentCopy(), kind: kind, pillars: pillars.map { $0 }, message: message.independentCopy(), scope: scope,
             when: when.map { $0.independentCopy() }, unless: unless.map { $0.independentCopy() },
             headings: headings.map { $0.independentCopy() }, context: context.map { $0.independentCopy() },
             limitation: limitation?.independentCopy(), element: element?.independentCopy(),
             baselines: baselines.map { BaselineCitation(baseline: $0.baseline, article: $0.article.independentCopy()) },
             formula: formula?.independentCopy(), examples: examples, file: file, line: line, language: language)
    }
}

extension Modality {
    public func independentCopy() -> Modality {
        Modality(binding: binding.map { $0.independentCopy() }, nonBinding: nonBinding.map { $0.independentCopy() },
                 exception: exception.map { $0.independentCopy() })
    }
}

extension RuleSet {
    /// The same rules, sharing nothing grading touches with this set: rules,
    /// patterns, their programs and gates, the keyword automaton (built again from
    /// the keywords) and the rule lists. Grades exactly as this set does.
    public func independentCopy() -> RuleSet {
        var copy = RuleSet(directory: directory, files: files, rules: rules.map { $0.independentCopy() },
                           modality: modality.independentCopy(),
                           scoring: Scoring(top: Dictionary(uniqueKeysWithValues: scoring.top.map { ($0.key, $0.value) }),
                                            limitationPenalty: scoring.limitationPenalty, deviationPenalty: scoring.deviationPenalty),
                           terms: terms, keywords: keywords, language: language, baselineReferences: baselineReferences)
        copy.translations = translations.mapValues { $0.independentCopy() }
        copy.sources = sources
        return copy
    }
}
