import HostSystem
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A host program a test runs in the background, such as a registry or a token service: its
/// stdout and stderr go to a log file, and it is stopped by `stop()`, when the value is released,
/// or when the test process itself dies, whichever comes first.
///
/// The last case is the one a deinit cannot cover (a crash, a SIGKILL from a timeout). The
/// program is started through a small shell guard whose stdin is a pipe only this process holds
/// the write end of: the guard starts a watcher that blocks reading that pipe, then `exec`s the
/// program, which so keeps the guard's pid. When the pipe's last writer goes away (we close it, or
/// the kernel closes it because we died), the watcher reads end-of-file and sends SIGTERM to that
/// pid. Closing the pipe is therefore how `stop()` stops the program; SIGKILL follows if it lingers.
///
/// It is started with HostSystem's posix_spawn, which clears the signal mask: a test thread
/// blocks SIGTERM, and a program that inherited that (python does) would never stop on it.
public final class BackgroundServer: Sendable {
    /// Where the program's stdout and stderr go.
    public let logPath: String
    /// The program's pid (the guard's, which `exec` handed to the program).
    public let pid: Int32

    /// The pipe's write end until `stop()` closes it; the wait status once the program is reaped.
    private struct State {
        var lifeline: FileDescriptor?
        var waitStatus: Int32?
    }
    private let state: Mutex<State>

    /// `$0` names the guard in `ps`; `$@` is the program and its arguments.
    private static let guardScript = """
        exec 3<&0 </dev/null
        { read -r _ <&3; kill -TERM $$ 2>/dev/null; } &
        exec "$@" 3<&-
        """

    /// Starts `executable arguments...` with this process's environment.
    public init(_ executable: String, _ arguments: [String], logPath: String) throws {
        let log = try FileDescriptor.open(logPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, permissions: 0o644)
        defer { log.close() }
        let lifeline = try Pipe()
        let program = HostProgram("/bin/sh", ["-c", Self.guardScript, "dockyard-test-guard", executable] + arguments)
        do {
            pid = try program.spawn(stdin: lifeline.readEnd, stdout: log, stderr: log)
        } catch {
            lifeline.close()
            throw error
        }
        lifeline.readEnd.close()
        self.logPath = logPath
        state = Mutex(State(lifeline: lifeline.writeEnd))
    }

    deinit { stop() }

    /// Whether the program is still running (it is reaped here once it has exited).
    public var isRunning: Bool {
        state.withLock { Self.reap(pid, &$0, blocking: false) == nil }
    }

    /// What the program has written so far.
    public var log: String {
        (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
    }

    /// Stops the program and waits for it: SIGTERM through the guard, SIGKILL after `grace`.
    /// Calling it again does nothing.
    public func stop(grace: Duration = .seconds(5)) {
        state.withLock { current in
            current.lifeline?.close()
            current.lifeline = nil
        }
        let deadline = ContinuousClock.now + grace
        while isRunning && ContinuousClock.now < deadline {
            usleep(10_000)
        }
        state.withLock { current in
            guard Self.reap(pid, &current, blocking: false) == nil else { return }
            kill(pid, SIGKILL)
            _ = Self.reap(pid, &current, blocking: true)
        }
    }

    /// The program's wait status once it has ended (reaping it the first time), else nil.
    private static func reap(_ pid: Int32, _ state: inout State, blocking: Bool) -> Int32? {
        if let status = state.waitStatus { return status }
        var status: Int32 = 0
        var result: pid_t
        repeat {
            result = waitpid(pid, &status, blocking ? 0 : WNOHANG)
        } while result < 0 && errno == EINTR
        if result == 0 { return nil }
        // -1 (ECHILD): reaped already by someone else; it has ended all the same.
        state.waitStatus = result == pid ? status : -1
        return state.waitStatus
    }
}

extension BackgroundServer {
    /// The port a server wrote to `path` once it listens (python's start-up is most of the wait);
    /// stops the server and throws, with its log, if it never does.
    public func waitForPortFile(_ path: String, what: String) throws -> UInt16 {
        let deadline = ContinuousClock.now + .seconds(15)
        while ContinuousClock.now < deadline {
            if let text = try? String(contentsOfFile: path, encoding: .utf8),
               let port = UInt16(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                return port
            }
            guard isRunning else { break }
            usleep(10_000)
        }
        stop()
        throw TemporaryDirectoryError(message: "\(what) did not start: \(log)")
    }

    /// True once the URL answers with any HTTP status (200 without auth, 401 with), false if the
    /// server exits or 15 s pass.
    public func waitUntilAnswering(_ url: String, caCertificatePath: String? = nil) throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(15)
        while ContinuousClock.now < deadline && isRunning {
            if try HTTPProbe.get(url, caCertificatePath: caCertificatePath, timeoutSeconds: 2).status != 0 {
                return true
            }
            usleep(20_000)
        }
        return false
    }
}
