import OCI
#if canImport(Glibc)
import Glibc
#endif

/// The gzip copies `push` keeps beside plain-tar layers (`compressed/<tar hex>` names the copy's
/// digest). No manifest in index.json names a copy, so the collector treats it as belonging to
/// its layer: live while the layer is, deleted with it.
extension ImageStore {
    var compressedRecordsPath: String { layoutPath + "/compressed" }

    /// Every recorded copy: the plain layer's digest and its gzip copy's.
    func compressedCopies() -> [(layer: Digest, copy: Digest)] {
        let names = (try? DirectoryWalk.sortedNames(in: compressedRecordsPath)) ?? []
        return names.compactMap { name in
            guard let layer = try? Digest(sha256Hex: name),
                  let text = try? FileSystem.read(compressedRecordsPath + "/" + name),
                  let copy = try? Digest(parsing: String(decoding: text, as: UTF8.self)) else { return nil }
            return (layer, copy)
        }
    }

    /// Marks the copy of every live layer, so neither `rmi` nor `prune` deletes a copy another
    /// image's next push would make again.
    func markCompressedCopies(into live: inout LiveSet) {
        for (layer, copy) in compressedCopies() where live.blobs.contains(layer) { live.blobs.insert(copy) }
    }

    /// The copies of these layers: more candidates for a sweep.
    func compressedCopies(of layers: [Digest]) -> [Digest] {
        let wanted = Set(layers)
        return compressedCopies().filter { wanted.contains($0.layer) }.map(\.copy)
    }

    /// Drops the records whose layer or copy a sweep deleted.
    func forgetCompressedCopies(deleted: [Digest]) {
        let gone = Set(deleted)
        for (layer, copy) in compressedCopies() where gone.contains(layer) || gone.contains(copy) {
            unlink(compressedRecordsPath + "/" + layer.hex)
        }
    }
}
