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

    enum CodingKeys: String, CodingKey {
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
        do {
            var config = try YAMLDecoder().decode(ConfigFile.self, from: text)
            config.path = path
            return config
        } catch let e as YamlError {
            throw CLIError.usage("\(path): invalid YAML: \(e)")
        } catch {
            throw CLIError.usage("\(path): \(describe(error))")
        }
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
