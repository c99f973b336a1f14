/// A Kubernetes `v1` Pod as Dockyard reads it: its metadata and spec, the fields of
/// KubeFieldSchema and nothing else. A pod is the unit the kubelet runs: containers that share a
/// network, IPC and UTS namespace (and, with shareProcessNamespace, a PID namespace), started
/// after its init containers have each run to completion.
public struct KubePod: Codable, Equatable, Sendable {
    public var apiVersion = "v1"
    public var kind = "Pod"
    public var metadata: KubeObjectMeta
    public var spec: KubePodSpec

    public init(metadata: KubeObjectMeta, spec: KubePodSpec) {
        self.metadata = metadata
        self.spec = spec
    }
}

/// `metadata`: the object's name and the labels and annotations put on each of its containers.
public struct KubeObjectMeta: Codable, Equatable, Sendable {
    public var name: String?
    public var labels: [String: String]?
    public var annotations: [String: String]?
    public var creationTimestamp: String?

    public init(name: String?, labels: [String: String]? = nil, annotations: [String: String]? = nil, creationTimestamp: String? = nil) {
        self.name = name
        self.labels = labels
        self.annotations = annotations
        self.creationTimestamp = creationTimestamp
    }
}

/// `spec` of a Pod: its containers, volumes, and what they share.
public struct KubePodSpec: Codable, Equatable, Sendable {
    public var containers: [KubeContainer]
    public var initContainers: [KubeContainer]?
    public var volumes: [KubeVolume]?
    /// Always (the default), OnFailure or Never: what happens when a container exits.
    public var restartPolicy: String?
    public var hostname: String?
    /// The host's network namespace instead of the pod's own.
    public var hostNetwork: Bool?
    /// One PID namespace for the pod, whose pid 1 is the pause process.
    public var shareProcessNamespace: Bool?
    public var securityContext: KubeSecurityContext?
    /// Seconds between SIGTERM and SIGKILL when a container is stopped.
    public var terminationGracePeriodSeconds: Int?

    public init(containers: [KubeContainer]) {
        self.containers = containers
    }
}

/// An `apps/v1` Deployment: Dockyard plays its pod template once (one replica), as podman does.
public struct KubeDeployment: Codable, Equatable, Sendable {
    public var metadata: KubeObjectMeta
    public var spec: Spec

    public struct Spec: Codable, Equatable, Sendable {
        public var replicas: Int?
        public var template: Template
    }

    public struct Template: Codable, Equatable, Sendable {
        public var metadata: KubeObjectMeta?
        public var spec: KubePodSpec
    }

    /// The pod it makes, named `NAME-pod` as podman names it, with the template's labels.
    public var pod: KubePod {
        var meta = spec.template.metadata ?? KubeObjectMeta(name: nil)
        meta.name = (metadata.name ?? "deployment") + "-pod"
        return KubePod(metadata: meta, spec: spec.template.spec)
    }
}
