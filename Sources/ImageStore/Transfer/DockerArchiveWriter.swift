import OCI
#if canImport(Glibc)
import Glibc
#endif

/// Writes images as a docker-archive, the layout `docker load` has always read:
///
///     <layer id>/layer.tar   each layer, uncompressed (its digest is the config's diff_id)
///     <layer id>/VERSION     "1.0"
///     <layer id>/json        the layer's legacy v1 metadata (id, parent)
///     <image id hex>.json    the image config, byte for byte (so the image ID survives)
///     manifest.json          per image: the config's path, its tags, its layers' paths
///     repositories           tag -> top layer id, for very old loaders
///
/// A layer id is derived from the chain of diff_ids below it, so images sharing a base share
/// its directories. Gzip layers are decompressed first: `layer.tar` is always a plain tar.
struct DockerArchiveWriter {
    let store: ImageStore
    let writer: TarWriter

    func write(_ images: [ExportRequest]) throws {
        var manifest: [DockerArchiveManifest] = []
        var repositories: [String: [String: String]] = [:]
        var written = Set<String>()
        for request in images {
            let image = request.image
            var parent: String?
            var layerPaths: [String] = []
            for (layer, diffID) in zip(image.manifest.layers, image.config.rootfs.diffIDs) {
                let id = Digest.sha256(of: Array(((parent ?? "") + " " + diffID.string).utf8)).hex
                if written.insert(id).inserted {
                    try writeLayer(layer, diffID: diffID, id: id, parent: parent)
                }
                layerPaths.append(id + "/layer.tar")
                parent = id
            }
            let configName = image.id.hex + ".json"
            if written.insert(configName).inserted {
                try store.archiveBlob(image.id, as: configName, into: writer)
            }
            let tags = request.tags.compactMap(\.taggedName)
            manifest.append(DockerArchiveManifest(config: configName, repoTags: tags.isEmpty ? nil : tags, layers: layerPaths))
            for tag in request.tags {
                guard let tagName = tag.tag, let top = parent else { continue }
                repositories[tag.name, default: [:]][tagName] = top
            }
        }
        try writer.addFile("manifest.json", bytes: CanonicalJSON.encode(manifest), modificationTime: 0)
        if !repositories.isEmpty {
            try writer.addFile("repositories", bytes: CanonicalJSON.encode(repositories), modificationTime: 0)
        }
    }

    /// Legacy v1 layer metadata; `docker load` ignores it when manifest.json is present.
    private struct LegacyLayerJSON: Encodable {
        let id: String
        let parent: String?
        let created = "1970-01-01T00:00:00Z"
    }

    private func writeLayer(_ layer: Descriptor, diffID: Digest, id: String, parent: String?) throws {
        try writer.addDirectory(id, modificationTime: 0)
        try writer.addFile(id + "/VERSION", bytes: Array("1.0".utf8), modificationTime: 0)
        try writer.addFile(id + "/json", bytes: CanonicalJSON.encode(LegacyLayerJSON(id: id, parent: parent)), modificationTime: 0)
        let blob = store.blobs.path(of: layer.digest)
        guard layer.mediaType.hasSuffix("gzip") else {
            try store.archiveBlob(layer.digest, as: id + "/layer.tar", into: writer)
            return
        }
        // Decompress to a temp file first: a tar header needs the size before the data.
        let temporary = store.blobs.temporaryPath()
        defer { unlink(temporary) }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ImageStoreError.system("open", temporary) }
        defer { close(fd) }
        try DecompressingReader(path: blob).forEachBlock { block throws(ImageStoreError) in
            try FileSystem.writeAll(fd, block, path: temporary)
        }
        let written = try writer.addFile(id + "/layer.tar", from: temporary, modificationTime: 0)
        guard written == diffID else {
            throw ImageStoreError(.corruptBlob, "layer \(layer.digest) decompresses to \(written), but the config's diff_id is \(diffID)")
        }
    }
}
