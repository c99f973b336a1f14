import FoundationEssentials
import HostSystem

#if canImport(Glibc)
import Glibc
#endif

/// What an exercise's checks read, at the moment they run: the store through `dockyard inspect`
/// (the same binary the learner uses), and the kernel through `/proc/PID` and the cgroup files.
struct LiveState: Sendable {
    var context: StepContext
    var runner: ProcessRunner

    /// A container as the store has it now.
    struct Container: Sendable, Equatable {
        var running: Bool
        /// The host's pid of its first process (0 when it is not running).
        var pid: Int32
        var image: String
    }

    /// `dockyard inspect -f TEMPLATE NAME`'s output, without the trailing newline; nil when the
    /// name is not a container (inspect fails).
    func inspect(_ name: String, _ template: String, image: Bool = false) -> String? {
        let argv = [context.dockyard] + (image ? ["image"] : []) + ["inspect", "-f", template, name]
        let output = runner.run(argv, environment: context.stepEnvironment, directory: context.workDirectory)
        guard output.status == 0 else { return nil }
        return output.stdout.hasSuffix("\n") ? String(output.stdout.dropLast()) : output.stdout
    }

    func container(_ name: String) -> Container? {
        guard let line = inspect(name, "{{.State.Running}} {{.State.Pid}} {{.Image}}") else { return nil }
        let words = line.split(separator: " ").map(String.init)
        guard words.count == 3 else { return nil }
        return Container(running: words[0] == "true", pid: Int32(words[1]) ?? 0, image: words[2])
    }

    /// The limit the kernel holds for `pid`'s cgroup, and the file it was read from.
    enum LimitReading: Sendable, Equatable {
        case value(Int64, file: String)
        case unlimited(file: String)
        case unreadable
    }

    /// Reads `/proc/PID/cgroup` (from the host's cgroup namespace, so the paths are the host's)
    /// and then the controller's file: v1 where the controller is mounted on its own, v2 otherwise.
    func limit(_ kind: ExerciseCheck.LimitKind, pid: Int32) -> LimitReading {
        guard let membership = Self.read("/proc/\(pid)/cgroup") else { return .unreadable }
        let controller = switch kind { case .memory: "memory"; case .pids: "pids"; case .cpus: "cpu" }
        for line in membership.split(separator: "\n") {
            let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 3, fields[1].split(separator: ",").contains(Substring(controller)) else { continue }
            let file = switch kind { case .memory: "memory.limit_in_bytes"; case .pids: "pids.max"; case .cpus: "cpu.cfs_quota_us" }
            let path = "/sys/fs/cgroup/\(controller)\(fields[2])/\(file)"
            guard let text = Self.read(path)?.trimmed else { return .unreadable }
            // v1 writes "unlimited" as the largest page-aligned size, "max", or a quota of -1.
            if text == "max" || text == "-1" { return .unlimited(file: path) }
            guard let value = Int64(text) else { return .unreadable }
            return value >= (Int64(1) << 62) ? .unlimited(file: path) : .value(value, file: path)
        }
        guard let unified = membership.split(separator: "\n").first(where: { $0.hasPrefix("0::") }) else { return .unreadable }
        let root = FileManager.default.fileExists(atPath: "/sys/fs/cgroup/cgroup.controllers") ? "/sys/fs/cgroup" : "/sys/fs/cgroup/unified"
        let file = switch kind { case .memory: "memory.max"; case .pids: "pids.max"; case .cpus: "cpu.max" }
        let path = root + unified.dropFirst(3) + "/" + file
        guard let text = Self.read(path)?.trimmed else { return .unreadable }
        let first = String(text.split(separator: " ").first ?? "")
        if first == "max" { return .unlimited(file: path) }
        return Int64(first).map { .value($0, file: path) } ?? .unreadable
    }

    /// The inode of `/proc/PID/ns/KIND` (`net:[4026532281]` → 4026532281); `self` for the host's,
    /// since the player itself never joins a container's or the rootless namespaces.
    func namespaceInode(_ process: String, _ kind: String) -> UInt64? {
        var buffer = [CChar](repeating: 0, count: 256)
        let length = readlink("/proc/\(process)/ns/\(kind)", &buffer, buffer.count - 1)
        guard length > 0 else { return nil }
        let link = String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return UInt64(link.filter(\.isNumber))
    }

    /// Linux's O_PATH (an fd that only names a file), which Glibc's headers show only with _GNU_SOURCE.
    static let pathOnly: Int32 = 0o10000000

    /// Whether `path` is in the root of process `pid`, walked one directory at a time from
    /// `/proc/PID/root` without following any symlink: an absolute symlink there would otherwise
    /// resolve against the host's root, and the container could make the check look at host paths.
    /// The last component is not followed either, so a symlink counts as present.
    func exists(_ path: String, inRootOf pid: Int32) -> Bool {
        let components = path.split(separator: "/").map(String.init)
        guard let last = components.last, !components.contains(".."), !components.contains(".") else { return false }
        var directory = open("/proc/\(pid)/root", LiveState.pathOnly | O_DIRECTORY | O_CLOEXEC)
        guard directory >= 0 else { return false }
        defer { close(directory) }
        for component in components.dropLast() {
            let next = openat(directory, component, LiveState.pathOnly | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard next >= 0 else { return false }
            close(directory)
            directory = next
        }
        var info = stat()
        return fstatat(directory, last, &info, AT_SYMLINK_NOFOLLOW) == 0
    }

    /// The effective uid of `pid` as its own user namespace numbers it: `/proc/PID/status` gives
    /// the host's number (`Uid:	real	effective	saved	fs`), mapped back through `/proc/PID/uid_map`
    /// (`inside outside count`; `0 0 4294967295` without a user namespace of its own).
    func effectiveUID(_ pid: Int32) -> UInt32? {
        guard let host = hostUID(pid).map(UInt64.init), let map = Self.read("/proc/\(pid)/uid_map") else { return nil }
        for entry in map.split(separator: "\n") {
            let numbers = entry.split(separator: " ").compactMap { UInt64($0) }
            guard numbers.count == 3, host >= numbers[1], host < numbers[1] + numbers[2] else { continue }
            return UInt32(exactly: numbers[0] + host - numbers[1])
        }
        return nil
    }

    /// The body of `GET http://127.0.0.1:PORT/`, or nil when nothing answers HTTP within two seconds.
    func httpBody(port: Int) -> String? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return nil }
        let request = Array("GET / HTTP/1.0\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)
        guard Glibc.write(fd, request, request.count) == request.count else { return nil }
        var response: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        // A server in a container is not trusted: at most 1 MiB, and no longer than three
        // seconds in all, however slowly it dribbles its bytes.
        let deadline = ContinuousClock.now.advanced(by: .seconds(3))
        while response.count < 1 << 20, ContinuousClock.now < deadline {
            let n = Glibc.read(fd, &chunk, chunk.count)
            if n <= 0 { break }
            response += chunk.prefix(n)
        }
        let text = String(decoding: response, as: UTF8.self)
        // "HTTP/1.1 200 OK": an answer of HTTP's has a status, its second word.
        guard text.hasPrefix("HTTP/"), text.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap({ Int($0) }) != nil else {
            return nil
        }
        return text.firstRange(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
    }

    /// A file's text, or nil when it cannot be read.
    static func read(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The text of a host file a container may have written (a bind mount), read as untrusted:
    /// not through a symlink in its last component, only a regular file (a FIFO would block the
    /// player, `/dev/zero` never end), opened without blocking, and at most 1 MiB of it.
    static func readUntrusted(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while bytes.count < 1 << 20 {
            let n = Glibc.read(fd, &chunk, chunk.count)
            if n <= 0 { break }
            bytes += chunk.prefix(n)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A host path as a check names it: absolute, or relative to the lesson's directory.
    func hostPath(_ path: String) -> String {
        path.hasPrefix("/") ? path : context.workDirectory + "/" + path
    }
}
