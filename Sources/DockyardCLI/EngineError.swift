import ArgumentParser
import ContainerRuntime
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// Docker's exit statuses for `run`, and the mapping from Dockyard's errors to them.
enum DockerExitStatus {
    /// The engine itself failed: bad flags, a missing image, a failed mount.
    static let engineError: Int32 = 125
    /// The command exists but cannot be executed.
    static let cannotExecute: Int32 = 126
    /// The command was not found.
    static let notFound: Int32 = 127

    static func status(for error: any Error) -> Int32 {
        if let launch = error as? LaunchError, case .exec = launch.stage {
            return launch.errno == ENOENT || launch.errno == ENOTDIR ? notFound : cannotExecute
        }
        return engineError
    }
}

/// Prints `dockyard: MESSAGE` on stderr and exits with Docker's status for the error.
func failWithDockerStatus(_ error: any Error) -> ExitCode {
    StandardError.line("dockyard: \(error)")
    return ExitCode(DockerExitStatus.status(for: error))
}
