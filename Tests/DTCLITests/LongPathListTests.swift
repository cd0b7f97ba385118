import ArgumentParser
@testable import DTCLI
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
