/// Where one container's files live on the host, under `<root>/containers/<id>/`:
/// its record, its writable layer (overlayfs upperdir), overlayfs's workdir, the mount point
/// that becomes its `/`, and the files bind-mounted onto its /etc/hostname, hosts, resolv.conf.
public struct ContainerPaths: Sendable {
    public let directory: String

    public init(root: String, id: ContainerID) {
        directory = "\(root)/containers/\(id.full)"
    }

    public var record: String { directory + "/config.json" }
    public var upperdir: String { directory + "/upper" }
    public var workdir: String { directory + "/work" }
    public var rootfs: String { directory + "/rootfs" }
    /// With `--userns remap`: where the idmapped layers appear inside the container's mount
    /// namespace (`l0`, `l1`, … for the image's layers, `rw` for this directory itself).
    public var idmapped: String { directory + "/idmap" }
    public var hostname: String { directory + "/hostname" }
    public var hosts: String { directory + "/hosts" }
    public var resolvConf: String { directory + "/resolv.conf" }
    /// With `--ipc shareable`: its /dev/shm, a tmpfs mounted here on the host while it runs, which
    /// it and every `--ipc container:` joiner bind-mount (Docker's `mounts/shm`).
    public var sharedMemory: String { directory + "/shm" }
}
