import Foundation

/// Turns the PATH arguments into a sorted, de-duplicated list of files.
/// Folders are walked recursively and take regular files only. A symbolic link is
/// followed only when it leads to somewhere inside the folder given (a link out of
/// it, to `/etc/passwd` or a symlinked `/etc`, is skipped), and symlinked folders
/// are followed once (a loop is cut by remembering device+inode). Hidden entries
/// (`.git`, `.dtcheck.yml`), FIFOs, sockets and devices (a read could wait forever),
/// Office lock files and editor temp files are skipped, each with the reason in
/// `skipped`. Paths named on the command line are always taken as named; paths
/// that do not exist, and dangling links in walked folders, are kept so the
/// pipeline reports them as errors.
struct PathCollector {
    var include: [String]
    var exclude: [String]

    static let defaultInclude = ["*.xml", "*.html", "*.htm", "*.xhtml", "*.docx", "*.odt", "*.md", "*.markdown", "*.txt"]

    /// What a walk took, and what it left out and why.
    struct Collected {
        var files: [String] = []
        var skipped: [Skip] = []
    }

    struct Skip: Equatable {
        var path: String
        var reason: String
        /// Lock and temp files are expected clutter; the others are worth a note.
        var routine: Bool
    }

    func collect(_ arguments: [String]) -> [String] { collectReporting(arguments).files }

    func collectReporting(_ arguments: [String]) -> Collected {
        var out = Collected()
        for arg in arguments {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: arg, isDirectory: &isDir), isDir.boolValue {
                var visited = Set<FileID>()
                let root = arg.hasSuffix("/") && arg.count > 1 ? String(arg.dropLast()) : arg
                let walk = Walk(root: PathCollector.realPath(root) ?? root)
                walk.folder(root, relative: "", collector: self, visited: &visited, into: &out)
            } else {
                // Named explicitly: always taken, so a typo is reported rather than silently dropped.
                out.files.append(arg)
            }
        }
        // Sorted for deterministic output; duplicates (a file named twice) kept once.
        var seen = Set<String>()
        out.files = out.files.sorted().filter { seen.insert($0).inserted }
        return out
    }

    struct FileID: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    static func fileID(_ path: String) -> FileID? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        return FileID(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
    }

    /// The path with every link resolved, or nil (dangling, unreadable).
    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// One folder argument's walk: `root` is its real path, the boundary links may not cross.
    private struct Walk {
        let root: String

        func isInside(_ real: String) -> Bool {
            root == "/" || real == root || real.hasPrefix(root + "/")
        }

        func folder(_ dir: String, relative: String, collector: PathCollector, visited: inout Set<FileID>, into out: inout Collected) {
            guard let id = PathCollector.fileID(dir), visited.insert(id).inserted else { return }
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: dir) else {
                // An unreadable folder is reported as an input error rather than skipped.
                out.files.append(dir)
                return
            }
            for name in entries.sorted() where !name.hasPrefix(".") {
                let path = dir + "/" + name
                let rel = relative.isEmpty ? name : relative + "/" + name
                if collector.matches(collector.exclude, name: name, relative: rel) { continue }
                var st = stat()
                guard lstat(path, &st) == 0 else { continue }
                var type = st.st_mode & S_IFMT
                if type == S_IFLNK {
                    guard let real = PathCollector.realPath(path), stat(path, &st) == 0 else {
                        // A dangling link the include globs would take is kept, so the loader reports
                        // it ("broken symbolic link") instead of the document vanishing from the report.
                        if collector.included(name: name, relative: rel) { out.files.append(path) }
                        continue
                    }
                    guard isInside(real) else {
                        if st.st_mode & S_IFMT == S_IFDIR || collector.included(name: name, relative: rel) {
                            out.skipped.append(Skip(path: path, reason: "symbolic link to \(real), outside \(root)", routine: false))
                        }
                        continue
                    }
                    type = st.st_mode & S_IFMT
                }
                switch type {
                case S_IFDIR:
                    folder(path, relative: rel, collector: collector, visited: &visited, into: &out)
                case S_IFREG:
                    guard collector.included(name: name, relative: rel) else { continue }
                    if let what = PathCollector.lockOrTempFile(name) {
                        out.skipped.append(Skip(path: path, reason: what, routine: true))
                    } else {
                        out.files.append(path)
                    }
                default:
                    // A FIFO held open by a writer blocks a read forever; a device may never end.
                    if collector.included(name: name, relative: rel) {
                        out.skipped.append(Skip(path: path, reason: "\(PathCollector.kind(type)), not a regular file", routine: false))
                    }
                }
            }
        }
    }

    static func kind(_ type: mode_t) -> String {
        switch type {
        case S_IFIFO: return "a FIFO"
        case S_IFSOCK: return "a socket"
        case S_IFCHR, S_IFBLK: return "a device"
        default: return "not a file"
        }
    }

    /// Word's lock file (`~$draft.docx`, while the draft is open) and temp files
    /// (`~WRL0001.tmp`), LibreOffice's (`.~lock.x#`, hidden anyway), and editors'
    /// backups and autosaves (`draft.md~`, `#draft.md#`): never a draft to grade.
    static func lockOrTempFile(_ name: String) -> String? {
        if name.hasPrefix("~$") { return "an Office lock file" }
        if name.hasPrefix("~") && name.lowercased().hasSuffix(".tmp") { return "an Office temp file" }
        if name.hasPrefix(".~lock.") { return "a LibreOffice lock file" }
        if name.hasSuffix("~") || (name.count > 1 && name.hasPrefix("#") && name.hasSuffix("#")) { return "an editor backup file" }
        return nil
    }

    static func isSymbolicLink(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK
    }

    /// `--include` globs are matched as written; the default ones ignore case, since
    /// `TREATY.XML` or `Draft.Docx` from other systems are the same formats.
    /// (Lower-casing the name rather than FNM_CASEFOLD, a GNU extension.)
    func included(name: String, relative: String) -> Bool {
        if include.isEmpty {
            return matches(PathCollector.defaultInclude, name: name.lowercased(), relative: relative.lowercased())
        }
        return matches(include, name: name, relative: relative)
    }

    /// fnmatch against the file name and the path under the walked folder.
    func matches(_ globs: [String], name: String, relative: String) -> Bool {
        globs.contains { fnmatch($0, name, 0) == 0 || fnmatch($0, relative, 0) == 0 }
    }
}

extension PathCollector.Collected {
    /// Notes on stderr: with `verbose`, every skipped entry; otherwise one line when a
    /// walk skipped links out of its folder or special files (lock files go unmentioned).
    func noteSkipped(verbose: Bool, quiet: Bool) {
        if verbose {
            for s in skipped { Terminal.stderr("note: skipped \(s.path): \(s.reason)") }
            return
        }
        let notable = skipped.filter { !$0.routine }.count
        if notable > 0 && !quiet {
            Terminal.stderr("note: folder walks skipped \(notable) \(notable == 1 ? "entry" : "entries") (links out of the folder, FIFOs, devices); --verbose lists them")
        }
    }
}
