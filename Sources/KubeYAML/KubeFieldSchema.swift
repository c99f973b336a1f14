import KubeManifest
import Yams

/// The fields of a Pod (and of a Deployment around one) that Dockyard plays, as a tree: what is
/// not in it is refused with its path, so a manifest never runs with part of it silently ignored
/// (a probe that never probes, a secret that is never mounted). kubectl's `--validate=strict`
/// refuses unknown fields the same way; here "unknown" also means "known to Kubernetes, not yet
/// to Dockyard".
indirect enum KubeFieldSchema: Sendable {
    /// A string, number or boolean.
    case scalar
    /// A list whose items all have one shape.
    case list(KubeFieldSchema)
    /// A mapping with these keys only.
    case object([String: KubeFieldSchema])
    /// A mapping with any keys and scalar values (labels, annotations, resource quantities).
    case dictionary

    /// The first field of `node` that the schema does not allow, with its path; nil when all are.
    func firstUnsupported(in node: Node, path: String) -> KubeManifestError? {
        switch (self, node) {
        case (.scalar, .scalar):
            return nil
        case (.list(let item), .sequence(let sequence)):
            for (index, element) in sequence.enumerated() {
                if let error = item.firstUnsupported(in: element, path: "\(path)[\(index)]") { return error }
            }
            return nil
        case (.object(let fields), .mapping(let mapping)):
            for (keyNode, value) in mapping {
                let key = keyNode.string ?? ""
                let fieldPath = path.isEmpty ? key : "\(path).\(key)"
                guard let field = fields[key] else { return .unsupported(fieldPath) }
                if case .scalar = value, value.tag.rawValue == Tag.Name.null.rawValue { continue }
                if let error = field.firstUnsupported(in: value, path: fieldPath) { return error }
            }
            return nil
        case (.dictionary, .mapping(let mapping)):
            for (keyNode, value) in mapping {
                guard case .scalar = value else { return KubeManifestError("\(path).\(keyNode.string ?? "")", "must be a string") }
            }
            return nil
        case (_, .scalar) where node.tag.rawValue == Tag.Name.null.rawValue:
            return nil
        default:
            return KubeManifestError(path, "has the wrong type (\(expected))")
        }
    }

    private var expected: String {
        switch self {
        case .scalar: "a value"
        case .list: "a list"
        case .object, .dictionary: "a mapping"
        }
    }
}

extension KubeFieldSchema {
    static let metadata = KubeFieldSchema.object([
        "name": .scalar, "labels": .dictionary, "annotations": .dictionary,
        "creationTimestamp": .scalar,
    ])

    static let securityContext = KubeFieldSchema.object([
        "runAsUser": .scalar, "runAsGroup": .scalar, "runAsNonRoot": .scalar, "readOnlyRootFilesystem": .scalar,
        "privileged": .scalar, "allowPrivilegeEscalation": .scalar,
        "capabilities": .object(["add": .list(.scalar), "drop": .list(.scalar)]),
    ])

    /// The pod-level security context: the fields its containers inherit.
    static let podSecurityContext = KubeFieldSchema.object([
        "runAsUser": .scalar, "runAsGroup": .scalar, "runAsNonRoot": .scalar,
    ])

    static let container = KubeFieldSchema.object([
        "name": .scalar, "image": .scalar, "imagePullPolicy": .scalar,
        "command": .list(.scalar), "args": .list(.scalar), "workingDir": .scalar,
        "env": .list(.object(["name": .scalar, "value": .scalar])),
        "ports": .list(.object(["name": .scalar, "containerPort": .scalar, "hostPort": .scalar,
                                "hostIP": .scalar, "protocol": .scalar])),
        // No subPath: a container could swap the directory for a symlink before another mounts it,
        // and the bind would follow it onto the host (CVE-2017-1002101); refused rather than half-safe.
        "volumeMounts": .list(.object(["name": .scalar, "mountPath": .scalar, "readOnly": .scalar])),
        "resources": .object(["limits": .dictionary, "requests": .dictionary]),
        "securityContext": securityContext,
    ])

    static let podSpec = KubeFieldSchema.object([
        "containers": .list(container), "initContainers": .list(container),
        "volumes": .list(.object([
            "name": .scalar,
            "emptyDir": .object(["medium": .scalar]),
            "hostPath": .object(["path": .scalar, "type": .scalar]),
        ])),
        "restartPolicy": .scalar, "hostname": .scalar, "hostNetwork": .scalar, "shareProcessNamespace": .scalar,
        "securityContext": podSecurityContext,
        "terminationGracePeriodSeconds": .scalar,
    ])

    static let pod = KubeFieldSchema.object([
        "apiVersion": .scalar, "kind": .scalar, "metadata": metadata, "spec": podSpec, "status": .object([:]),
    ])

    static let deployment = KubeFieldSchema.object([
        "apiVersion": .scalar, "kind": .scalar, "metadata": metadata, "status": .object([:]),
        "spec": .object([
            "replicas": .scalar,
            "selector": .object(["matchLabels": .dictionary]),
            "template": .object(["metadata": metadata, "spec": podSpec]),
        ]),
    ])
}
