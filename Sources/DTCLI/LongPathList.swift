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
/// `-`) cut to its first two: the first may be an option's value, the second and
/// every later one are paths. The parser says which first words are paths, and
/// the paths are put back in the order they were written.
struct LongPathList {
    /// The arguments as the parser is given them.
    let reduced: [String]
    /// Each run of words: its first word, whether that is surely a path, the
    /// second word (surely a path) if any, and the rest, which the parser is not shown.
    private let runs: [(first: String, surelyPath: Bool, second: String?, rest: ArraySlice<String>)]

    /// Commands taking a trailing path list.
    static let commands: Set<String> = ["check", "survey", "parse", "regress"]
    /// Below this many arguments the parser's own way is quick enough.
    static let threshold = 64

    /// Nil when the arguments are few, do not start with a path-list command, or
    /// hold `--` (after which even `-x` is a path, which the runs cannot tell).
    init?(_ arguments: [String]) {
        guard arguments.count >= Self.threshold, let command = arguments.first, Self.commands.contains(command),
              !arguments.contains("--") else { return nil }
        func isWord(_ a: String) -> Bool { !(a.hasPrefix("-") && a.count > 1) }
        var reduced = [command]
        var runs: [(first: String, surelyPath: Bool, second: String?, rest: ArraySlice<String>)] = []
        var i = 1
        // Words right after the command are paths (no option precedes them).
        var afterCommand = true
        while i < arguments.count {
            guard isWord(arguments[i]) else {
                reduced.append(arguments[i])
                afterCommand = false
                i += 1
                continue
            }
            var end = i
            while end < arguments.count, isWord(arguments[end]) { end += 1 }
            let second = end - i >= 2 ? arguments[i + 1] : nil
            reduced.append(arguments[i])
            if let second { reduced.append(second) }
            runs.append((arguments[i], afterCommand, second, arguments[min(i + 2, end)..<end]))
            afterCommand = false
            i = end
        }
        self.reduced = reduced
        self.runs = runs
    }

    /// The paths in the order written, given those the parser found in `reduced`:
    /// per run, its first word where the parser took it as a path, its second, the rest.
    func paths(parsed: [String]) -> [String] {
        var out: [String] = []
        var next = 0
        for run in runs {
            if run.surelyPath || (next < parsed.count && parsed[next] == run.first) {
                out.append(run.first)
                next += 1
            }
            if let second = run.second {
                out.append(second)
                next += 1
            }
            out += run.rest
        }
        // Nothing should be left; should something be, it is not lost.
        if next < parsed.count { out += parsed[next...] }
        return out
    }

    /// The command the arguments call, with its paths put back.
    static func parse(_ arguments: [String]) throws -> ParsableCommand {
        guard let list = LongPathList(arguments) else { return try DTCheckCommand.parseAsRoot(arguments) }
        let command = try DTCheckCommand.parseAsRoot(list.reduced)
        guard var withPaths = command as? PathListCommand else { return try DTCheckCommand.parseAsRoot(arguments) }
        withPaths.pathList = list.paths(parsed: withPaths.pathList)
        return withPaths
    }
}
