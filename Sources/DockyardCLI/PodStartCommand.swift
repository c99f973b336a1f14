import ArgumentParser
import ContainerRuntime

/// `dockyard pod start`: the infra container, then the pod's other containers; prints the pod's id.
struct PodStartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "start", abstract: "Start one or more pods.")

    @OptionGroup var storage: StorageOptions
    @Argument(help: "Pods, by name or id.") var pods: [String]

    func run() throws {
        try Engine(root: storage.resolvedRoot).eachPod(pods) { try $0.start($1) }
    }
}
