import OCI
#if canImport(Glibc)
import Glibc
#endif

/// Dockyard's image store: an OCI image layout on disk, plus a cache of unpacked layers.
///
///     <root>/image/oci-layout          {"imageLayoutVersion":"1.0.0"}
///     <root>/image/index.json          the tags: one manifest entry per name:tag
///     <root>/image/blobs/sha256/<hex>  manifests, configs and layer tarballs, named by digest
///     <root>/image/.lock               flock'd while index.json changes
///     <root>/layers/<diffID hex>       each layer unpacked once, an overlayfs lowerdir
///     <root>/mount-points/<image hex>  each image's mount points, a lowerdir above its layers (MountPointLayer)
///
/// The layout is the standard one, so `skopeo inspect oci:<root>/image:busybox:latest` and
/// `umoci ls --layout <root>/image` read what Dockyard writes.
public final class ImageStore: Sendable {
    /// The storage root, e.g. `/var/lib/dockyard`.
    public let root: String
    /// `<root>/image`: the OCI image layout.
    public let layoutPath: String
    /// `<root>/layers`: unpacked layers.
    public let layersPath: String
    package let blobs: BlobStore

    var indexPath: String { layoutPath + "/index.json" }
    var lockPath: String { layoutPath + "/.lock" }

    /// Opens the store at `root`, making the layout on first use.
    public init(root: String) throws {
        self.root = root
        layoutPath = root + "/image"
        layersPath = root + "/layers"
        blobs = BlobStore(directory: layoutPath + "/blobs/sha256")
        try FileSystem.makeDirectories(blobs.directory)
        try FileSystem.makeDirectories(layersPath)
        if !FileSystem.exists(layoutPath + "/oci-layout") {
            try FileSystem.writeAtomically(CanonicalJSON.encode(ImageLayoutMarker()), to: layoutPath + "/oci-layout")
        }
        if !FileSystem.exists(indexPath) {
            try StoreLock.withExclusiveLock(at: lockPath) {
                if !FileSystem.exists(indexPath) {
                    try FileSystem.writeAtomically(CanonicalJSON.encode(ImageIndex()), to: indexPath)
                }
            }
        }
    }

    /// The layout's index.json as it is now.
    package func readIndex() throws -> ImageIndex {
        try CanonicalJSON.decode(ImageIndex.self, from: FileSystem.read(indexPath), what: indexPath)
    }

    /// Changes index.json under the layout's lock: re-read, change, write atomically. Two dockyard
    /// processes tagging at once take turns, so neither loses the other's tag.
    package func updateIndex(_ change: (inout ImageIndex) throws -> Void) throws {
        try StoreLock.withExclusiveLock(at: lockPath) {
            var index = try readIndex()
            try change(&index)
            index.manifests.sort { lhs, rhs in
                let l = lhs.annotations?[AnnotationKey.refName] ?? "", r = rhs.annotations?[AnnotationKey.refName] ?? ""
                return l == r ? lhs.digest < rhs.digest : l < r
            }
            try FileSystem.writeAtomically(CanonicalJSON.encode(index), to: indexPath)
        }
    }
}
