#if canImport(Glibc)
import Glibc
#endif

/// Runs a program on the host (e.g. `nft`), feeding it standard input and collecting what it
/// prints. posix_spawn, not fork: a multithreaded Swift process must not run Swift code in a
/// forked child.
public enum HostProgram {
    public struct Result: Sendable {
        public var status: Int32
        public var output: String
        public var errors: String
    }

    /// Runs `path` with `arguments` to completion. Throws only if it cannot be started.
    public static func run(_ path: String, _ arguments: [String], input: String = "") throws(KernelError) -> Result {
        var stdinPipe: [Int32] = [0, 0], stdoutPipe: [Int32] = [0, 0], stderrPipe: [Int32] = [0, 0]
        for index in 0..<3 {
            var fds: [Int32] = [0, 0]
            guard pipe(&fds) == 0 else { throw KernelError("pipe", path: "for \(path)", errno: errno) }
            // Close-on-exec: only the dup2'd copies reach the program, and no other spawn inherits them.
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
            if index == 0 { stdinPipe = fds } else if index == 1 { stdoutPipe = fds } else { stderrPipe = fds }
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, stdinPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, stdoutPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, stderrPipe[1], 2)

        let argv = ([path] + arguments).map { strdup($0) }
        defer { argv.forEach { free($0) } }
        var argvWithTerminator = argv + [nil]
        var pid: pid_t = 0
        let spawned = argvWithTerminator.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return EINVAL }
            return posix_spawn(&pid, path, &actions, nil, base, environ)
        }
        close(stdinPipe[0]); close(stdoutPipe[1]); close(stderrPipe[1])
        defer { close(stdoutPipe[0]); close(stderrPipe[0]) }
        guard spawned == 0 else {
            close(stdinPipe[1])
            throw KernelError("posix_spawn", path: path, errno: spawned)
        }
        // nft reads its whole input before it answers, and its input here is small: write it
        // all, close, then drain stdout and stderr (small too) one after the other.
        var text = input
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = write(stdinPipe[1], bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                offset += n
            }
        }
        close(stdinPipe[1])
        let output = drain(stdoutPipe[0])
        let errors = drain(stderrPipe[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return Result(status: status, output: output, errors: errors)
    }

    private static func drain(_ fd: Int32) -> String {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            bytes.append(contentsOf: chunk[0..<n])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
