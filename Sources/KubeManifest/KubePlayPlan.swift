/// What `kube play` does for one pod, as Dockyard's own verbs: a `pod create` and, for each
/// container, the `run --pod` flags that give it what its manifest asks — the translation the
/// kubelet makes into CRI calls, made here into the flags a learner already knows. Pure data, so
/// every mapping is tested without root.
public struct KubePlayPlan: Codable, Equatable, Sendable {
    /// `pod create`: its name, the namespaces its containers share, the host ports it publishes.
    public struct Pod: Codable, Equatable, Sendable {
        public var name: String
        /// podman's `--share` words: ipc, net, uts and (shareProcessNamespace) pid.
        public var shared: [String]
        /// `-p [hostIP:]hostPort:containerPort[/udp]`, from the containers' `hostPort`s.
        public var publish: [String]
        public var hostname: String?

        public init(name: String, shared: [String], publish: [String], hostname: String?) {
            self.name = name
            self.shared = shared
            self.publish = publish
            self.hostname = hostname
        }
    }

    /// One container: its name (`POD-CONTAINER`, as podman names it) and `run`'s arguments
    /// (flags, the image, then the command), without `-d` or `--pod`, which play adds.
    public struct Container: Codable, Equatable, Sendable {
        public var name: String
        public var arguments: [String]
        /// The kubelet's runAsNonRoot check, made once the image's user is known.
        public var mustRunAsNonRoot: Bool
    }

    public var pod: Pod
    /// The emptyDir volumes to make before any container starts, as named volumes.
    public var emptyDirs: [String]
    /// Run one after the other to completion, in order, before `containers` start.
    public var initContainers: [Container]
    public var containers: [Container]

    /// The named volume an emptyDir becomes: `POD-VOLUME`.
    public static func emptyDirName(pod: String, volume: String) -> String { "\(pod)-\(volume)" }

    /// The plan for `pod`.
    public init(_ kube: KubePod) throws {
        let name = kube.metadata.name ?? ""
        let spec = kube.spec
        if spec.hostNetwork == true, spec.hostname != nil { throw KubeManifestError("spec.hostname", "cannot be set with hostNetwork") }
        var shared = spec.hostNetwork == true ? ["ipc"] : ["ipc", "net", "uts"]
        if spec.shareProcessNamespace == true { shared.append("pid") }
        var publish: [String] = []
        if spec.hostNetwork != true {
            for container in spec.containers {
                for port in container.ports ?? [] {
                    guard let hostPort = port.hostPort else { continue }
                    let proto = port.protocol == "UDP" ? "/udp" : ""
                    publish.append((port.hostIP.map { $0 + ":" } ?? "") + "\(hostPort):\(port.containerPort)\(proto)")
                }
            }
        }
        pod = Pod(name: name, shared: shared, publish: publish, hostname: spec.hostname)
        emptyDirs = (spec.volumes ?? []).filter { $0.emptyDir != nil }.map { Self.emptyDirName(pod: name, volume: $0.name) }
        let builder = KubeRunArguments(pod: kube)
        initContainers = try (spec.initContainers ?? []).enumerated().map {
            try builder.container($0.element, path: "spec.initContainers[\($0.offset)]", isInit: true)
        }
        containers = try spec.containers.enumerated().map {
            try builder.container($0.element, path: "spec.containers[\($0.offset)]", isInit: false)
        }
    }
}
