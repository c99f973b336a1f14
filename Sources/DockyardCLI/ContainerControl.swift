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

}

extension DetachedStart.Failure {
    /// `dockyard: MESSAGE` on stderr, and the monitor's Docker exit status.
    var exitCode: ExitCode {
        StandardError.line("dockyard: " + message)
        return ExitCode(status)
    }
}
