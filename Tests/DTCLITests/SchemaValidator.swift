import DTTestSupport
import Foundation
import Testing

/// Validates JSON against a JSON Schema with python3's `jsonschema` (the draft is
/// taken from the schema's `$schema`). Skips with a message when python3 or the
/// module is missing, unless DTCHECK_REQUIRE_SHARED=1, where that is a failure.
enum SchemaValidator {
    static let script = """
    import json, sys
    try:
        import jsonschema
    except ImportError:
        sys.exit(3)
    schema = json.load(open(sys.argv[1]))
    instance = json.load(open(sys.argv[2]))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    errors = sorted(cls(schema).iter_errors(instance), key=lambda e: list(e.path))
    for e in errors[:20]:
        print("/".join(str(p) for p in e.path), ":", e.message)
    sys.exit(1 if errors else 0)
    """

    /// Errors (empty when valid), or nil when validation could not run (skipped).
    static func validate(json: String, schemaPath: String) -> [String]? {
        let dir = Dtcheck.tempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let instance = dir.appendingPathComponent("instance.json")
        let scriptURL = dir.appendingPathComponent("validate.py")
        let out = dir.appendingPathComponent("out")
        do {
            try Data(json.utf8).write(to: instance)
            try Data(script.utf8).write(to: scriptURL)
            _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        } catch {
            Issue.record("cannot write temp files: \(error)")
            return nil
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", scriptURL.path, schemaPath, instance.path]
        do {
            let handle = try FileHandle(forWritingTo: out)
            p.standardOutput = handle
            p.standardError = handle
            try p.runUntilExit()
        } catch {
            return skip("python3 not runnable: \(error)")
        }
        let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        switch p.terminationStatus {
        case 0: return []
        case 1: return text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }.ifEmpty(["invalid: " + text])
        case 3: return skip("python3 module jsonschema is not installed")
        case 127: return skip("python3 not found")
        default: return ["validator failed (\(p.terminationStatus)): \(text)"]
        }
    }

    static func skip(_ why: String) -> [String]? {
        if SharedCorpus.required { Issue.record("schema validation required but \(why)") } else { print("skipping schema validation: \(why)") }
        return nil
    }
}

extension Array {
    func ifEmpty(_ other: [Element]) -> [Element] { isEmpty ? self + other : self }
}
