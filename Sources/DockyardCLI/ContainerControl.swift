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

    /// Runs `operation` on every name, `width` at once (`ContainerBatch`), and prints each name
    /// that succeeded in argument order, as Docker's client does for `rm`, `stop` and `kill`; a name
    /// that failed is reported on stderr while the others go on, and the command exits with status 1.
    static func eachName(_ names: [String], width: Int = ContainerBatch.width,
                         _ operation: @escaping @Sendable (String) throws -> Void) throws {
        var failed = false
        ContainerBatch.run(names, width: width, { name in Result { try operation(name) } }, report: { name, outcome in
            do {
                try outcome.get()
                print(name)
            } catch {
                StandardError.line("Error response from daemon: \(error)")
                failed = true
            }
        })
        if failed { throw ExitCode(1) }
    }

}

extension DetachedStart.Failure {
    /// `dockyard: MESSAGE` on stderr, and the monitor's Docker exit status.
    var exitCode: ExitCode {
        StandardError.line("dockyard: " + message)
        return ExitCode(status)
    }
}
