import Foundation

/// Values never freed: the process's exit takes their memory back at once. For a
/// command that ends the process when its report is written, freeing a big document's
/// model, its grading index or the compiled rules object by object was work nobody
/// used (44 M instructions for a 10 MB page's model; 9 M for the rules). The CLI keeps
/// its last document and rules here, grading its last index (`GradeOptions.leaveIndexToExit`).
public enum LeftToExit {
    private final class Store: @unchecked Sendable {
        let lock = NSLock()
        var kept: [Any] = []
    }

    private static let store = Store()

    public static func keep(_ value: Any) {
        store.lock.lock()
        defer { store.lock.unlock() }
        store.kept.append(value)
    }
}
