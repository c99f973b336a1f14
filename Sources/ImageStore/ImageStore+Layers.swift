import Explain
import OCI
#if canImport(Glibc)
import Glibc
#endif

extension ImageStore {
    /// Makes a layer from a directory tree: a deterministic tarball in the blob store (the same
    /// tree always gives the same digest). An overlayfs upper directory can be passed as is: its
    /// whiteouts (character devices 0/0) and opaque directories become OCI whiteouts.
    public func writeLayer(fromDirectory directory: String) throws -> WrittenLayer {
        let writer = try LayerWriter(blobs: blobs)
        var walk = DirectoryWalk(root: directory)
        try walk.forEach { (entry) throws(ImageStoreError) in try writer.add(entry) }
        return try writer.finish()
    }

    /// Makes a layer from entries given in order (parents first, names sorted), e.g. the busybox base.
    package func writeLayer(entries: [LayerEntry]) throws -> WrittenLayer {
        let writer = try LayerWriter(blobs: blobs)
        for entry in entries { try writer.add(entry) }
        return try writer.finish()
    }

    /// The image's layers as directories for overlayfs, **bottom to top** (the manifest's order;
    /// overlayfs's `lowerdir=` option wants them reversed, top first).
    ///
    /// Each layer is unpacked once, on first use, to `<root>/layers/<diffID hex>`: extracted into a
    /// temp directory beside it and renamed into place, so a crash never leaves half a layer under
    /// the final name. A `layerUnpacked` event is emitted only when a layer is actually unpacked.
    public func unpackedLayers(of image: StoredImage, events: any EventSink) throws -> [String] {
        let diffIDs = image.config.rootfs.diffIDs
        guard diffIDs.count == image.manifest.layers.count else {
            throw ImageStoreError(.invalidImage, "image \(image.displayName) lists \(image.manifest.layers.count) layers but \(diffIDs.count) diff_ids")
        }
        var directories: [String] = []
        for (layer, diffID) in zip(image.manifest.layers, diffIDs) {
            let directory = layersPath + "/" + diffID.hex
            if !FileSystem.exists(directory) {
                var notes: [String] = []
                let files = try unpack(layer, into: directory, notes: &notes)
                events.emit(Event(.layerUnpacked(digest: diffID.string, directory: directory, files: files)))
                for note in notes { events.emit(Event(.note(note))) }
            }
            directories.append(directory)
        }
        return directories
    }

    /// Extracts one layer blob securely, verifying its digest in the same pass; returns the entry count.
    func unpack(_ layer: Descriptor, into directory: String) throws -> Int {
        var notes: [String] = []
        return try unpack(layer, into: directory, notes: &notes)
    }

    /// The same, with what rootless extraction left out (device nodes, unmapped owners) in `notes`.
    func unpack(_ layer: Descriptor, into directory: String, notes: inout [String]) throws -> Int {
        guard MediaType.isLayer(layer.mediaType) else {
            throw ImageStoreError(.invalidImage, "layer \(layer.digest) has media type \(layer.mediaType), which Dockyard cannot unpack")
        }
        guard blobs.contains(layer.digest) else {
            throw ImageStoreError(.blobNotFound, "layer \(layer.digest) is missing from the image store (\(blobs.path(of: layer.digest)))")
        }
        let temporary = layersPath + "/.tmp-\(layer.digest.shortID)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        guard mkdir(temporary, 0o700) == 0 else { throw ImageStoreError.system("mkdir", temporary) }
        do {
            let reader = try TarReader(path: blobs.path(of: layer.digest))
            let extractor = try LayerExtractor(directory: temporary)
            let count = try extractor.extract(from: reader)
            notes = extractor.notes
            try reader.verify(layer.digest)
            sync()  // The layer's files must be on disk before its name says it is complete.
            try FileSystem.moveIntoPlace(temporary, directory)
            return count
        } catch {
            FileSystem.removeTree(temporary)
            throw error
        }
    }
}
