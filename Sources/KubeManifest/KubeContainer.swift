/// One entry of a pod's `containers` or `initContainers`: an image and the process to run from
/// it, with Kubernetes' names for what `docker run` spells as flags (`command` is the
/// ENTRYPOINT, `args` the CMD).
public struct KubeContainer: Codable, Equatable, Sendable {
    public var name: String
    public var image: String?
    /// Always, IfNotPresent or Never.
    public var imagePullPolicy: String?
    public var command: [String]?
    public var args: [String]?
    public var workingDir: String?
    public var env: [KubeEnvVar]?
    public var ports: [KubeContainerPort]?
    public var volumeMounts: [KubeVolumeMount]?
    public var resources: KubeResources?
    public var securityContext: KubeSecurityContext?

    public init(name: String, image: String?) {
        self.name = name
        self.image = image
    }
}

/// `env[]`: a variable with a literal value (`valueFrom`, which reads secrets and the API server, is refused).
public struct KubeEnvVar: Codable, Equatable, Sendable {
    public var name: String
    public var value: String?

    public init(name: String, value: String?) {
        self.name = name
        self.value = value
    }
}

/// `ports[]`: a port the container listens on, published on the host when `hostPort` is set.
public struct KubeContainerPort: Codable, Equatable, Sendable {
    public var name: String?
    public var containerPort: Int
    public var hostPort: Int?
    public var hostIP: String?
    /// TCP (the default) or UDP.
    public var `protocol`: String?

    public init(containerPort: Int, hostPort: Int? = nil) {
        self.containerPort = containerPort
        self.hostPort = hostPort
    }
}

/// `volumeMounts[]`: where one of the pod's volumes appears in this container.
public struct KubeVolumeMount: Codable, Equatable, Sendable {
    public var name: String
    public var mountPath: String
    public var readOnly: Bool?

    public init(name: String, mountPath: String, readOnly: Bool? = nil) {
        self.name = name
        self.mountPath = mountPath
        self.readOnly = readOnly
    }
}

/// `resources`: `limits` become the container's cgroup limits (memory.limit_in_bytes, the CFS
/// quota); `requests` its soft memory limit and CPU shares.
public struct KubeResources: Codable, Equatable, Sendable {
    public var limits: [String: String]?
    public var requests: [String: String]?

    public init(limits: [String: String]? = nil, requests: [String: String]? = nil) {
        self.limits = limits
        self.requests = requests
    }
}

/// `securityContext`, at pod or container level: the user, capabilities and confinement of the
/// container's process (a container's own fields win over the pod's).
public struct KubeSecurityContext: Codable, Equatable, Sendable {
    public var runAsUser: Int?
    public var runAsGroup: Int?
    /// The kubelet refuses to start a container that would run as uid 0.
    public var runAsNonRoot: Bool?
    public var readOnlyRootFilesystem: Bool?
    public var privileged: Bool?
    /// false sets no_new_privs: setuid binaries cannot raise the process's privileges.
    public var allowPrivilegeEscalation: Bool?
    public var capabilities: KubeCapabilities?

    public init(runAsUser: Int? = nil, runAsGroup: Int? = nil) {
        self.runAsUser = runAsUser
        self.runAsGroup = runAsGroup
    }
}

/// `capabilities`: Linux capabilities added to or dropped from Docker's default set.
public struct KubeCapabilities: Codable, Equatable, Sendable {
    public var add: [String]?
    public var drop: [String]?

    public init(add: [String]?, drop: [String]?) {
        self.add = add
        self.drop = drop
    }
}

/// `volumes[]`: a directory the pod's containers can mount: `emptyDir`, made empty for the pod
/// and removed with it, or `hostPath`, a directory of the host.
public struct KubeVolume: Codable, Equatable, Sendable {
    public var name: String
    public var emptyDir: EmptyDir?
    public var hostPath: HostPath?

    public struct EmptyDir: Codable, Equatable, Sendable {
        /// "" (the node's disk) only; Memory (a tmpfs) is refused.
        public var medium: String?
        public init() {}
    }

    public struct HostPath: Codable, Equatable, Sendable {
        public var path: String
        /// "", Directory, DirectoryOrCreate, File.
        public var type: String?
        public init(path: String) { self.path = path }
    }

    public init(name: String, emptyDir: EmptyDir? = nil, hostPath: HostPath? = nil) {
        self.name = name
        self.emptyDir = emptyDir
        self.hostPath = hostPath
    }
}
