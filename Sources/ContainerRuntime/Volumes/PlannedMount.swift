import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// A user's mount ready for the container's setup plan: a named volume's host directory found,
/// a bind mount's source checked, and whether the mount point must be a file or a directory.
public struct PlannedMount: Sendable, Equatable {
    public var kind: VolumeMount.Kind
    /// The host path bind-mounted (for bind and volume), or "tmpfs".
    public var source: String
    public var destination: String
    public var readOnly: Bool
    /// A file bind-mounted onto a file: the mount point is an empty file, not a directory.
    public var sourceIsFile: Bool
    public var options: String?

    public init(kind: VolumeMount.Kind, source: String, destination: String, readOnly: Bool,
                sourceIsFile: Bool = false, options: String? = nil) {
        self.kind = kind
        self.source = source
        self.destination = destination
        self.readOnly = readOnly
        self.sourceIsFile = sourceIsFile
        self.options = options
    }

    /// Resolves the container's mounts on the host. A missing bind source is made as a directory
    /// for a writable `-v`, as Docker does; a read-only one must exist (nothing to protect otherwise).
    public static func plan(_ mounts: [VolumeMount], volumes: VolumeStore, create: Bool) throws -> [PlannedMount] {
        try mounts.map { mount in
            switch mount.kind {
            case .tmpfs:
                return PlannedMount(kind: .tmpfs, source: "tmpfs", destination: mount.destination,
                                    readOnly: mount.readOnly, options: mount.options)
            case .volume:
                if create { try volumes.create(mount.source) }
                return PlannedMount(kind: .volume, source: volumes.dataPath(mount.source),
                                    destination: mount.destination, readOnly: mount.readOnly)
            case .bind:
                var info = stat()
                if stat(mount.source, &info) != 0 {
                    guard create, !mount.readOnly else {
                        throw RuntimeError(code: .notFound, "invalid mount config for type \"bind\": bind source path does not exist: \(mount.source)")
                    }
                    guard mkdir(mount.source, 0o755) == 0 || errno == EEXIST, stat(mount.source, &info) == 0 else {
                        let cause = KernelError("mkdir", path: mount.source, errno: errno)
                        throw RuntimeError(code: .system, "error while creating mount source path '\(mount.source)': \(KernelError.message(for: cause.errno))",
                                           cause: cause)
                    }
                }
                return PlannedMount(kind: .bind, source: mount.source, destination: mount.destination,
                                    readOnly: mount.readOnly, sourceIsFile: info.st_mode & S_IFMT != S_IFDIR)
            }
        }
    }
}
