import DTIngest
import DTModel
import Foundation
import Testing

/// TreeDumper output for small fixtures, compared with committed snapshots.
/// `DTCHECK_UPDATE_SNAPSHOTS=1` writes a missing or changed snapshot, and fails
/// ("recorded new snapshot, run again"): a run that records checks nothing.
@Suite struct SnapshotTests {
    static let fixtures = ["sample.md", "sample.txt", "sample.html", "sample.docx", "sample.akn.xml"]

    @Test(arguments: fixtures)
    func treeMatchesSnapshot(_ name: String) throws {
        let agreement = try Fixtures.load(name)
        // The source path is the fixture's absolute path: leave it out of the snapshot.
        let dump = TreeDumper().dump(agreement)
        let snapshot = Fixtures.path("snapshots/\(name).txt")
        let update = ProcessInfo.processInfo.environment["DTCHECK_UPDATE_SNAPSHOTS"] == "1"
        let expected = try? String(contentsOfFile: snapshot, encoding: .utf8)
        guard expected != dump else { return }
        // Recording is never a pass: the new snapshot is checked by the next run.
        if update {
            try dump.write(toFile: snapshot, atomically: true, encoding: .utf8)
            Issue.record("recorded new snapshot \(snapshot), run again")
        } else if let expected {
            Issue.record("snapshot \(name) differs (DTCHECK_UPDATE_SNAPSHOTS=1 records it):\n\(Self.diff(expected, dump))")
        } else {
            Issue.record("no snapshot at \(snapshot); run with DTCHECK_UPDATE_SNAPSHOTS=1 to write it")
        }
    }

    /// A line diff good enough for small trees: `-` expected, `+` actual.
    static func diff(_ expected: String, _ actual: String) -> String {
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for i in 0..<max(e.count, a.count) {
            let l = i < e.count ? String(e[i]) : nil
            let r = i < a.count ? String(a[i]) : nil
            if l != r {
                if let l { out.append("- \(l)") }
                if let r { out.append("+ \(r)") }
            }
        }
        return out.joined(separator: "\n")
    }
}
