import ArgumentParser
import HostSystem
import ContainerRuntime
import Explain

/// `dockyard stop`: the container's stop signal (SIGTERM unless `run --stop-signal` or the image's
/// STOPSIGNAL says otherwise), then SIGKILL after a grace period.
struct StopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop one or more running containers.")

    @Option(name: [.short, .long], help: "Seconds to wait before killing the container (default: its --stop-timeout, or 10).")
    var time: Int?
    @OptionGroup var storage: StorageOptions
    @Argument(help: "Containers, by name or id.") var containers: [String]

    /// Several names at once and in argument order, as Docker's client does (`ContainerBatch`).
    func run() throws {
        let engine = Engine(root: storage.resolvedRoot)
        engine.sweep()
        let (lifecycle, lookup, time) = (engine.lifecycle, ContainerLookup(store: engine.containers), time)
        try ContainerControl.eachName(containers) { name in
            _ = try lifecycle.stop(name, timeout: time, in: lookup)
        }
    }
}

/// `dockyard kill`: send a signal (SIGKILL by default) to the container's first process.
struct KillCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "kill", abstract: "Kill one or more running containers.")

    @Option(name: [.short, .long], help: "Signal to send to the container.") var signal: String = "KILL"
    @OptionGroup var storage: StorageOptions
    @Argument(help: "Containers, by name or id.") var containers: [String]

    func validate() throws {
        guard Signal.number(named: signal) != nil else {
            throw ValidationError("invalid signal: \(signal)")
        }
    }

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot)
        engine.sweep()
        let number = Signal.number(named: signal) ?? 9
        let (lifecycle, lookup) = (engine.lifecycle, ContainerLookup(store: engine.containers))
        try ContainerControl.eachName(containers) { name in
            try lifecycle.kill(name, signal: number, in: lookup)
        }
    }
}

/// `dockyard wait`: block until containers stop, then print their exit codes.
struct WaitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "wait", abstract: "Block until one or more containers stop, then print their exit codes.")

    @OptionGroup var storage: StorageOptions
    @Argument(help: "Containers, by name or id.") var containers: [String]

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot)
        for name in containers {
            let record = try ContainerControl.find(name, in: engine)
            let finished = engine.lifecycle.waitForExit(record.id, seconds: nil)
            print(finished?.state.exit?.code ?? 0)
        }
    }
}
