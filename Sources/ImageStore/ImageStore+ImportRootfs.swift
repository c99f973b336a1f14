import FoundationEssentials
import OCI
#if canImport(Glibc)
import Glibc
#endif

extension ImageStore {
    /// `docker import`: a root filesystem tarball (plain or gzip) becomes a one-layer image with
    /// an empty config. The tarball is unpacked with the same safety rules as layers, the
    /// directory is written back as a deterministic layer, and kept as that layer's unpacked copy.
    public func importRootfs(from archive: String, source: String, tags: [ImageReference]) throws -> StoredImage {
        let staging = layersPath + "/.import-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        do {
            guard try ArchiveExtraction.extractIfArchive(archive, into: staging) != nil else {
                throw ImageStoreError(.invalidArchive, "\(source) is not a tar archive")
            }
            let layer = try writeLayer(fromDirectory: staging)
            try adoptUnpackedLayer(staging, diffID: layer.diffID)
            let host = Platform.host
            let now = Timestamp.string(seconds: Int64(Date().timeIntervalSince1970))
            let config = ImageConfiguration(
                created: now, architecture: host.architecture, os: host.os, config: ContainerConfig(),
                rootfs: .init(diffIDs: [layer.diffID]),
                history: [.init(created: now, createdBy: "", comment: "Imported from \(source)")])
            return try commit(config: config, layers: [layer.descriptor], tags: tags)
        } catch {
            FileSystem.removeTree(staging)
            throw error
        }
    }
}
