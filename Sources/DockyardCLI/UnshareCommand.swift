import ArgumentParser
import Explain
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
        let argv = command.isEmpty ? [String(cString: getenv("SHELL") ?? strdup("/bin/sh"))] : command
        let cStrings = argv.map { strdup($0) } + [nil]
        execvp(argv[0], cStrings)
        let code = errno == ENOENT ? DockerExitStatus.notFound : DockerExitStatus.cannotExecute
        StandardError.line("dockyard: unshare: \(argv[0]): \(KernelError.message(for: errno))")
        throw ExitCode(code)
    }
}
