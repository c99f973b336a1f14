import ArgumentParser
import ContainerRuntime

/// `dockyard pause` and `unpause`: freeze and thaw every process of a container through its
/// cgroup (freezer.state on v1, cgroup.freeze on v2). A frozen process is not scheduled at all.
struct PauseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pause", abstract: "Pause all processes within one or more containers.")

    @OptionGroup var storage: StorageOptions
    @Argument(help: "Containers, by name or id.") var containers: [String]

    func run() throws {
        try Freezing.set(true, containers, root: storage.resolvedRoot)
    }
}

struct UnpauseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unpause", abstract: "Unpause all processes within one or more containers.")

    @OptionGroup var storage: StorageOptions
    @Argument(help: "Containers, by name or id.") var containers: [String]

    func run() throws {
        try Freezing.set(false, containers, root: storage.resolvedRoot)
    }
}

enum Freezing {
    static func set(_ frozen: Bool, _ names: [String], root: String) throws {
        let engine = Engine(root: root)
        engine.sweep()
        for name in names {
            var record = try ContainerControl.find(name, in: engine)
            guard record.status == .running else {
                StandardError.line("Error response from daemon: Container \(record.id.full) is not running")
                throw ExitCode(1)
            }
            guard (record.paused ?? false) != frozen else {
                StandardError.line("Error response from daemon: Container \(record.id.full) is \(frozen ? "already" : "not") paused")
                throw ExitCode(1)
            }
            try engine.runner.cgroups.manager(for: record.id).setFrozen(frozen, kernel: engine.kernel)
            record.paused = frozen ? true : nil
            try engine.containers.save(record)
            print(name)
        }
    }
}
