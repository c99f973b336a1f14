/// One thing an exercise checks in the live system after the learner's commands ran: a kernel
/// object or a record in the store, read while the container it belongs to still exists.
///
/// Declared one per line in a ```` ```check ```` block right after the exercise's step:
///
///     memory lesson-mem 48m          the running container's memory cgroup limit
///     file lesson-a /secret.txt      the path is in lesson-a's root (its own writable layer)
///     answer pid lesson-web          the learner's typed answer is lesson-web's host pid
///
/// The whole list is in lessons/README.md.
///
/// A check never reads the command's output: a value echoed without doing the thing cannot pass.
public enum ExerciseCheck: Sendable, Equatable {
    /// `running NAME`: the container is running now.
    case running(container: String)
    /// `memory NAME SIZE`, `pids NAME N`, `cpus NAME N`: the limit the kernel holds in the
    /// running container's cgroup (v1 `memory.limit_in_bytes`, `pids.max`, `cpu.cfs_quota_us`;
    /// v2 `memory.max`, `pids.max`, `cpu.max`), found through `/proc/PID/cgroup`.
    case limit(LimitKind, container: String, expected: Int64)
    /// `file NAME PATH` / `no-file NAME PATH`: the path is (is not) in the container's root
    /// filesystem, read through `/proc/PID/root` while it runs, else its overlay's merged root.
    case file(container: String, path: String, present: Bool)
    /// `uid NAME N`: the running container's first process has effective uid N (the `Uid:` line
    /// of `/proc/PID/status`, as the host's root sees it).
    case uid(container: String, uid: UInt32)
    /// `same-image A B`: two containers made from one image.
    case sameImage(String, String)
    /// `own-ns NAME KIND`: the container's `/proc/PID/ns/KIND` is not the host's.
    case ownNamespace(container: String, kind: String)
    /// `answer pid NAME` / `answer ns NAME KIND`: the learner types a value, compared with the
    /// container's host pid or the inode of its namespace.
    case answer(AnswerSubject)
    /// `layers IMAGE N`: the image in the store has N layers.
    case layers(image: String, count: Int)
    /// `one-image A B`: two names in the store are one image, the same config digest (image ID).
    case oneImage(String, String)
    /// `in-registry 127.0.0.1:PORT/REPO:TAG IMAGE`: the registry on the loopback serves a manifest
    /// for that tag, and the manifest names IMAGE's config (its ID in the store).
    case inRegistry(RegistryTag, image: String)
    /// `inspect NAME TEMPLATE VALUE`: `dockyard inspect -f TEMPLATE NAME` prints VALUE.
    case inspect(container: String, template: String, expected: String)
    /// `http PORT TEXT`: a GET of `http://127.0.0.1:PORT/` answers with a body containing TEXT.
    case http(port: Int, contains: String)
    /// `host-file PATH TEXT`: a file on the host (relative to the lesson's directory) contains TEXT.
    case hostFile(path: String, contains: String)

    /// The cgroup limits a check can read.
    public enum LimitKind: String, Sendable, Equatable, CaseIterable {
        case memory, pids, cpus
    }

    /// What a typed answer is compared with.
    public enum AnswerSubject: Sendable, Equatable {
        case pid(container: String)
        case namespace(container: String, kind: String)
        /// The uid the host's kernel gives the container's first process (`/proc/PID/status`).
        case hostUID(container: String)
    }

    /// The namespaces `/proc/PID/ns` lists that a check may name.
    static let namespaceKinds: Set<String> = ["pid", "net", "mnt", "uts", "ipc", "user", "cgroup", "time"]

    /// Whether the state may still be on its way when the commands return: a server starting,
    /// a file a detached container writes. Such a check is read again for a few seconds.
    var settles: Bool {
        switch self {
        case .http, .hostFile, .file(_, _, true), .running: true
        default: false
        }
    }

    /// Whether the learner is asked to type a value after the commands ran.
    public var asksAnswer: Bool { if case .answer = self { true } else { false } }

    /// The container the check reads, if it reads one.
    public var container: String? {
        switch self {
        case let .running(name), let .limit(_, name, _), let .file(name, _, _), let .ownNamespace(name, _),
             let .inspect(name, _, _), let .uid(name, _):
            name
        case let .sameImage(a, _): a
        case let .answer(.pid(name)), let .answer(.namespace(name, _)), let .answer(.hostUID(name)): name
        case .layers, .oneImage, .inRegistry, .http, .hostFile: nil
        }
    }
}

extension ExerciseCheck {
    /// One line of a check block; throws a sentence naming what is wrong with it.
    public static func parse(_ line: String) throws(AttributeError) -> ExerciseCheck {
        let words = ShellWords.split(line)
        guard let keyword = words.first else { throw AttributeError(message: "an empty check") }
        let args = Array(words.dropFirst())
        func need(_ count: Int, _ usage: String) throws(AttributeError) {
            guard args.count == count else { throw AttributeError(message: "\(keyword) takes \(usage), not \"\(line)\"") }
        }
        switch keyword {
        case "running":
            try need(1, "a container name")
            return .running(container: args[0])
        case "memory", "pids", "cpus":
            try need(2, "a container name and a value")
            guard let kind = LimitKind(rawValue: keyword) else { throw AttributeError(message: "unknown limit \(keyword)") }
            guard let value = LimitValue.parse(args[1], kind: kind) else {
                throw AttributeError(message: "\(keyword): \"\(args[1])\" is not a \(kind == .memory ? "size such as 48m" : "number")")
            }
            return .limit(kind, container: args[0], expected: value)
        case "file", "no-file":
            try need(2, "a container name and an absolute path")
            guard args[1].hasPrefix("/") else { throw AttributeError(message: "\(keyword): \"\(args[1])\" is not an absolute path") }
            return .file(container: args[0], path: args[1], present: keyword == "file")
        case "uid":
            try need(2, "a container name and a uid")
            guard let uid = UInt32(args[1]) else { throw AttributeError(message: "uid: \"\(args[1])\" is not a uid") }
            return .uid(container: args[0], uid: uid)
        case "same-image":
            try need(2, "two container names")
            return .sameImage(args[0], args[1])
        case "own-ns":
            try need(2, "a container name and a namespace kind")
            try requireNamespace(args[1])
            return .ownNamespace(container: args[0], kind: args[1])
        case "answer":
            return .answer(try answerSubject(args, line: line))
        case "layers":
            try need(2, "an image and a count")
            guard let count = Int(args[1]), count >= 0 else { throw AttributeError(message: "layers: \"\(args[1])\" is not a count") }
            return .layers(image: args[0], count: count)
        case "one-image":
            try need(2, "two image names")
            return .oneImage(args[0], args[1])
        case "in-registry":
            try need(2, "a reference on a loopback registry (127.0.0.1:PORT/REPO:TAG) and an image")
            guard let tag = RegistryTag(args[0]) else {
                throw AttributeError(message: "in-registry: \"\(args[0])\" is not 127.0.0.1:PORT/REPO:TAG or localhost:PORT/REPO:TAG")
            }
            return .inRegistry(tag, image: args[1])
        case "inspect":
            try need(3, "a container name, a template and a value")
            return .inspect(container: args[0], template: args[1], expected: args[2])
        case "http":
            try need(2, "a port and a text")
            guard let port = Int(args[0]), (1...65535).contains(port) else { throw AttributeError(message: "http: \"\(args[0])\" is not a port") }
            return .http(port: port, contains: args[1])
        case "host-file":
            try need(2, "a path and a text")
            return .hostFile(path: args[0], contains: args[1])
        default:
            throw AttributeError(message: "unknown check \"\(keyword)\" (running, memory, pids, cpus, file, no-file, uid, same-image, own-ns, answer, layers, one-image, in-registry, inspect, http, host-file)")
        }
    }

    private static func requireNamespace(_ kind: String) throws(AttributeError) {
        guard namespaceKinds.contains(kind) else {
            throw AttributeError(message: "\"\(kind)\" is not a namespace in /proc/PID/ns (\(namespaceKinds.sorted().joined(separator: ", ")))")
        }
    }

    private static func answerSubject(_ args: [String], line: String) throws(AttributeError) -> AnswerSubject {
        switch (args.first, args.count) {
        case ("pid", 2): return .pid(container: args[1])
        case ("uid", 2): return .hostUID(container: args[1])
        case ("ns", 3):
            try requireNamespace(args[2])
            return .namespace(container: args[1], kind: args[2])
        default: throw AttributeError(message: "answer takes pid NAME, uid NAME or ns NAME KIND, not \"\(line)\"")
        }
    }

    /// Every line of a check block, with the line numbers of the ones that could not be read.
    public static func parseBlock(_ text: String) -> (checks: [ExerciseCheck], problems: [(offset: Int, message: String)]) {
        var checks: [ExerciseCheck] = []
        var problems: [(Int, String)] = []
        for (offset, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw).trimmingSpaces
            if line.isEmpty || line.hasPrefix("#") { continue }
            do { checks.append(try parse(line)) } catch { problems.append((offset, error.message)) }
        }
        return (checks, problems)
    }
}
