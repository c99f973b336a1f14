import ArgumentParser
import ContainerRuntime
import Explain
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// `dockyard exec`: run a command in a running container, like `docker exec`.
struct ExecCommand: ParsableCommand {
    /// The verb, also read by the quick path (see RunCommand.verb).
    static let verb = "exec"
    static let configuration = CommandConfiguration(
        commandName: verb, abstract: "Execute a command in a running container.",
        discussion: "The new process joins every namespace of the container (--explain shows the same inodes) and its cgroup.")

    @Flag(name: [.short, .long], help: "Detached mode: run command in the background.") var detach = false
    @Flag(name: [.short, .long], help: "Keep STDIN open.") var interactive = false
    @Flag(name: [.short, .long], help: "Allocate a pseudo-TTY.") var tty = false
    @Option(name: [.short, .long], help: ArgumentHelp("Set an environment variable.", valueName: "KEY=VALUE")) var env: [String] = []
    @Option(name: [.short, .long], help: "Working directory inside the container.") var workdir: String?
    @Option(name: [.short, .long], help: ArgumentHelp("User to run as.", valueName: "name|uid[:group|gid]")) var user: String?
    @Option(name: .long, help: ArgumentHelp("Print the namespaces joined and the process started (text or json), on stderr.",
                                            valueName: "text|json"))
    var explain: ExplainMode?
    @OptionGroup var storage: StorageOptions
    @Argument(help: "The container, by name or id.") var container: String
    /// Required, as Docker's `exec` requires it: without one, the usage error (status 1).
    @Argument(parsing: .captureForPassthrough, help: "The command and its arguments.") var command: [String]

    func run() throws {
        if interactive && tty && !detach && isatty(0) == 0 {   // Docker's client refuses it, status 1
            StandardError.line("the input device is not a TTY")
            throw ExitCode(1)
        }
        let engine = Engine(root: storage.resolvedRoot, events: explain?.renderer ?? DiscardingSink())
        engine.sweep()
        let status: ExitStatus
        do {
            let record = try engine.containers.find(container)
            guard record.state.isRunning else {
                StandardError.line("Error response from daemon: Container \(record.id.full) is not running")
                throw ExitCode(1)
            }
            status = try ContainerExecutor(store: engine.containers, host: engine.host).exec(
                .init(command: command, environment: env, workingDirectory: workdir, user: user,
                      interactive: interactive, tty: tty, detach: detach), in: record)
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw failWithDockerStatus(error)
        }
        if status.shellStatus != 0 { throw ExitCode(status.shellStatus) }
    }
}
