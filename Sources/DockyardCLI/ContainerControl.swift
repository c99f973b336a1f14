import ArgumentParser
import ContainerRuntime
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// What the container verbs share on the CLI side: finding a container, reporting an engine
/// error as Docker's client does, and reading a signal's name.
enum ContainerControl {
    static func find(_ name: String, in engine: Engine) throws -> ContainerRecord {
        do { return try engine.containers.find(name) } catch {
            throw daemonError(error)
        }
    }

    /// Prints `Error response from daemon: MESSAGE`, as Docker's client does for an error the
    /// engine returned, and gives the exit status 1.
    static func daemonError(_ error: any Error) -> ExitCode {
        StandardError.line("Error response from daemon: \(error)")
        return ExitCode(1)
    }

    /// Signal numbers by Docker's names: `TERM`, `SIGTERM` or `15`.
    static func signal(named text: String) -> Int32? {
        let names: [String: Int32] = ["HUP": SIGHUP, "INT": SIGINT, "QUIT": SIGQUIT, "KILL": SIGKILL, "USR1": SIGUSR1,
                                      "USR2": SIGUSR2, "TERM": SIGTERM, "STOP": SIGSTOP, "CONT": SIGCONT, "ALRM": SIGALRM]
        if let number = Int32(text), number > 0, number < 65 { return number }
        let upper = text.uppercased()
        return names[upper.hasPrefix("SIG") ? String(upper.dropFirst(3)) : upper]
    }
}

extension DetachedStart.Failure {
    /// `dockyard: MESSAGE` on stderr, and the monitor's Docker exit status.
    var exitCode: ExitCode {
        StandardError.line("dockyard: " + message)
        return ExitCode(status)
    }
}
