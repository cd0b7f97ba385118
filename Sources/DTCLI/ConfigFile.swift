import Foundation
import Yams

/// `.dtcheck.yml`: project defaults, found by walking up from the working directory.
struct ConfigFile: Decodable, Equatable {
    var baseline: String?
    var pillars: [String]?
    var failUnder: String?
    var minScore: Int?
    var format: String?
    var exclude: [String]?
    var include: [String]?
    var jobs: Int?
    var rules: String?

    /// The file it came from, so relative paths in it (rules) resolve against its folder.
    var path: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case baseline, pillars, format, exclude, include, jobs, rules
        case failUnder = "fail-under"
        case minScore = "min-score"
    }

    static let fileName = ".dtcheck.yml"

    /// The nearest `.dtcheck.yml` at or above `directory`, or nil. The walk up stops at
    /// the root, and at once when there is no usable folder to start from (a working
    /// folder that was deleted gives an empty or relative path, whose parents never end).
    static func find(from directory: String) -> String? {
        guard directory.hasPrefix("/") else { return nil }
        var path = URL(fileURLWithPath: directory).standardizedFileURL.path
        // A path has fewer parents than characters: the bound only guards against a loop.
        for _ in 0...directory.count {
            let candidate = (path == "/" ? "" : path) + "/" + fileName
            if FileManager.default.isReadableFile(atPath: candidate) { return candidate }
            guard path != "/", !path.isEmpty else { return nil }
            let parent = (path as NSString).deletingLastPathComponent
            guard parent != path else { return nil }
            path = parent
        }
        return nil
    }

    static func load(path: String) throws -> ConfigFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError.usage("\(path): cannot be read")
        }
        let text = String(decoding: data, as: UTF8.self)
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { return ConfigFile(path: path) }
        try checkKeys(text, path: path)
        do {
            var config = try YAMLDecoder().decode(ConfigFile.self, from: text)
            config.path = path
            return config
        } catch let e as YamlError {
            throw CLIError.usage("\(path): invalid YAML: \(e)")
        } catch {
            throw CLIError.usage("\(path)\(place(of: error, in: text)): \(describe(error))")
        }
    }

    /// `:line:column` of the key a decoding error is about, or "" when unknown.
    static func place(of error: Error, in text: String) -> String {
        let context: DecodingError.Context?
        switch error {
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c), DecodingError.dataCorrupted(let c): context = c
        case DecodingError.keyNotFound(_, let c): context = c
        default: context = nil
        }
        guard let key = context?.codingPath.first?.stringValue,
              let map = (try? Yams.compose(yaml: text))??.mapping,
              let mark = map.first(where: { $0.key.string == key })?.key.mark else { return "" }
        return ":\(mark.line):\(mark.column)"
    }

    /// An unknown key (`pillar:` for `pillars:`) would be ignored by the decoder and the
    /// setting silently not applied: it is an error naming the file, line and column,
    /// and the nearest known key. (Syntax errors are left to the decoder's message.)
    static func checkKeys(_ text: String, path: String) throws {
        guard let root = try? Yams.compose(yaml: text), let map = root.mapping else { return }
        let known = CodingKeys.allCases.map(\.rawValue)
        for (k, _) in map {
            let key = k.string ?? ""
            guard !known.contains(key) else { continue }
            let nearest = known.min { editDistance(key, $0) < editDistance(key, $1) } ?? ""
            let place = k.mark.map { ":\($0.line):\($0.column)" } ?? ""
            throw CLIError.usage("\(path)\(place): unknown key '\(key)'; did you mean '\(nearest)'? "
                + "(known keys: \(known.sorted().joined(separator: ", ")))")
        }
    }

    /// Levenshtein distance, for the "did you mean" hint.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let old = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = old
            }
        }
        return a.isEmpty ? b.count : row[b.count]
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.typeMismatch(let t, let ctx):
            return "\(ctx.codingPath.map(\.stringValue).joined(separator: ".")): expected \(t)"
        case DecodingError.valueNotFound(_, let ctx), DecodingError.dataCorrupted(let ctx):
            return "\(ctx.codingPath.map(\.stringValue).joined(separator: ".")): \(ctx.debugDescription)"
        default:
            return "\(error)"
        }
    }

    init(path: String? = nil) { self.path = path }

    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        baseline = try c.decodeIfPresent(String.self, forKey: .baseline)
        // `pillars: data-flows` (one string) is accepted as well as a list.
        if let one = try? c.decodeIfPresent(String.self, forKey: .pillars) {
            pillars = [one]
        } else {
            pillars = try c.decodeIfPresent([String].self, forKey: .pillars)
        }
        failUnder = try c.decodeIfPresent(String.self, forKey: .failUnder)
        minScore = try c.decodeIfPresent(Int.self, forKey: .minScore)
        format = try c.decodeIfPresent(String.self, forKey: .format)
        exclude = try c.decodeIfPresent([String].self, forKey: .exclude)
        include = try c.decodeIfPresent([String].self, forKey: .include)
        jobs = try c.decodeIfPresent(Int.self, forKey: .jobs)
        rules = try c.decodeIfPresent(String.self, forKey: .rules)
    }
}
