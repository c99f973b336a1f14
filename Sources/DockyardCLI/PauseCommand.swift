import ArgumentParser
import ContainerRuntime

/// `dockyard pause` and `unpause`: freeze and thaw every process of a container through its
/// cgroup (freezer.state on v1, cgroup.freeze on v2). A frozen process is not scheduled at all.
struct PauseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "pause", abstract: "Pause all processes within one or more containers.")

    @OptionGroup var storage: StorageOptions
    @Argument(help: "Containers, by name or id.") var containers: [String]

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot)
        engine.sweep()
        for name in containers {
            do { try engine.lifecycle.pause(name) } catch { throw ContainerControl.daemonError(error) }
            print(name)
        }
    }
}

struct UnpauseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unpause", abstract: "Unpause all processes within one or more containers.")

    @OptionGroup var storage: StorageOptions
    @Argument(help: "Containers, by name or id.") var containers: [String]

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot)
        engine.sweep()
        for name in containers {
            do { try engine.lifecycle.unpause(name) } catch { throw ContainerControl.daemonError(error) }
            print(name)
        }
    }
}
