import CLinux
import Explain
import FoundationEssentials
import HostSystem
#if canImport(Glibc)
import Glibc
#endif

/// The user-mode network helper (pasta), started with HostSystem's posix_spawn and stopped with
/// signals. pasta goes to the background by itself: the program dockyard spawns configures the
/// namespace's interface, binds the published ports, writes the pid file, forks the process that
/// stays and exits 0. So its exit is the moment the container's network is ready (about 0.1 s
/// here), and its pid file names the process to stop later.
extension LiveKernel {
    public func startNetworkHelper(_ launch: NetworkHelperLaunch) throws -> Int32 {
        // Opened here, by dockyard, which may open another process's namespace; pasta only
        // inherits the open file.
        let namespace: FileDescriptor
        do { namespace = try FileDescriptor.open(launch.namespaceFile, O_RDONLY) } catch { throw KernelError(error) }
        defer { namespace.close() }
        unlink(launch.pidFile)
        // The helper outlives this command: it must not keep anything of our caller's open. A
        // caller waiting for the end of its output, or (Foundation's Process) for a socket it
        // gave its child to close, would otherwise wait as long as the helper lives.
        _ = dy_cloexec_inherited()
        var program = HostProgram(launch.program, launch.arguments)
        program.passedFiles = [namespace]
        program.timeout = 10   // it returns in ~0.1 s; a helper that hangs must not hang the run
        let result: HostProgram.Result
        do { result = try program.run() } catch { throw KernelError(error) }
        guard result.exit.shellStatus == 0, !result.timedOut else {
            throw NetworkHelperError(program: launch.program, message: Self.complaint(result))
        }
        guard let text = FileManager.default.contents(atPath: launch.pidFile).map({ String(decoding: $0, as: UTF8.self) }),
              let pid = Int32(text.trimmed), pid > 0 else {
            throw NetworkHelperError(program: launch.program, message: "exited 0 but wrote no pid to \(launch.pidFile)")
        }
        events.emit(Event(.networkHelperStarted(program: launch.program, pid: pid, arguments: launch.arguments, ports: launch.ports)))
        return pid
    }

    public func stopNetworkHelper(program: String, pid: Int32, startTime: UInt64?) throws {
        guard Self.isAlive(pid, startTime: startTime) else { return }
        for signal in [SIGTERM, SIGKILL] {
            guard kill(pid, signal) == 0 || errno != ESRCH else { break }
            // pasta quits on SIGTERM at once; 1 s before SIGKILL, in steps of 10 ms.
            for _ in 0..<100 where Self.isAlive(pid, startTime: startTime) { usleep(10_000) }
            if !Self.isAlive(pid, startTime: startTime) { break }
        }
        guard !Self.isAlive(pid, startTime: startTime) else {
            throw NetworkHelperError(program: program, message: "pid \(pid) is still running after SIGTERM and SIGKILL")
        }
        events.emit(Event(.networkHelperStopped(program: program, pid: pid)))
    }

    /// Whether `pid` is still the process that started at `startTime` and has not exited. A
    /// zombie has exited (only its parent's wait is missing): pasta runs in the background, so
    /// its parent is init or a subreaper, not dockyard.
    static func isAlive(_ pid: Int32, startTime: UInt64?) -> Bool {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return false }
        let text = String(decoding: data, as: UTF8.self)
        if let startTime, ProcessStat.startTime(in: text) != startTime { return false }
        return ProcessStat.state(in: text) != "Z"
    }

    /// The helper's own words on why it failed, without the syslog noise pasta prints when no
    /// syslog daemon listens ("Failed to send N bytes to syslog").
    static func complaint(_ result: HostProgram.Result) -> String {
        let lines = (result.errorText + result.outputText).split(separator: "\n")
            .filter { !$0.hasPrefix("Failed to send") && !$0.isEmpty }
        let said = lines.joined(separator: "; ")
        if result.timedOut { return "did not get ready within 10 s" + (said.isEmpty ? "" : ": " + said) }
        return "exited with status \(result.exit.shellStatus)" + (said.isEmpty ? "" : ": " + said)
    }
}
