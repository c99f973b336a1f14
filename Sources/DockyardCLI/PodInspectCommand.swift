import ArgumentParser
import ContainerRuntime
import FoundationEssentials
import LinuxKernel

/// `dockyard pod inspect`: a pod as `podman pod inspect` shows one — its shared namespaces, infra
/// container, cgroup and containers — as JSON.
struct PodInspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inspect", abstract: "Show a pod's details as JSON.")

    @OptionGroup var storage: StorageOptions
    @Argument(help: "Pods, by name or id.") var names: [String]

    struct Inspection: Encodable {
        var Id: String
        var Name: String
        var Created: Date
        var State: String
        var Hostname: String
        var CgroupParent: String
        var CreateInfra = true
        var InfraContainerID: String
        var InfraConfig: Infra
        var SharedNamespaces: [String]
        var NumContainers: Int
        var Containers: [Member]
    }

    struct Infra: Encodable {
        var PortBindings: [String: [Binding]]
        var HostNetwork = false
    }

    struct Binding: Encodable {
        var HostIp: String
        var HostPort: String
    }

    struct Member: Encodable {
        var Id: String
        var Name: String
        var State: String
    }

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot)
        engine.sweep()
        let pods = engine.pods()
        var found: [Inspection] = []
        var failed = false
        for name in names {
            let pod: PodRecord
            do { pod = try pods.pods.find(name) } catch {
                StandardError.line("Error: \(error)")
                failed = true
                continue
            }
            let members = pods.members(of: pod)
            let infra = members.first { $0.id == pod.infraContainer }
            var bindings: [String: [Binding]] = [:]
            for port in infra?.config.publishedPorts ?? [] {
                bindings["\(port.containerPort)/\(port.proto)", default: []].append(
                    Binding(HostIp: port.hostIP?.description ?? "", HostPort: port.hostPort == 0 ? "" : String(port.hostPort)))
            }
            found.append(Inspection(
                Id: pod.id.full, Name: pod.name, Created: pod.created, State: pods.status(of: pod, members: members),
                Hostname: pod.hostname, CgroupParent: "dockyard/pod-\(pod.id.full)", InfraContainerID: pod.infraContainer.full,
                InfraConfig: Infra(PortBindings: bindings), SharedNamespaces: pod.shared.map(\.rawValue).sorted(),
                NumContainers: members.count,
                Containers: members.map { Member(Id: $0.id.full, Name: $0.name, State: Self.state(of: $0)) }))
        }
        print(try InspectJSON.render(found))
        if failed { throw ExitCode(125) }
    }

    /// podman's words for a container's state.
    static func state(of record: ContainerRecord) -> String {
        switch record.state {
        case .created: "created"
        case .running: "running"
        case .paused: "paused"
        case .exited: "exited"
        }
    }
}
