import ContainerRuntime
import Foundation
import KubeManifest
import LinuxKernel

/// What `kube generate` sends: the pod's record, its containers' records, and what each image
/// says by itself (so that only what was asked beyond it is written back).
struct GenerateRequest: Decodable {
    var pod: PodRecord
    var members: [ContainerRecord]
    var images: [String: ImageDefaults]

    struct ImageDefaults: Decodable {
        var entrypoint: [String]
        var command: [String]
        var environment: [String]
        var workingDirectory: String
    }
}

/// A running pod described as a `v1` Pod manifest, for `kube generate`: the inverse of
/// KubePlayPlan's mapping, read from the containers' records (what each was asked to run,
/// less what its image already says), so that `kube play` of the result makes the same pod.
struct KubePodDescription {
    let pod: PodRecord
    /// Its containers, the infra container first.
    let members: [ContainerRecord]
    /// Each container's image, for the entrypoint, command, environment and directory it gives by itself.
    let images: [String: GenerateRequest.ImageDefaults]

    func manifest() -> KubePod {
        let infra = members.first { $0.id == pod.infraContainer }
        // In the order they were made, which is the manifest's order for a played pod.
        let containers = members.filter { $0.id != pod.infraContainer }.sorted { $0.created < $1.created }
        var spec = KubePodSpec(containers: containers.map(container))
        var volumes: [KubeVolume] = []
        for index in spec.containers.indices {
            spec.containers[index].volumeMounts = mounts(of: containers[index], into: &volumes)
        }
        spec.volumes = volumes.isEmpty ? nil : volumes
        spec.containers[0].ports = infra.flatMap { ports(of: $0) }
        if pod.shared.contains(.pid) { spec.shareProcessNamespace = true }
        if !pod.shared.contains(.net), containers.first?.config.network == .host { spec.hostNetwork = true }
        if pod.hostname != pod.name, pod.shared.contains(.uts) { spec.hostname = pod.hostname }
        if let first = containers.first?.config {
            spec.restartPolicy = Self.kubernetesName(of: first.restartPolicy)
            spec.terminationGracePeriodSeconds = first.stopTimeout
        }
        let labels = containers.first?.config.labels ?? [:]
        let created = pod.created.formatted(.iso8601)
        return KubePod(metadata: KubeObjectMeta(name: pod.name, labels: labels.isEmpty ? nil : labels, creationTimestamp: created), spec: spec)
    }

    /// Docker's restart policy in Kubernetes' words.
    static func kubernetesName(of policy: RestartPolicy) -> String {
        switch policy {
        case .always: "Always"
        case .onFailure: "OnFailure"
        case .no: "Never"
        }
    }

    func container(_ record: ContainerRecord) -> KubeContainer {
        let config = record.config
        let prefix = pod.name + "-"
        var container = KubeContainer(name: record.name.hasPrefix(prefix) ? String(record.name.dropFirst(prefix.count)) : record.name,
                                      image: config.image)
        let image = images[config.image]
        if let asked = config.requested {
            if asked.entrypoint != (image?.entrypoint ?? []) {
                container.command = asked.entrypoint
                container.args = asked.cmd.isEmpty ? nil : asked.cmd
            } else if asked.cmd != (image?.command ?? []) {
                container.args = asked.cmd
            }
            let own = asked.env.filter { !(image?.environment ?? []).contains($0) }
            container.env = own.isEmpty ? nil : own.map { entry in
                let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                return KubeEnvVar(name: String(parts[0]), value: parts.count > 1 ? String(parts[1]) : "")
            }
            if !asked.workingDir.isEmpty, asked.workingDir != image?.workingDirectory { container.workingDir = asked.workingDir }
        }
        container.resources = resources(config.limits)
        container.securityContext = security(config)
        return container
    }

    func resources(_ limits: ResourceLimits) -> KubeResources? {
        var resources = KubeResources(limits: [:], requests: [:])
        if let bytes = limits.memoryBytes { resources.limits?["memory"] = String(bytes) }
        if let cpus = limits.cpus { resources.limits?["cpu"] = "\(Int((cpus * 1000).rounded()))m" }
        if let bytes = limits.memoryReservationBytes { resources.requests?["memory"] = String(bytes) }
        if let shares = limits.cpuShares { resources.requests?["cpu"] = "\(shares * 1000 / 1024)m" }
        if resources.limits?.isEmpty == true { resources.limits = nil }
        if resources.requests?.isEmpty == true { resources.requests = nil }
        return resources.limits == nil && resources.requests == nil ? nil : resources
    }

    func security(_ config: ContainerConfiguration) -> KubeSecurityContext? {
        var context = KubeSecurityContext()
        let ids = config.user.split(separator: ":", maxSplits: 1).map { Int($0) }
        if let uid = ids.first ?? nil { context.runAsUser = uid; context.runAsGroup = ids.count > 1 ? ids[1] : nil }
        let security = config.security
        if !security.capAdd.isEmpty || !security.capDrop.isEmpty {
            context.capabilities = KubeCapabilities(add: security.capAdd.isEmpty ? nil : security.capAdd,
                                                    drop: security.capDrop.isEmpty ? nil : security.capDrop)
        }
        if config.readOnlyRootfs { context.readOnlyRootFilesystem = true }
        if security.privileged { context.privileged = true }
        if security.noNewPrivileges { context.allowPrivilegeEscalation = false }
        return context == KubeSecurityContext() ? nil : context
    }

    /// Its mounts as volumeMounts, adding the volumes they name: the pod's named volumes
    /// (`POD-NAME`) as emptyDirs, bind mounts as hostPaths.
    func mounts(of record: ContainerRecord, into volumes: inout [KubeVolume]) -> [KubeVolumeMount]? {
        var mounts: [KubeVolumeMount] = []
        for mount in record.config.mounts where mount.kind != .tmpfs {
            let prefix = pod.name + "-"
            var volume: KubeVolume
            if mount.kind == .volume, mount.source.hasPrefix(prefix) {
                volume = KubeVolume(name: String(mount.source.dropFirst(prefix.count)), emptyDir: KubeVolume.EmptyDir())
            } else {
                var path = KubeVolume.HostPath(path: mount.source)
                path.type = mount.kind == .volume ? nil : "Directory"
                volume = KubeVolume(name: "host-\(volumes.count)", hostPath: path)
                if let same = volumes.first(where: { $0.hostPath?.path == mount.source }) { volume = same }
            }
            if !volumes.contains(volume) { volumes.append(volume) }
            mounts.append(KubeVolumeMount(name: volume.name, mountPath: mount.destination, readOnly: mount.readOnly ? true : nil))
        }
        return mounts.isEmpty ? nil : mounts
    }

    func ports(of infra: ContainerRecord) -> [KubeContainerPort]? {
        let ports = infra.config.publishedPorts.map { mapping in
            var port = KubeContainerPort(containerPort: Int(mapping.containerPort), hostPort: mapping.hostPort == 0 ? nil : Int(mapping.hostPort))
            port.hostIP = mapping.hostIP?.description
            port.protocol = mapping.proto == "udp" ? "UDP" : nil
            return port
        }
        return ports.isEmpty ? nil : ports
    }
}
