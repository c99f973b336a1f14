import FoundationEssentials
import OCI
#if canImport(Glibc)
import Glibc
#endif

extension ImageStore {
    /// `docker import`: a root filesystem tarball (plain or gzip) becomes a one-layer image with
    /// an empty config. The tarball is unpacked with the same safety rules as layers, the
    /// directory is written back as a deterministic layer, and kept as that layer's unpacked copy.
    /// `message` replaces the history's "Imported from …"; `adjust` edits the new config before
    /// it is stored (`import --change`), and may throw to give the import up.
    public func importRootfs(from archive: String, source: String, tags: [ImageReference], message: String? = nil,
                             adjust: (ImageConfiguration) throws -> ImageConfiguration = { $0 }) throws -> StoredImage {
        let host = Platform.host
        let now = Timestamp.string(seconds: Int64(Date().timeIntervalSince1970))
        // The config first: a change that is refused costs no unpacking and leaves no layer behind.
        var config = try adjust(ImageConfiguration(
            created: now, architecture: host.architecture, os: host.os, config: ContainerConfig(),
            rootfs: .init(diffIDs: []),
            history: [.init(created: now, createdBy: "", comment: message ?? "Imported from \(source)")]))
        let staging = layersPath + "/.import-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        do {
            guard try ArchiveExtraction.extractIfArchive(archive, into: staging) != nil else {
                throw ImageStoreError(.invalidArchive, "\(source) is not a tar archive")
            }
            let layer = try writeLayer(fromDirectory: staging)
            try adoptUnpackedLayer(staging, diffID: layer.diffID)
            config.rootfs.diffIDs = [layer.diffID]
            return try commit(config: config, layers: [layer.descriptor], tags: tags)
        } catch {
            FileSystem.removeTree(staging)
            throw error
        }
    }
}
