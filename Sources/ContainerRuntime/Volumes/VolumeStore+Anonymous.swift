import FoundationEssentials
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// Which volumes are anonymous — made for one container by `-v /path`, with a generated name —
/// kept as Docker keeps it, the label `com.docker.volume.anonymous` in the volume's directory.
/// `rm -v` removes a container's anonymous volumes; `volume prune` (without `-a`) only those.
extension VolumeStore {
    static let anonymousLabel = "com.docker.volume.anonymous"

    func labelsPath(_ name: String) -> String { "\(directory)/\(name)/labels.json" }

    func markAnonymous(_ name: String) throws {
        try FileWriting.replace("{\"\(Self.anonymousLabel)\":\"\"}\n", at: labelsPath(name))
    }

    public func isAnonymous(_ name: String) -> Bool {
        access(labelsPath(name), F_OK) == 0
            && (FileManager.default.contents(atPath: labelsPath(name)).map { String(decoding: $0, as: UTF8.self) } ?? "")
                .contains(Self.anonymousLabel)
    }

    /// The bytes a volume's data holds, each file once.
    public func size(_ name: String) -> Int64 {
        DirectorySize.bytes(under: dataPath(name))
    }
}
