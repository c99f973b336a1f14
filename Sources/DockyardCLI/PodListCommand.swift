import ArgumentParser
import ContainerRuntime

/// `dockyard pod ls`: pods with their status and containers, as `podman pod ps`.
struct PodListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ls", abstract: "List pods.", aliases: ["ps", "list"])

    @Flag(name: [.short, .long], help: "Only display pod IDs.") var quiet = false
    @Flag(name: .customLong("no-trunc"), help: "Do not truncate pod and infra IDs.") var noTrunc = false
    @OptionGroup var storage: StorageOptions

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot)
        engine.sweep()
        let pods = engine.pods()
        var rows: [[String]] = []
        for pod in pods.pods.all() {
            let members = pods.members(of: pod)
            let id = noTrunc ? pod.id.full : pod.id.short
            if quiet { print(id); continue }
            rows.append([id, pod.name, pods.status(of: pod, members: members), TimeAgo.ago(pod.created),
                         noTrunc ? pod.infraContainer.full : pod.infraContainer.short, String(members.count)])
        }
        if quiet { return }
        print(Table.render([["POD ID", "NAME", "STATUS", "CREATED", "INFRA ID", "# OF CONTAINERS"]] + rows), terminator: "")
    }
}
