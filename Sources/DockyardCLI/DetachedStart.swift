import ArgumentParser
import ContainerRuntime
import HostSystem
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// Starts a container in the background (`run -d`, `start`): launches its monitor, a copy of
/// dockyard that outlives this command, and waits only until the monitor says the container
/// started (or why it could not), relaying explain events meanwhile.
enum DetachedStart {
    static func start(_ record: ContainerRecord, root: String, explain: ExplainMode?) throws {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw RuntimeError("pipe: \(String(cString: strerror(errno)))") }
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        var arguments = [Daemon.ownExecutable, "_monitor", "--root", root, record.id.full]
        if let explain { arguments.append("--explain=\(explain.rawValue)") }
        let pid: Int32
        do {
            pid = try Daemon.spawn(path: Daemon.ownExecutable, arguments: arguments, statusFD: fds[1])
        } catch {
            close(fds[0])
            close(fds[1])
            throw error
        }
        close(fds[1])
        defer { close(fds[0]) }

        var outcome: String?
        for line in Lines(fd: fds[0]) {
            if line.hasPrefix("E ") {
                StandardError.write(String(line.dropFirst(2)) + "\n")
            } else {
                outcome = line
                break
            }
        }
        guard let outcome, outcome == "started" else {
            // The monitor gave up (or died): reap it, and report what it said.
            var status: Int32 = 0
            waitpid(pid, &status, WNOHANG)
            let parts = (outcome ?? "failed 125 the container's monitor exited without starting it")
                .split(separator: " ", maxSplits: 2).map(String.init)
            StandardError.line("dockyard: " + (parts.count > 2 ? parts[2] : "the container did not start"))
            throw ExitCode(parts.count > 1 ? Int32(parts[1]) ?? 125 : 125)
        }
    }
}

/// The lines read from a file descriptor until end of file.
struct Lines: Sequence, IteratorProtocol {
    let fd: Int32
    private var buffer: [UInt8] = []
    private var ended = false

    init(fd: Int32) {
        self.fd = fd
    }

    mutating func next() -> String? {
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            if ended {
                guard !buffer.isEmpty else { return nil }
                defer { buffer = [] }
                return String(decoding: buffer, as: UTF8.self)
            }
            let chunk = (try? FileDescriptor(rawValue: fd).read(upTo: 4096)) ?? []
            if chunk.isEmpty { ended = true } else { buffer += chunk }
        }
    }
}
