import Foundation

/// Turns the PATH arguments into a sorted, de-duplicated list of files.
/// Folders are walked recursively; symlinked folders are followed once (a loop is
/// cut by remembering device+inode); hidden entries (`.git`, `.dtcheck.yml`) are skipped.
/// Paths that do not exist, and dangling links in walked folders, are kept so the
/// pipeline reports them as errors.
struct PathCollector {
    var include: [String]
    var exclude: [String]

    static let defaultInclude = ["*.xml", "*.html", "*.htm", "*.xhtml", "*.docx", "*.odt", "*.md", "*.markdown", "*.txt"]

    func collect(_ arguments: [String]) -> [String] {
        var files: [String] = []
        for arg in arguments {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: arg, isDirectory: &isDir), isDir.boolValue {
                var visited = Set<FileID>()
                let root = arg.hasSuffix("/") && arg.count > 1 ? String(arg.dropLast()) : arg
                walk(root, relative: "", visited: &visited, into: &files)
            } else {
                // Named explicitly: always taken, so a typo is reported rather than silently dropped.
                files.append(arg)
            }
        }
        // Sorted for deterministic output; duplicates (a file named twice) kept once.
        var seen = Set<String>()
        return files.sorted().filter { seen.insert($0).inserted }
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

    private func walk(_ dir: String, relative: String, visited: inout Set<FileID>, into files: inout [String]) {
        guard let id = PathCollector.fileID(dir), visited.insert(id).inserted else { return }
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: dir) else {
            // An unreadable folder is reported as an input error rather than skipped.
            files.append(dir)
            return
        }
        for name in entries.sorted() where !name.hasPrefix(".") {
            let path = dir + "/" + name
            let rel = relative.isEmpty ? name : relative + "/" + name
            if matches(exclude, name: name, relative: rel) { continue }
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                // A dangling link the include globs would take is kept, so the loader reports
                // it ("broken symbolic link") instead of the document vanishing from the report.
                // Other names are skipped as any non-matching file is.
                if PathCollector.isSymbolicLink(path) && included(name: name, relative: rel) { files.append(path) }
                continue
            }
            if isDir.boolValue {
                walk(path, relative: rel, visited: &visited, into: &files)
            } else if included(name: name, relative: rel) {
                files.append(path)
            }
        }
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
