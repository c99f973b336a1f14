import OCI
#if canImport(Glibc)
import Glibc
#endif

/// What the store must keep: every blob reachable from index.json (manifests, configs, layers)
/// and every unpacked layer an image or a container still needs. Anything else is garbage.
struct LiveSet {
    var blobs = Set<Digest>()
    /// Hex names of `<root>/layers/<diffID hex>` directories.
    var layers = Set<String>()
    /// Images whose mount-point layer stays: those listed, and those a container was made from
    /// (a stopped container's `cp` and `export` read it; MountPointLayer).
    var mountPointImages = Set<Digest>()
}

extension ImageStore {
    var collectionLockPath: String { layoutPath + "/.gc.lock" }

    /// Runs `body` while no garbage collection can run. For writers that put blobs in the store
    /// before a tag points at them (`load`, a build): without it, `image prune` could delete a
    /// blob between its write and the commit that tags it.
    public func withWriteLease<T>(_ body: () throws -> T) throws -> T {
        try StoreLock.withSharedLock(at: collectionLockPath, body)
    }

    /// Runs `body` as the only collector, with no writer holding a lease.
    func withCollectionLock<T>(_ body: () throws -> T) throws -> T {
        try StoreLock.withExclusiveLock(at: collectionLockPath, body)
    }

    /// Marks everything index.json reaches (with the gzip copies of its layers), and every layer a
    /// container mounts.
    func liveSet(containers: [ContainerUse]) throws -> LiveSet {
        var live = LiveSet()
        for entry in try readIndex().manifests {
            try mark(entry, into: &live)
            // A kept source index, and through it whatever of its other platforms was pulled.
            if let value = entry.annotations?[AnnotationKey.sourceIndex], let at = value.lastIndex(of: "@"),
               let digest = try? Digest(parsing: String(value[value.index(after: at)...])) {
                try mark(Descriptor(mediaType: String(value[..<at]), digest: digest, size: 0), into: &live)
            }
        }
        markCompressedCopies(into: &live)
        live.mountPointImages = live.blobs.union(containers.compactMap(\.imageID))
        for container in containers {
            for directory in container.lowerdirs where FileSystem.directoryName(of: directory) == layersPath {
                live.layers.insert(String(directory.dropFirst(layersPath.count + 1)))
            }
        }
        return live
    }

    /// Marks one index entry and what it points to. A blob that is missing has nothing to protect;
    /// one that cannot be read stops the collection, since what it references is unknown.
    private func mark(_ descriptor: Descriptor, into live: inout LiveSet) throws {
        live.blobs.insert(descriptor.digest)
        guard blobs.contains(descriptor.digest) else { return }
        if descriptor.mediaType == MediaType.imageIndex || descriptor.mediaType == MediaType.dockerManifestList {
            let index = try CanonicalJSON.decode(ImageIndex.self, from: blobs.read(descriptor.digest), what: "index \(descriptor.digest)")
            for child in index.manifests { try mark(child, into: &live) }
            return
        }
        let manifest = try CanonicalJSON.decode(ImageManifest.self, from: blobs.read(descriptor.digest), what: "manifest \(descriptor.digest)")
        live.blobs.insert(manifest.config.digest)
        for layer in manifest.layers { live.blobs.insert(layer.digest) }
        guard blobs.contains(manifest.config.digest) else { return }
        let config = try CanonicalJSON.decode(ImageConfiguration.self, from: blobs.read(manifest.config.digest),
                                              what: "config \(manifest.config.digest)")
        for diffID in config.rootfs.diffIDs { live.layers.insert(diffID.hex) }
    }

    /// Deletes the blobs and unpacked layers given, except live ones. Returns the bytes freed and
    /// what was deleted. Blobs go first: a layer directory without its blob is never left named
    /// by an image that index.json still lists.
    func sweep(blobs candidates: [Digest], layers layerNames: [String], keeping live: LiveSet)
        -> (bytes: Int64, blobs: [Digest], layers: [String]) {
        var bytes: Int64 = 0
        var deletedBlobs: [Digest] = []
        var deletedLayers: [String] = []
        for digest in candidates where !live.blobs.contains(digest) && blobs.contains(digest) {
            let path = blobs.path(of: digest)
            let size = Self.treeSize(path)
            if unlink(path) == 0 {
                bytes += size
                deletedBlobs.append(digest)
            }
        }
        forgetCompressedCopies(deleted: deletedBlobs)
        for name in layerNames where !live.layers.contains(name) {
            let path = layersPath + "/" + name
            guard FileSystem.exists(path) else { continue }
            bytes += Self.treeSize(path)
            FileSystem.removeTree(path)
            deletedLayers.append(name)
        }
        // A removed image's mount points go with it; a container still running it keeps its
        // mount, and one started again makes the layer anew (MountPointLayer.prepared).
        MountPointLayer.sweep(root: root, keeping: live.mountPointImages)
        return (bytes, deletedBlobs, deletedLayers)
    }

    /// Every blob and unpacked layer on disk named by a digest (temp files are the sweeper's).
    func storedContent() -> (blobs: [Digest], layers: [String]) {
        let blobNames = (try? DirectoryWalk.sortedNames(in: blobs.directory)) ?? []
        let layerNames = (try? DirectoryWalk.sortedNames(in: layersPath)) ?? []
        return (blobNames.compactMap { try? Digest(sha256Hex: $0) },
                layerNames.filter { (try? Digest(sha256Hex: $0)) != nil })
    }

    /// The bytes of a file, or of every file below a directory, without following symlinks.
    static func treeSize(_ path: String) -> Int64 {
        var info = stat()
        guard lstat(path, &info) == 0 else { return 0 }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            return info.st_mode & S_IFMT == S_IFREG ? Int64(info.st_size) : 0
        }
        let names = (try? DirectoryWalk.sortedNames(in: path)) ?? []
        return names.reduce(0) { $0 + treeSize(path + "/" + $1) }
    }
}
