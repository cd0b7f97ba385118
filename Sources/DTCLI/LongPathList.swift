import ArgumentParser

/// A command whose trailing argument is a list of paths.
protocol PathListCommand: ParsableCommand {
    var pathList: [String] { get set }
}

extension CheckCommand: PathListCommand {
    var pathList: [String] { get { paths } set { paths = newValue } }
}

extension SurveyCommand: PathListCommand {
    var pathList: [String] { get { paths } set { paths = newValue } }
}

extension RegressCommand: PathListCommand {
    var pathList: [String] { get { paths } set { paths = newValue } }
}

extension ParseCommand: PathListCommand {
    var pathList: [String] { get { files } set { files = newValue } }
}

/// A long list of paths, parsed in linear time. swift-argument-parser adds each
/// value of a repeated positional argument by copying the values so far, which
/// is quadratic: the 450 paths of `tota/*.xml` took 20 ms to parse, more than a
/// tenth of grading them, and 7,200 took a second. So a command line with many
/// arguments is parsed with each run of words (arguments that do not start with
/// `-`) cut to its first two: the first may be an option's value and is left as
/// written; the second is surely a path and is replaced by a marker naming its
/// run. The parser's path list then says, by position, where each run goes: a
/// marker stands for its run's second word and the rest of the run; anything else
/// is a first word the parser took as a path. Nothing is matched by value, so
/// repeated paths and option values equal to paths cannot be confused.
struct LongPathList {
    /// The arguments as the parser is given them.
    let reduced: [String]
    /// Each run of words with at least two: its second word and the rest, which the parser is not shown.
    private let runs: [(second: String, rest: ArraySlice<String>)]

    /// Commands taking a trailing path list.
    static let commands: Set<String> = ["check", "survey", "parse", "regress"]
    /// Below this many arguments the parser's own way is quick enough.
    static let threshold = 64

    /// Stands for run `i` in `reduced`. A NUL cannot occur in a real argument.
    static func marker(_ i: Int) -> String { "\u{0}dtcheck-run-\(i)" }

    static func run(ofMarker word: String) -> Int? {
        guard word.hasPrefix("\u{0}dtcheck-run-") else { return nil }
        return Int(word.dropFirst("\u{0}dtcheck-run-".count))
    }

    /// Nil when the arguments are few, do not start with a path-list command, or
    /// hold `--` (after which even `-x` is a path, which the runs cannot tell).
    init?(_ arguments: [String]) {
        guard arguments.count >= Self.threshold, let command = arguments.first, Self.commands.contains(command),
              !arguments.contains("--") else { return nil }
        func isWord(_ a: String) -> Bool { !(a.hasPrefix("-") && a.count > 1) }
        var reduced = [command]
        var runs: [(second: String, rest: ArraySlice<String>)] = []
        var i = 1
        while i < arguments.count {
            guard isWord(arguments[i]) else {
                reduced.append(arguments[i])
                i += 1
                continue
            }
            var end = i
            while end < arguments.count, isWord(arguments[end]) { end += 1 }
            reduced.append(arguments[i])
            if end - i >= 2 {
                reduced.append(Self.marker(runs.count))
                runs.append((arguments[i + 1], arguments[(i + 2)..<end]))
            }
            i = end
        }
        self.reduced = reduced
        self.runs = runs
    }

    /// The paths in the order written, given the path list the parser found in `reduced`.
    func paths(parsed: [String]) -> [String] {
        var out: [String] = []
        for word in parsed {
            if let i = Self.run(ofMarker: word), i < runs.count {
                out.append(runs[i].second)
                out += runs[i].rest
            } else {
                out.append(word)
            }
        }
        return out
    }

    /// The command the arguments call, with its paths put back.
    static func parse(_ arguments: [String]) throws -> ParsableCommand {
        guard let list = LongPathList(arguments) else { return try DTCheckCommand.parseAsRoot(arguments) }
        // On a usage error, the parser's own message from the arguments as written (no markers).
        guard let command = try? DTCheckCommand.parseAsRoot(list.reduced) else { return try DTCheckCommand.parseAsRoot(arguments) }
        guard var withPaths = command as? PathListCommand else { return try DTCheckCommand.parseAsRoot(arguments) }
        withPaths.pathList = list.paths(parsed: withPaths.pathList)
        return withPaths
    }
}
