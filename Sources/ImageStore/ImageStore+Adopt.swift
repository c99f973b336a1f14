import Explain
import OCI
#if canImport(Glibc)
import Glibc
#endif

extension ImageStore {
    /// Takes a directory that already holds a layer's files in unpacked form — a build's
    /// overlayfs upper directory, or a COPY's staging directory — as the unpacked copy of the
    /// layer `diffID`, by renaming it into `<root>/layers/`. This spares the builder extracting
    /// the tarball it has just written. If the layer is already unpacked, the directory is removed.
    /// Returns the layer's directory.
    @discardableResult
    public func adoptUnpackedLayer(_ directory: String, diffID: Digest) throws -> String {
        let destination = layersPath + "/" + diffID.hex
        if FileSystem.exists(destination) {
            FileSystem.removeTree(directory)
            return destination
        }
        try FileSystem.moveIntoPlace(directory, destination)
        return destination
    }

    /// One layer's unpacked directory, unpacking it first if needed (a cached build step whose
    /// directory was pruned).
    public func unpackedLayer(_ layer: Descriptor, diffID: Digest, events: any EventSink) throws -> String {
        let directory = layersPath + "/" + diffID.hex
        if !FileSystem.exists(directory) {
            var notes: [String] = []
            let files = try unpack(layer, into: directory, notes: &notes)
            events.emit(Event(.layerUnpacked(digest: diffID.string, directory: directory, files: files)))
            for note in notes { events.emit(Event(.note(note))) }
        }
        return directory
    }

    /// Whether the store has a blob.
    public func containsBlob(_ digest: Digest) -> Bool {
        blobs.contains(digest)
    }
}
