import OCI

/// One pod of a manifest as the dockyard-kube helper planned it (its KubePlayPlan, read from
/// JSON): the `pod create` to make and the `run --pod` flags of each container. Plain values,
/// read with the `JSONNode` reader, not Codable, so the kube verbs add no conformance records
/// to dockyard's start-up.
struct KubePlan {
    struct Pod {
        var name: String
        /// podman's `--share` words.
        var shared: [String]
        /// `-p` specs.
        var publish: [String]
        var hostname: String?
    }

    struct Container {
        /// `POD-CONTAINER`.
        var name: String
        /// `run`'s flags, the image, then the command.
        var arguments: [String]
        var mustRunAsNonRoot: Bool
    }

    var pod: Pod
    var emptyDirs: [String]
    var initContainers: [Container]
    var containers: [Container]

    /// The helper's JSON array of plans; nil for anything else.
    static func list(json: [UInt8]) -> [KubePlan]? {
        guard let items = JSONNode.parse(json)?.array else { return nil }
        var plans: [KubePlan] = []
        for item in items {
            guard let pod = item["pod"], let name = pod["name"]?.string,
                  let initContainers = containers(item["initContainers"]), let containers = containers(item["containers"]) else { return nil }
            plans.append(KubePlan(
                pod: Pod(name: name, shared: strings(pod["shared"]), publish: strings(pod["publish"]), hostname: pod["hostname"]?.string),
                emptyDirs: strings(item["emptyDirs"]), initContainers: initContainers, containers: containers))
        }
        return plans
    }

    /// An array of strings; empty when absent or anything else.
    private static func strings(_ value: JSONNode?) -> [String] {
        value.flatMap(JSONNode.strings) ?? []
    }

    private static func containers(_ value: JSONNode?) -> [Container]? {
        guard let items = value?.array else { return nil }
        return items.compactMap { item in
            guard let name = item["name"]?.string, let arguments = item["arguments"].flatMap(JSONNode.strings) else { return nil }
            return Container(name: name, arguments: arguments, mustRunAsNonRoot: item["mustRunAsNonRoot"]?.bool ?? false)
        }
    }
}
