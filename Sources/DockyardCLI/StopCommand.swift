import ArgumentParser
import ContainerRuntime
import Explain

/// `dockyard stop`: SIGTERM to the container's first process, SIGKILL after a grace period.
struct StopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop one or more running containers.")

    @Option(name: [.short, .long], help: "Seconds to wait before killing the container.") var time: Int = 10
    @OptionGroup var storage: StorageOptions
    @Argument(help: "Containers, by name or id.") var containers: [String]

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot)
        engine.sweep()
        for name in containers {
            let record = try ContainerControl.find(name, in: engine)
            try ContainerControl.stop(record, in: engine, timeout: Double(max(0, time)))
            print(name)
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
        guard ContainerControl.signal(named: signal) != nil else {
            throw ValidationError("invalid signal: \(signal)")
        }
    }

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot)
        engine.sweep()
        let number = ContainerControl.signal(named: signal) ?? 9
        for name in containers {
            var record = try ContainerControl.find(name, in: engine)
            guard record.status == .running, let pid = record.pid else {
                StandardError.line("Error response from daemon: Cannot kill container: \(name): Container \(record.id.full) is not running")
                throw ExitCode(1)
            }
            ContainerControl.thawIfPaused(&record, in: engine)
            if number == 9 || number == 15 {
                record.stopRequested = true
                try engine.containers.save(record)
            }
            try engine.kernel.signal(pid: pid, number)
            print(name)
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
            let finished = ContainerControl.waitForExit(record.id, in: engine, seconds: nil)
            print(finished?.exitCode ?? 0)
        }
    }
}
