import OCI
#if canImport(Glibc)
import Glibc
#endif

/// One image `load` put in the store, for Docker's messages (`Loaded image: busybox:latest`,
/// or `Loaded image ID: sha256:…` for an untagged one).
public struct LoadedImage: Sendable, Equatable {
    public let id: Digest
    public let tags: [ImageReference]
    /// Tags that named another image before this load, with that image's ID.
    public let replaced: [Replacement]

    /// A tag moved from an older image to the loaded one.
    public struct Replacement: Sendable, Equatable {
        public let tag: ImageReference
        public let previousID: Digest
    }
}

extension ImageStore {
    /// `load`: reads a docker-archive or an OCI layout tar (plain or gzip, detected) and adds its
    /// images to the store, with their layers unpacked.
    ///
    /// One read of the archive: each member is written into a private staging directory inside
    /// the store and hashed as it is written. Then each layer is read once from its staged blob,
    /// on as many threads as there are processors: every entry checked and unpacked into a
    /// temporary directory, its diff_id compared with the config's. All or nothing: only when
    /// every image passed does one sync put all of it on disk, and then the blobs are renamed
    /// into place, the layers after them, and the tags written in one index.json update. On any
    /// failure the staging directory, the unpacked directories and every blob this load added
    /// are removed, so no partial image, layer or tag is left; a load killed midway leaves only
    /// `.tmp-` names that the next command's clean-up removes. Nothing is written outside the store.
    public func load(archive path: String) throws -> [LoadedImage] {
        try withWriteLease {
            let staging = try ArchiveStaging(
                archive: path, directory: layoutPath + "/.tmp-load-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
            defer { staging.remove() }
            let images = try prepare(staging, archive: path)
            let unpacked = try unpackAll(Self.distinctLayers(of: images)) { layer, diffID in
                ImageStoreError(.invalidArchive, "layer \(layer.name) has diff_id \(diffID), but the config says \(layer.diffID)")
            }
            var added: [Digest] = []
            do {
                // The staged blobs and unpacked files reach the disk before any of them is named:
                // one sync for all of them (fsyncing each file waited for the disk file by file).
                sync()
                var entries: [(image: PreparedImage, manifest: Descriptor)] = []
                for image in images {
                    for layer in image.layers { try adopt(layer.file, recording: &added) }
                    try adopt(image.config, recording: &added)
                    entries.append((image, try storeManifest(of: image, recording: &added)))
                }
                FileSystem.syncDirectory(containing: blobs.path(of: images[0].id))
                try placeUnpackedLayers(unpacked)
                return try tag(entries)
            } catch {
                for digest in added { unlink(blobs.path(of: digest)) }
                removeUnpackedLayers(unpacked)
                throw error
            }
        }
    }

    /// The images of a staged archive, by its format, their documents checked.
    private func prepare(_ staging: ArchiveStaging, archive path: String) throws -> [PreparedImage] {
        let images: [PreparedImage]
        if try staging.file("manifest.json") != nil {
            images = try DockerArchiveReader.images(in: staging)
        } else if try staging.file("index.json") != nil {
            images = try OCILayoutReader.images(in: staging)
        } else {
            throw ImageStoreError(.invalidArchive, "\(path) is neither a docker-archive (no manifest.json) nor an OCI image layout (no index.json)")
        }
        guard !images.isEmpty else { throw ImageStoreError(.invalidArchive, "\(path) holds no image") }
        return images
    }

    /// Every image's layers, each staged blob once per diff_id it must have (images that share a
    /// layer share its blob; a blob two configs disagree about is checked against both).
    private static func distinctLayers(of images: [PreparedImage]) -> [LayerToUnpack] {
        var seen = Set<String>()
        return images.flatMap(\.unpacking).filter { seen.insert($0.file.path + " " + $0.diffID.string).inserted }
    }

    /// Moves a staged file into the blob store, unless an identical blob is already there.
    private func adopt(_ file: ArchiveStaging.File, recording added: inout [Digest]) throws {
        guard !blobs.contains(file.digest) else { return }
        try blobs.adopt(temporaryFile: file.path, digest: file.digest, syncingDirectory: false)
        added.append(file.digest)
    }

    /// The archive's own manifest (OCI layout) or a new OCI manifest (docker-archive).
    private func storeManifest(of image: PreparedImage, recording added: inout [Digest]) throws -> Descriptor {
        if let manifest = image.manifest {
            try adopt(manifest.file, recording: &added)
            return Descriptor(mediaType: manifest.descriptor.mediaType, digest: manifest.descriptor.digest, size: manifest.descriptor.size)
        }
        let manifest = ImageManifest(
            config: Descriptor(mediaType: MediaType.imageConfig, digest: image.config.digest, size: image.config.size),
            layers: image.layers.map(\.descriptor))
        let bytes = try CanonicalJSON.encode(manifest)
        let digest = Digest.sha256(of: bytes)
        if !blobs.contains(digest) { added.append(digest) }
        return try blobs.write(bytes, mediaType: MediaType.imageManifest)
    }

    /// Points every image's tags at it in one index.json update; untagged images get an entry
    /// without a name (Docker's `<none>`), so they are listed and can be tagged later.
    private func tag(_ entries: [(image: PreparedImage, manifest: Descriptor)]) throws -> [LoadedImage] {
        var loaded: [LoadedImage] = []
        try updateIndex { index in
            loaded = []
            for (image, manifest) in entries {
                let config = image.configuration
                var entry = manifest
                entry.platform = Platform(architecture: config.architecture, os: config.os, variant: config.variant)
                var replaced: [LoadedImage.Replacement] = []
                for tag in image.tags {
                    guard let name = tag.taggedName else { continue }
                    if let old = index.manifests.first(where: { $0.annotations?[AnnotationKey.refName] == name }),
                       let previous = try? load(old, as: tag), previous.id != image.id {
                        replaced.append(.init(tag: tag, previousID: previous.id))
                    }
                    index.releaseTag(name, for: entry.digest)
                    var tagged = entry
                    tagged.annotations = [AnnotationKey.refName: name]
                    index.manifests.append(tagged)
                }
                if image.tags.isEmpty, !index.manifests.contains(where: { $0.digest == entry.digest }) {
                    index.manifests.append(entry)
                }
                loaded.append(LoadedImage(id: image.id, tags: image.tags, replaced: replaced))
            }
        }
        return loaded
    }
}
