import ArgumentParser
@testable import DTCLI
import DTTestSupport
import Testing

/// A long path list is parsed into the same paths, in the same order, as the
/// argument parser's own (quadratic) way would.
@Suite struct LongPathListTests {
    func paths(_ command: ParsableCommand) -> [String]? { (command as? PathListCommand)?.pathList }

    @Test func samePathsAsTheParserOnLongLists() throws {
        let many = (0..<80).map { "dir/file-\($0 % 70).xml" } // some paths twice
        let lists: [[String]] = [
            ["check"] + many,
            ["check", "--format", "json"] + many,
            ["check", "--format", "json", "--jobs", "2"] + many + ["--quiet"],
            ["check", "--quiet"] + many,
            ["check", "first.xml", "--rules", "rules"] + many + ["--include", "*.xml", "last.xml", "--exclude", "x*"],
            ["check", "--rules", "dir/file-1.xml"] + many, // an option's value that is also a path
            ["check", "--format=json"] + many + ["--baseline", "usmca"],
            ["check", "-"] + many,
            ["survey", "--format", "csv"] + many,
            ["regress", "--expected", "e.json"] + many,
            ["parse"] + many,
            ["parse", "--format", "json"] + many,
        ]
        for args in lists {
            let list = try #require(LongPathList(args), "\(args.prefix(6))")
            #expect(list.reduced.count < args.count / 2)
            let fast = try LongPathList.parse(args)
            let own = try DTCheckCommand.parseAsRoot(args)
            #expect(paths(fast) == paths(own), "\(args.prefix(6))")
            #expect(paths(fast)?.count ?? 0 >= many.count)
            #expect(String(describing: type(of: fast)) == String(describing: type(of: own)))
        }
    }

    /// Issue 14.9: `check --rules dir/file-0.xml dir/file-0.xml …` gave 81 paths for 80,
    /// because runs were matched by value.
    @Test func anOptionValueEqualToTheFollowingPathsIsNotCountedTwice() throws {
        let args = ["check", "--rules"] + Array(repeating: "dir/file-0.xml", count: 80)
        let fast = try LongPathList.parse(args)
        #expect(paths(fast)?.count == 79)
        #expect(paths(fast) == paths(try DTCheckCommand.parseAsRoot(args)))
    }

    /// Random argument lists, with repeated paths and option values equal to paths:
    /// the linear parse gives exactly the parser's own result. Option values are valid
    /// (so both parses succeed and are compared), and drawn from the same words as the
    /// paths, so a value often equals the path after it.
    @Test func randomListsGiveTheParsersOwnResult() throws {
        var g = SplitMix64(seed: 14_9)
        func pick<T>(_ xs: [T]) -> T { xs[Int(g.next() % UInt64(xs.count))] }
        let words = ["a.xml", "dir/file-0.xml", "json", "csv", "2", "usmca", "data-flows", "x*", "-"]
        let valued: [(String, [String])] = [
            ("--format", ["json", "csv"]), ("--jobs", ["2", "1"]), ("--baseline", ["usmca"]), ("--pillar", ["data-flows"]),
            ("--rules", words), ("--include", words), ("--exclude", words), ("--output", words),
        ]
        let flags = ["--quiet", "--verbose", "--print-config"]
        var compared = 0
        for round in 0..<60 {
            var args = [pick(["check", "survey"])]
            while args.count < 64 + Int(g.next() % 40) {
                switch g.next() % 10 {
                case 0, 1, 2:
                    let (option, values) = pick(valued)
                    args.append(option)
                    args.append(pick(values))
                case 3: args.append(pick(flags))
                case 4:
                    let (option, values) = pick(valued)
                    args.append(option + "=" + pick(values))
                default: args.append(pick(words))
                }
            }
            let own = Result { try DTCheckCommand.parseAsRoot(args) }
            let fast = Result { try LongPathList.parse(args) }
            switch (own, fast) {
            case (.success(let o), .success(let f)):
                compared += 1
                #expect(paths(f) == paths(o), "round \(round): \(args)")
                #expect(String(describing: type(of: f)) == String(describing: type(of: o)))
            case (.failure, .failure): break
            default: Issue.record("round \(round): one parse failed, the other did not: \(args)")
            }
        }
        #expect(compared >= 50, "only \(compared) of 60 random lists parsed: the test compares too little")
    }

    @Test func leavesShortListsAndOtherCommandsToTheParser() throws {
        #expect(LongPathList(["check", "a.xml", "b.xml"]) == nil)
        let many = (0..<80).map { "p\($0)" }
        #expect(LongPathList(["compare", "a", "b"] + many) == nil)
        #expect(LongPathList(["check", "--"] + many) == nil)
        #expect(LongPathList(["rules", "test"] + many) == nil)
    }

    /// Usage errors are still the parser's: an option missing its value, an unknown option.
    @Test func usageErrorsStayUsageErrors() {
        let many = (0..<80).map { "p\($0).xml" }
        #expect(throws: (any Error).self) { try LongPathList.parse(["check"] + many + ["--jobs"]) }
        #expect(throws: (any Error).self) { try LongPathList.parse(["check", "--no-such-option"] + many) }
    }
}
