import ArgumentParser
import ContainerRuntime

/// `dockyard update`: change a container's limits and restart policy, as `docker update` does —
/// written to a running container's cgroup files at once (memory.limit_in_bytes, cpu.cfs_quota_us,
/// pids.max on v1; memory.max, cpu.max, pids.max on v2), and to its record for its next start.
struct UpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "update", abstract: "Update configuration of one or more containers.")

    @Option(name: [.short, .long], help: ArgumentHelp("Memory limit, e.g. 64m.", valueName: "bytes")) var memory: String?
    @Option(name: .long, help: "Number of CPUs, e.g. 0.5.") var cpus: String?
    @Option(name: .customLong("pids-limit"), parsing: .unconditional, help: "Most processes at once (-1 for unlimited).") var pidsLimit: Int64?
    @Option(name: .long, help: ArgumentHelp("Restart policy: no, on-failure[:max-retries] or always.", valueName: "policy"))
    var restart: String?
    @OptionGroup var storage: StorageOptions
    @Argument(help: "Containers, by name or id.") var containers: [String]

    func validate() throws {
        _ = try change()
        if memory == nil && cpus == nil && pidsLimit == nil && restart == nil {
            throw ValidationError("You must provide one or more flags when using this command.")
        }
    }

    func change() throws -> ContainerUpdate {
        ContainerUpdate(memoryBytes: try memory.map(ResourceFlags.memory), cpus: try cpus.map(ResourceFlags.cpus),
                        pids: try pidsLimit.map(ResourceFlags.pidsLimit), restartPolicy: try restart.map(ResourceFlags.restart))
    }

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot)
        engine.sweep()
        let change = try change()
        try DaemonResponse.forEach(containers) { name in
            try engine.lifecycle.update(name, change)
            print(name)
        }
    }
}
