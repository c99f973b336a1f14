import ArgumentParser
import ContainerRuntime
import Dispatch
import HostSystem
#if canImport(Glibc)
import Glibc
#endif

/// `dockyard attach`: this terminal to a running detached container — its output as it comes
/// (from the log its monitor writes) and, if it was started with `-i`, this command's input into
/// its stdin (the FIFO its monitor keeps, `ContainerStdin`). Ends when the container exits, with
/// its exit status, as `docker attach` does.
struct AttachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "attach", abstract: "Attach local standard input, output, and error streams to a running container.")

    @Flag(name: .customLong("no-stdin"), help: "Do not attach STDIN.") var noStdin = false
    @OptionGroup var storage: StorageOptions
    @Argument(help: "The container, by name or id.") var container: String

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot)
        engine.sweep()
        let record = try ContainerControl.find(container, in: engine)
        guard record.state.isRunning else {
            StandardError.line("You cannot attach to a stopped container, start it first")
            throw ExitCode(1)
        }
        let paths = engine.containers.paths(for: record.id)
        // Output from now on, as Docker's attach shows it: what is there is passed over before any
        // input can cause more (the reader follows the log through its rotations).
        let reader = ContainerLogReader(path: ContainerLog.path(paths))
        _ = reader.history()
        if record.config.interactive && !record.config.tty && !noStdin {
            try Self.forwardInput(to: ContainerStdin.path(paths))
        }
        engine.host.journal(.container("attach", record), in: engine.containers)
        while true {
            let entries = reader.more()
            for entry in entries {
                if entry.stream == "stderr" { StandardError.write(entry.log) } else { print(entry.log, terminator: "") }
            }
            fflush(nil)
            let current = try? engine.containers.load(record.id)
            if current?.state.isRunning != true && entries.isEmpty {
                let code = current?.state.exit?.code ?? 0
                if code != 0 { throw ExitCode(code) }
                return
            }
            usleep(50_000)
        }
    }

    /// Copies this command's stdin into the container's on a thread of its own, until EOF.
    static func forwardInput(to fifo: String) throws {
        let output: FileDescriptor
        do { output = try FileDescriptor.open(fifo, O_WRONLY) } catch {
            throw ContainerControl.daemonError(error)
        }
        DispatchQueue.global().async {
            defer { output.close() }
            try? FileDescriptor.standardInput.copyAll(to: output, path: "stdin", outputPath: fifo)
        }
    }
}
