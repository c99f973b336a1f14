import FoundationEssentials
import LinuxKernel

/// A pod, as podman models one: a set of namespaces — network, IPC and UTS, and optionally PID —
/// held open by one small process (the infra container's pause process, `dockyard-init pause`),
/// which the pod's containers join with setns(2). In kernel terms a pod is nothing more: a few
/// namespaces that outlive any one of the containers in them because a process that does nothing
/// keeps them alive. Each container still has its own mount namespace, rootfs, user and cgroup
/// (under the pod's). Kept as JSON in `<root>/pods/<id>/pod.json`.
public struct PodRecord: Codable, Sendable, Equatable {
    public let id: ContainerID
    public let name: String
    public let created: Date
    /// The namespaces its containers share, from `pod create --share` (podman's default: ipc, net, uts).
    public let shared: [Namespace]
    /// Its host name: the name of the UTS namespace its containers share (podman's: the pod's name).
    public let hostname: String
    /// The container whose first process holds the namespaces.
    public let infraContainer: ContainerID

    public init(id: ContainerID, name: String, created: Date, shared: [Namespace], hostname: String, infraContainer: ContainerID) {
        self.id = id
        self.name = name
        self.created = created
        self.shared = shared
        self.hostname = hostname
        self.infraContainer = infraContainer
    }

    /// What `--share` takes, in podman's spelling, and its default.
    public static let shareable: [Namespace] = [.net, .ipc, .uts, .pid]
    public static let defaultShared: [Namespace] = [.ipc, .net, .uts]

    /// `--share net,ipc,uts[,pid]` as namespaces; nil for a kind a pod cannot share.
    public static func parseShared(_ text: String) -> [Namespace]? {
        var shared: [Namespace] = []
        for word in text.split(separator: ",", omittingEmptySubsequences: true) {
            guard let namespace = Namespace(rawValue: String(word)), shareable.contains(namespace) else { return nil }
            if !shared.contains(namespace) { shared.append(namespace) }
        }
        return shared
    }
}
