import ContainerRuntime
import ImageStore

/// What a container changed, read from its writable layer (the overlayfs upperdir) against the
/// image's layers, as `docker diff` prints it: A added, C changed, D deleted (a whiteout). The
/// mount points the runtime itself made (/etc/hosts, /proc, …) are not the container's changes.
enum ContainerChanges {
    @Sendable static func list(upper: String, lowerdirs: [String]) -> [String] {
        let below = LayerStack(layers: lowerdirs)
        let runtimeMade = Set(MountPointCleaner.runtimeMade(upper: upper, below: below))
        return LayerChanges.list(upper: upper, below: below).filter { !runtimeMade.contains(String($0.dropFirst(2))) }
    }
}
