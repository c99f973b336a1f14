import ArgumentParser
import ContainerRuntime
import Explain
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// `dockyard rm`: remove containers and their writable layers, like `docker rm`.
struct RmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rm", abstract: "Remove one or more containers.")

    @Flag(name: [.short, .long], help: "Force the removal of a running container (uses SIGKILL).") var force = false
    @Option(name: .long, help: ArgumentHelp("Print what is removed (text or json), on stderr.", valueName: "text|json"))
    var explain: ExplainMode?
    @OptionGroup var storage: StorageOptions
    @Argument(help: "Containers, by name or id.") var containers: [String]

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot, events: explain?.renderer ?? DiscardingSink())
        engine.sweep()
        var failed = false
        for name in containers {
            do {
                var record = try engine.containers.find(name)
                if record.status == .running {
                    guard force, let pid = record.pid else {
                        throw RuntimeError("cannot remove container \"\(name)\": container is running: stop the container before removing or force remove")
                    }
                    ContainerControl.thawIfPaused(&record, in: engine)
                    try? engine.kernel.signal(pid: pid, SIGKILL)
                    // The dockyard process running it (its monitor, or a foreground run) notices the
                    // exit, tears down the cgroup and network and lets go of the container's lock;
                    // removing the directory before that would race with its last writes. Should it
                    // have died instead, the janitor finishes what it left.
                    _ = engine.containers.waitUntilReleased(record.id, seconds: 10)
                    engine.sweep()
                }
                try engine.kernel.removeTree(engine.containers.paths(for: record.id).directory, what: "container")
                print(name)
            } catch {
                StandardError.line("Error response from daemon: \(error)")
                failed = true
            }
        }
        if failed { throw ExitCode(1) }
    }
}
