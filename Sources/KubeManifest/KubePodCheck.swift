/// The checks the API server's validation and the kubelet make on a pod's values before anything
/// runs, for the fields Dockyard plays: names, enumerations, quantities, volume references, paths.
public enum KubePodCheck {
    public static func check(_ pod: KubePod) throws {
        guard let name = pod.metadata.name, !name.isEmpty else { throw KubeManifestError("metadata.name", "is required") }
        try dnsLabel(name, path: "metadata.name")
        let spec = pod.spec
        if spec.containers.isEmpty { throw KubeManifestError("spec.containers", "must have at least one container") }
        try oneOf(spec.restartPolicy, ["Always", "OnFailure", "Never"], path: "spec.restartPolicy")
        var volumeNames: [String] = []
        for (index, volume) in (spec.volumes ?? []).enumerated() {
            try check(volume, path: "spec.volumes[\(index)]")
            if volumeNames.contains(volume.name) { throw KubeManifestError("spec.volumes[\(index)].name", "\"\(volume.name)\" is used twice") }
            volumeNames.append(volume.name)
        }
        var containerNames: [String] = []
        let all = (spec.initContainers ?? []).enumerated().map { ("spec.initContainers[\($0.offset)]", $0.element) }
            + spec.containers.enumerated().map { ("spec.containers[\($0.offset)]", $0.element) }
        for (path, container) in all {
            try check(container, path: path, volumes: volumeNames)
            if containerNames.contains(container.name) { throw KubeManifestError(path + ".name", "\"\(container.name)\" is used twice") }
            containerNames.append(container.name)
        }
    }

    static func check(_ container: KubeContainer, path: String, volumes: [String]) throws {
        try dnsLabel(container.name, path: path + ".name")
        guard let image = container.image, !image.isEmpty else { throw KubeManifestError(path + ".image", "is required") }
        try oneOf(container.imagePullPolicy, ["Always", "IfNotPresent", "Never"], path: path + ".imagePullPolicy")
        for (index, variable) in (container.env ?? []).enumerated() where variable.name.isEmpty || variable.name.contains("=") {
            throw KubeManifestError("\(path).env[\(index)].name", "\"\(variable.name)\" is not a variable name")
        }
        for (index, port) in (container.ports ?? []).enumerated() {
            let portPath = "\(path).ports[\(index)]"
            try oneOf(port.protocol, ["TCP", "UDP"], path: portPath + ".protocol")
            for (field, value) in [("containerPort", port.containerPort), ("hostPort", port.hostPort ?? 1)] where !(1...65535).contains(value) {
                throw KubeManifestError("\(portPath).\(field)", "\(value) is not a port number (1-65535)")
            }
        }
        for (index, mount) in (container.volumeMounts ?? []).enumerated() {
            let mountPath = "\(path).volumeMounts[\(index)]"
            if !volumes.contains(mount.name) { throw KubeManifestError(mountPath + ".name", "no volume named \"\(mount.name)\" in spec.volumes") }
            if !mount.mountPath.hasPrefix("/") { throw KubeManifestError(mountPath + ".mountPath", "\"\(mount.mountPath)\" must be an absolute path") }
        }
        try check(container.resources, path: path + ".resources")
    }

    static func check(_ resources: KubeResources?, path: String) throws {
        for (group, values) in [("limits", resources?.limits), ("requests", resources?.requests)] {
            for (key, value) in values ?? [:] {
                let fieldPath = "\(path).\(group).\(key)"
                switch key {
                case "memory":
                    if KubeQuantity.bytes(value) == nil { throw KubeManifestError(fieldPath, "\"\(value)\" is not a quantity (e.g. 64Mi, 1G)") }
                case "cpu":
                    if KubeQuantity.cores(value) == nil { throw KubeManifestError(fieldPath, "\"\(value)\" is not a quantity (e.g. 500m, 0.5, 2)") }
                default:
                    throw KubeManifestError.unsupported(fieldPath)
                }
            }
        }
    }

    static func check(_ volume: KubeVolume, path: String) throws {
        try dnsLabel(volume.name, path: path + ".name")
        switch (volume.emptyDir, volume.hostPath) {
        case (let emptyDir?, nil):
            if let medium = emptyDir.medium, !medium.isEmpty { throw KubeManifestError(path + ".emptyDir.medium", "\"\(medium)\" is not supported (only the node's disk, \"\")") }
        case (nil, let hostPath?):
            if !hostPath.path.hasPrefix("/") { throw KubeManifestError(path + ".hostPath.path", "\"\(hostPath.path)\" must be an absolute path") }
            try oneOf(hostPath.type, ["", "Directory", "DirectoryOrCreate", "File"], path: path + ".hostPath.type")
        default:
            throw KubeManifestError(path, "must have exactly one of emptyDir or hostPath")
        }
    }

    /// RFC 1123 labels, as Kubernetes requires of container and volume names.
    static func dnsLabel(_ name: String, path: String) throws {
        let allowed = name.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 46 }
        let alphanumeric = { (c: Character?) in c.map { $0.isASCII && ($0.isLowercase || $0.isNumber) } ?? false }
        if name.count > 253 || !allowed || !alphanumeric(name.first) || !alphanumeric(name.last) {
            throw KubeManifestError(path, "\"\(name)\" must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character")
        }
    }

    static func oneOf(_ value: String?, _ allowed: [String], path: String) throws {
        guard let value, !allowed.contains(value) else { return }
        throw KubeManifestError(path, "Unsupported value: \"\(value)\": supported values: " + allowed.map { "\"\($0)\"" }.joined(separator: ", "))
    }
}
