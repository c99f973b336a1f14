import HostSystem
#if canImport(Glibc)
import Glibc
#endif

/// A system call that failed: which call, on what, and the errno it returned.
/// The message reads like `mount overlay on /…/rootfs: No such file or directory`.
public struct KernelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The operation in words, e.g. "mkdir", "write 64m to memory.limit_in_bytes".
    public var operation: String
    /// The path or object it acted on.
    public var path: String
    public var errno: Int32

    public init(_ operation: String, path: String, errno: Int32) {
        self.operation = operation
        self.path = path
        self.errno = errno
    }

    /// The same failure, reported by HostSystem's helpers.
    public init(_ error: SystemCallError) {
        self.init(error.call, path: error.path, errno: error.errno)
    }

    public var description: String {
        "\(operation) \(path): \(Self.message(for: errno))"
    }

    /// strerror(3), e.g. "Permission denied".
    public static func message(for errno: Int32) -> String {
        SystemCallError.message(for: errno)
    }
}

/// A container's first process failed before it could run its command.
public struct LaunchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Where it failed.
    public enum Stage: Sendable, Equatable {
        case clone
        case step(SetupStep)
        case cgroupNamespace, privateMounts, pivotRoot, hostname, loopback, identity, workingDirectory, terminal, stdio
        /// Installing the seccomp filter, dropping the bounding set, setting capabilities, no_new_privs.
        case seccomp, boundingSet, capabilities, noNewPrivileges
        /// execve(2) failed: the command is missing or not executable.
        case exec(command: String)
        /// The process vanished before it started, e.g. it was killed.
        case vanished
        /// `exec` could not enter one of the container's namespaces.
        case joinNamespace(String)
        /// setrlimit(2) of a `--ulimit` failed.
        case resourceLimit(String)
        /// The process could not write itself into a cgroup v1 `tasks` file (this path).
        case joinCgroup(String)
    }

    public var stage: Stage
    public var errno: Int32

    public init(stage: Stage, errno: Int32) {
        self.stage = stage
        self.errno = errno
    }

    public var description: String {
        let reason = KernelError.message(for: errno)
        switch stage {
        case .clone: return "clone: \(reason)"
        case let .step(step): return "\(step.summary): \(reason)"
        case .cgroupNamespace: return "unshare(CLONE_NEWCGROUP): \(reason)"
        case .privateMounts: return "making mounts private: \(reason)"
        case .pivotRoot: return "pivot_root: \(reason)"
        case .hostname: return "sethostname: \(reason)"
        case .loopback: return "bringing up lo: \(reason)"
        case .identity: return "setting user and groups: \(reason)"
        case .seccomp: return "installing the seccomp filter: \(reason)"
        case .boundingSet: return "dropping capabilities from the bounding set: \(reason)"
        case .capabilities: return "setting capabilities: \(reason)"
        case .noNewPrivileges: return "setting no_new_privs: \(reason)"
        case .workingDirectory: return "chdir to the working directory: \(reason)"
        case let .resourceLimit(name): return "setting --ulimit \(name): \(reason)"
        case let .joinCgroup(tasksFile): return "joining the cgroup (write 0 > \(tasksFile)): \(reason)"
        case .terminal: return "setting up the terminal: \(reason)"
        case .stdio: return "setting up standard input and output: \(reason)"
        case let .exec(command):
            if errno == ENOENT { return "exec: \"\(command)\": executable file not found in $PATH" }
            return "exec: \"\(command)\": \(reason)"
        case .vanished: return "the container's process exited before it started: \(reason)"
        case let .joinNamespace(kind): return "setns into the container's \(kind) namespace: \(reason)"
        }
    }
}

extension SetupStep {
    /// The step in a few words, for error messages.
    public var summary: String {
        switch self {
        case let .mount(m): "mount \(m.type) on \(m.target)"
        case let .makeDirectory(path, _): "mkdir \(path)"
        case let .makeDevice(path, _, _, _): "mknod \(path)"
        case let .symlink(path, target): "symlink \(path) -> \(target)"
        case let .touch(path): "create \(path)"
        case let .remount(target, flags): "remount \(target) \(flags.names.joined(separator: ","))"
        case let .setSysctl(key, value): "sysctl \(key)=\(value)"
        case let .inRoot(root, _): hostView.summary + " (resolved inside \(root))"
        }
    }
}
