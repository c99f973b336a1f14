extension KubeRunArguments {
    /// The container's securityContext over the pod's: `--user`, `--cap-add`/`--cap-drop`,
    /// `--read-only`, `--privileged`, `--security-opt no-new-privileges`; and whether the
    /// image's user must be checked for root once it is known (runAsNonRoot without runAsUser).
    func securityFlags(_ own: KubeSecurityContext?, path: String, container: String) throws -> ([String], Bool) {
        let podContext = pod.spec.securityContext
        let user = own?.runAsUser ?? podContext?.runAsUser
        let group = own?.runAsGroup ?? podContext?.runAsGroup
        let nonRoot = own?.runAsNonRoot ?? podContext?.runAsNonRoot ?? false
        var flags: [String] = []
        switch (user, group) {
        case (let user?, let group?): flags.append("--user=\(user):\(group)")
        case (let user?, nil): flags.append("--user=\(user)")
        case (nil, .some): throw KubeManifestError(path + ".securityContext.runAsGroup", "without runAsUser is not supported")
        case (nil, nil): break
        }
        if nonRoot, user == 0 {
            // The kubelet's words.
            throw KubeManifestError(path + ".securityContext", "container's runAsUser breaks non-root policy (pod: \"\(podName)\", container: \(container))")
        }
        for capability in own?.capabilities?.add ?? [] { flags.append("--cap-add=\(capability)") }
        for capability in own?.capabilities?.drop ?? [] { flags.append("--cap-drop=\(capability)") }
        if own?.readOnlyRootFilesystem == true { flags.append("--read-only") }
        if own?.privileged == true {
            if own?.allowPrivilegeEscalation == false {
                throw KubeManifestError(path + ".securityContext", "cannot set allowPrivilegeEscalation to false and privileged to true")
            }
            flags.append("--privileged")
        }
        if own?.allowPrivilegeEscalation == false { flags.append("--security-opt=no-new-privileges") }
        return (flags, nonRoot && user == nil)
    }

    /// `volumeMounts` as `-v`/`--mount`: an emptyDir is the pod's named volume; a hostPath a bind
    /// mount (made first only for DirectoryOrCreate, as the kubelet does).
    func mounts(_ mounts: [KubeVolumeMount], path: String) throws -> [String] {
        try mounts.enumerated().map { index, mount in
            let fieldPath = "\(path).volumeMounts[\(index)]"
            guard let volume = pod.spec.volumes?.first(where: { $0.name == mount.name }) else {
                throw KubeManifestError(fieldPath + ".name", "no volume named \"\(mount.name)\" in spec.volumes")
            }
            let readOnly = mount.readOnly == true
            for text in [mount.mountPath, volume.hostPath?.path ?? ""] where text.contains(",") || text.contains(":") {
                throw KubeManifestError(fieldPath, "a path with ',' or ':' (\(text)) is not supported")
            }
            if let hostPath = volume.hostPath {
                if hostPath.type == "DirectoryOrCreate" {
                    return "--volume=\(hostPath.path):\(mount.mountPath)" + (readOnly ? ":ro" : "")
                }
                return "--mount=type=bind,source=\(hostPath.path),target=\(mount.mountPath)" + (readOnly ? ",readonly" : "")
            }
            let named = KubePlayPlan.emptyDirName(pod: podName, volume: volume.name)
            return "--volume=\(named):\(mount.mountPath)" + (readOnly ? ":ro" : "")
        }
    }
}
