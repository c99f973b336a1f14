import ArgumentParser
import ContainerRuntime

/// `dockyard pod rm`: a pod and all its containers; a running one only with `-f`. Prints the pod's id.
struct PodRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rm", abstract: "Remove one or more pods.", aliases: ["remove"])

    @Flag(name: [.short, .long], help: "Stop running containers and remove the pod anyway.") var force = false
    @OptionGroup var storage: StorageOptions
    @Argument(help: "Pods, by name or id.") var pods: [String]

    func run() throws {
        try Engine(root: storage.resolvedRoot).eachPod(pods) { try $0.remove($1, force: force) }
    }
}
