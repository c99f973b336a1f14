import ArgumentParser
import Explain
import HostSystem
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// `dockyard unshare [COMMAND]`, as `podman unshare`: runs a command (a shell by default) inside
/// the user's rootless user namespace and mount namespace, where the user is root and the files
/// of the user's containers and images — owned by subordinate ids on the host — can be read,
/// changed and removed.
struct UnshareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unshare",
        abstract: "Run a command in the rootless user namespace.",
        discussion: "Without a command, runs $SHELL. Only for rootless mode: as root, every file is already yours.")

    @Argument(parsing: .captureForPassthrough, help: "The command and its arguments.")
    var command: [String] = []

    func run() throws {
        guard geteuid() != 0 || PrivilegeMode.current.isRootless else {
            StandardError.line("dockyard: unshare is for rootless mode: as root you already own every file")
            throw ExitCode(DockerExitStatus.engineError)
        }
        RootlessEntry.enterUserNamespace(events: DiscardingSink())
        let argv = command.isEmpty ? [getenv("SHELL").map { String(cString: $0) } ?? "/bin/sh"] : command
        _ = CStrings.withNullTerminated(argv) { execvp(argv[0], $0) }
        let code = errno == ENOENT ? DockerExitStatus.notFound : DockerExitStatus.cannotExecute
        StandardError.line("dockyard: unshare: \(argv[0]): \(KernelError.message(for: errno))")
        throw ExitCode(code)
    }
}
