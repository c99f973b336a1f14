#if canImport(Glibc)
import Glibc
#endif

/// What a finished command printed and how it ended.
public struct CommandOutput: Sendable, Equatable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    public var timedOut: Bool = false
}

/// Runs a program to completion with stdin from /dev/null and stdout and stderr captured.
/// posix_spawn, not fork: a multithreaded Swift process must not run Swift code in a forked child.
public struct ProcessRunner: Sendable {
    /// Seconds before a step's command is killed, so a lesson can never hang the player.
    public var timeout: Int32 = 60

    public init() {}

    /// Runs `argv` in `directory` (the current one if nil) with `environment` (KEY=VALUE strings).
    /// Only the child changes directory, so the caller's relative paths stay as they were.
    public func run(_ argv: [String], environment: [String], directory: String? = nil) -> CommandOutput {
        guard let executable = argv.first else { return CommandOutput(status: 127, stdout: "", stderr: "") }
        var outPipe: [Int32] = [0, 0]
        var errPipe: [Int32] = [0, 0]
        guard pipe(&outPipe) == 0 else { return failure("pipe") }
        guard pipe(&errPipe) == 0 else {
            close(outPipe[0]); close(outPipe[1])
            return failure("pipe")
        }
        for fd in outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Its own process group, so a timeout can kill the step's whole tree.
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
        posix_spawnattr_setpgroup(&attributes, 0)

        let cArgs = argv.map { strdup($0) }
        let cEnv = environment.map { strdup($0) }
        defer { (cArgs + cEnv).forEach { free($0) } }
        var argvZ = cArgs + [nil]
        var envZ = cEnv + [nil]
        var pid: pid_t = 0
        // posix_spawn_file_actions_addchdir_np does not import into Swift, so the child gets its
        // directory by the player changing into it for the spawn alone and straight back.
        let home = directory.map { _ in open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC) } ?? -1
        if let directory, chdir(directory) != 0 {
            if home >= 0 { close(home) }
            close(outPipe[0]); close(outPipe[1]); close(errPipe[0]); close(errPipe[1])
            return failure("chdir \(directory)")
        }
        defer { if home >= 0 { _ = fchdir(home); close(home) } }
        let spawned = argvZ.withUnsafeMutableBufferPointer { a in
            envZ.withUnsafeMutableBufferPointer { e in
                guard let argvBase = a.baseAddress, let envBase = e.baseAddress else { return EINVAL }
                return posix_spawnp(&pid, executable, &actions, &attributes, argvBase, envBase)
            }
        }
        close(outPipe[1])
        close(errPipe[1])
        defer { close(outPipe[0]); close(errPipe[0]) }
        guard spawned == 0 else {
            return CommandOutput(status: 127, stdout: "", stderr: "\(executable): \(String(cString: strerror(spawned)))\n")
        }

        var out: [UInt8] = []
        var err: [UInt8] = []
        var reading = [true, true]
        var timedOut = false
        let deadline = Self.now() + Double(timeout)
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while reading[0] || reading[1] {
            var fds = [pollfd(fd: reading[0] ? outPipe[0] : -1, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: reading[1] ? errPipe[0] : -1, events: Int16(POLLIN), revents: 0)]
            let remaining = deadline - Self.now()
            if remaining <= 0 {
                kill(-pid, SIGKILL)
                timedOut = true
                break
            }
            let ready = poll(&fds, 2, Int32(min(remaining, 1) * 1000))
            if ready < 0 && errno == EINTR { continue }
            if ready < 0 { break }
            for i in 0..<2 where reading[i] && fds[i].revents != 0 {
                let n = chunk.withUnsafeMutableBytes { read(fds[i].fd, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { reading[i] = false; continue }
                if i == 0 { out += chunk[0..<n] } else { err += chunk[0..<n] }
            }
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitStatus: Int32 = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return CommandOutput(status: exitStatus, stdout: String(decoding: out, as: UTF8.self),
                             stderr: String(decoding: err, as: UTF8.self), timedOut: timedOut)
    }

    private func failure(_ call: String) -> CommandOutput {
        CommandOutput(status: 125, stdout: "", stderr: "\(call): \(String(cString: strerror(errno)))\n")
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
