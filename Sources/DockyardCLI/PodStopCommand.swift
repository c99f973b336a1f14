import ArgumentParser
import ContainerRuntime

/// `dockyard pod stop`: the pod's containers, then its infra; prints the pod's id.
struct PodStopCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop one or more pods.")

    @Option(name: [.short, .long], help: "Seconds to wait before killing each container (default: its --stop-timeout, or 10).")
    var time: Int?
    @OptionGroup var storage: StorageOptions
    @Argument(help: "Pods, by name or id.") var pods: [String]

    func run() throws {
        try Engine(root: storage.resolvedRoot).eachPod(pods) { try $0.stop($1, timeout: time) }
    }
}
