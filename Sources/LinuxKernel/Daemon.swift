import CLinux
#if canImport(Glibc)
import Glibc
#endif

/// Starts a program in the background, in a session of its own, detached from the terminal:
/// how `run -d` starts the monitor that outlives the dockyard command.
public enum Daemon {
    /// Starts `path` with `arguments` (argv[0] included); `statusFD` becomes its fd 3.
    public static func spawn(path: String, arguments: [String], statusFD: Int32) throws -> Int32 {
        let arena = CStringArena()
        let argv = arena.array(arguments)
        let pid = dy_spawn_daemon(arena.string(path), argv, statusFD)
        guard pid > 0 else { throw KernelError("fork and exec", path: path, errno: -pid) }
        return pid
    }

    /// This program's own path (/proc/self/exe), to start another copy of dockyard.
    public static var ownExecutable: String {
        var buffer = [CChar](repeating: 0, count: 4096)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return CommandLine.arguments[0] }
        return String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
