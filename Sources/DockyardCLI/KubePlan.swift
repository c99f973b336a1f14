import Foundation

/// One pod of a manifest as the dockyard-kube helper planned it (its KubePlayPlan, read from
/// JSON): the `pod create` to make and the `run --pod` flags of each container. Plain values,
/// read without Codable, so the kube verbs add no conformance records to dockyard's start-up.
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
    static func list(json: Data) -> [KubePlan]? {
        guard let items = (try? JSONSerialization.jsonObject(with: json)) as? [[String: Any]] else { return nil }
        var plans: [KubePlan] = []
        for item in items {
            guard let pod = item["pod"] as? [String: Any], let name = pod["name"] as? String,
                  let initContainers = containers(item["initContainers"]), let containers = containers(item["containers"]) else { return nil }
            plans.append(KubePlan(
                pod: Pod(name: name, shared: pod["shared"] as? [String] ?? [], publish: pod["publish"] as? [String] ?? [],
                         hostname: pod["hostname"] as? String),
                emptyDirs: item["emptyDirs"] as? [String] ?? [], initContainers: initContainers, containers: containers))
        }
        return plans
    }

    private static func containers(_ value: Any?) -> [Container]? {
        guard let items = value as? [[String: Any]] else { return nil }
        return items.compactMap { item in
            guard let name = item["name"] as? String, let arguments = item["arguments"] as? [String] else { return nil }
            return Container(name: name, arguments: arguments, mustRunAsNonRoot: item["mustRunAsNonRoot"] as? Bool ?? false)
        }
    }
}
