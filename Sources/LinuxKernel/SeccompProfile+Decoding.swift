import FoundationEssentials
import OCI

/// A seccomp profile that could not be read: where it came from and what is wrong, e.g.
/// `seccomp profile ./p.json: syscalls[2].args[0].op: unknown op "SCMP_CMP_XX" (...)`.
public struct SeccompProfileError: Error, Equatable, CustomStringConvertible {
    public var source: String
    public var problem: String

    public init(source: String, problem: String) {
        self.source = source
        self.problem = problem
    }

    public var description: String { "seccomp profile \(source): \(problem)" }
}

extension SeccompProfile {
    /// Decodes and checks a profile in Docker's format; `source` names it in errors (a path).
    public init(json: String, source: String) throws(SeccompProfileError) {
        do {
            self = try JSONDecoder().decode(SeccompProfile.self, from: Data(json.utf8))
        } catch let error as DecodingError {
            throw SeccompProfileError(source: source, problem: Self.describe(error, in: json))
        } catch {
            throw SeccompProfileError(source: source, problem: "\(error)")
        }
        if let problem = firstProblem() { throw SeccompProfileError(source: source, problem: problem) }
    }

    /// What the JSON decoder objected to, with the path of the offending field (`syscalls[3].action`).
    static func describe(_ error: DecodingError, in json: String) -> String {
        func path(_ keys: [CodingKey]) -> String {
            keys.reduce("") { text, key in
                key.intValue.map { "\(text)[\($0)]" } ?? (text.isEmpty ? key.stringValue : "\(text).\(key.stringValue)")
            }
        }
        func located(_ context: DecodingError.Context, _ message: String) -> String {
            let where_ = path(context.codingPath)
            return where_.isEmpty ? message : "\(where_): \(message)"
        }
        switch error {
        case let .keyNotFound(key, context):
            return located(context, "missing \"\(key.stringValue)\"")
        case let .typeMismatch(type, context), let .valueNotFound(type, context):
            return located(context, "expected \(type == String.self ? "a string" : type is any BinaryInteger.Type ? "a number" : "\(type)")")
        case let .dataCorrupted(context) where context.codingPath.isEmpty:
            return syntaxProblem(json)
        case let .dataCorrupted(context):
            return located(context, context.debugDescription)
        @unknown default:
            return "\(error)"
        }
    }

    /// The decoder says only "not valid JSON", for bad syntax and for a number its field cannot
    /// hold alike; the `JSONNode` reader, asked only on this error path, tells them apart and says
    /// where the syntax breaks.
    static func syntaxProblem(_ json: String) -> String {
        let bytes = Array(json.utf8)
        guard let offset = JSONNode.refusalOffset(bytes) else {
            return "a number does not fit its field (values are unsigned 64-bit integers, errnoRet 1 to 4095)"
        }
        guard offset < bytes.count else { return "not valid JSON (Unexpected end of file)" }
        let before = bytes[..<offset]
        let line = before.count(where: { $0 == UInt8(ascii: "\n") }) + 1
        let column = offset - (before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0) + 1
        return "not valid JSON (near line \(line), column \(column))"
    }

    /// Checks the decoder cannot make: what libseccomp would refuse when the rule is added.
    func firstProblem() -> String? {
        for (position, entry) in syscalls.enumerated() {
            let at = "syscalls[\(position)]"
            if entry.names.isEmpty { return "\(at): no system call names" }
            let args = entry.args ?? []
            // seccomp_data holds six arguments; libseccomp compares each at most once per rule.
            if let bad = args.first(where: { $0.index > 5 }) {
                return "\(at): argument index \(bad.index) (a system call has arguments 0 to 5)"
            }
            if Set(args.map(\.index)).count != args.count { return "\(at): an argument compared twice in one rule" }
            if let errno = entry.errnoRet, errno > 4095 { return "\(at): errnoRet \(errno) is not an errno (1 to 4095)" }
            for version in [entry.includes?.minKernel, entry.excludes?.minKernel].compactMap({ $0 })
            where KernelVersion(version) == nil {
                return "\(at): minKernel \"\(version)\" is not a kernel version like \"4.8\""
            }
        }
        if let errno = defaultErrnoRet, errno > 4095 { return "defaultErrnoRet \(errno) is not an errno (1 to 4095)" }
        return nil
    }
}

extension SeccompProfile.Entry {
    enum CodingKeys: String, CodingKey {
        case name, names, action, errnoRet, args, comment, includes, excludes
    }

    /// Docker accepts `"name": "x"` as well as `"names": ["x", ...]`, but not both.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let one = try container.decodeIfPresent(String.self, forKey: .name)
        let many = try container.decodeIfPresent([String].self, forKey: .names)
        switch (one, many) {
        case let (name?, nil): names = [name]
        case let (nil, list?): names = list
        case (nil, nil):
            throw DecodingError.keyNotFound(CodingKeys.names, .init(codingPath: decoder.codingPath, debugDescription: "no names"))
        case (_?, _?):
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "both \"name\" and \"names\"; use either"))
        }
        action = try container.decode(SeccompAction.self, forKey: .action)
        errnoRet = try container.decodeIfPresent(UInt32.self, forKey: .errnoRet)
        args = try container.decodeIfPresent([SeccompProfile.Argument].self, forKey: .args)
        comment = try container.decodeIfPresent(String.self, forKey: .comment)
        includes = try container.decodeIfPresent(SeccompProfile.Condition.self, forKey: .includes)
        excludes = try container.decodeIfPresent(SeccompProfile.Condition.self, forKey: .excludes)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(names, forKey: .names)
        try container.encode(action, forKey: .action)
        try container.encodeIfPresent(errnoRet, forKey: .errnoRet)
        try container.encodeIfPresent(args, forKey: .args)
        try container.encodeIfPresent(comment, forKey: .comment)
        try container.encodeIfPresent(includes, forKey: .includes)
        try container.encodeIfPresent(excludes, forKey: .excludes)
    }
}
