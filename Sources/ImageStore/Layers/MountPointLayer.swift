import OCI
#if canImport(Glibc)
import Glibc
#endif

/// Docker's "init layer", made once per image instead of once per container: a read-only layer
/// stacked above the image's own that holds the empty files and directories the runtime mounts
/// over, where the image lacks them — /etc/hostname, /etc/hosts and /etc/resolv.conf (bind mounts
/// of the container's own files), /proc, /sys and /dev.
///
/// Without it, every container would first make them in its writable layer: overlayfs copies
/// /etc up from the image and three files are created, on the host's disk, at every `run` (and
/// removed again by `--rm`); `diff` and `commit` then have to tell them apart from the command's
/// own changes (MountPointCleaner). With it, the mounts find their targets in a lower layer, and
/// the writable layer holds only what the container's processes write.
///
/// Nothing in it may change what the image shows: /etc is added only where it is a directory (its
/// mode, owner and time copied, since the top-most layer's directory is the one overlayfs shows)
/// or missing; an /etc that is a symlink is left to the runtime, which resolves it inside the
/// rootfs. The layer is keyed by the image's id (its config's digest, which names every layer
/// below), lives in `<root>/mount-points/<id hex>` (an empty file there when the image needs
/// none), and goes when its image and its containers do (`sweep`).
public struct MountPointLayer: Sendable {
    /// `<root>/mount-points/<image id hex>`: the layer, or an empty file where the image needs none
    /// (so that a run learns either with one stat, without looking through the image's layers).
    public let directory: String

    enum Entry: Sendable, Equatable {
        case directory(path: String, mode: mode_t, uid: uid_t, gid: gid_t, modified: Int)
        case emptyFile(path: String)
    }

    /// Where each image's layer goes.
    public static func parentDirectory(root: String) -> String { root + "/mount-points" }

    /// The layer of the image `imageID`, if one has been made.
    public static func existing(imageID: String, root: String) -> String? {
        guard let layer = MountPointLayer(imageID: imageID, root: root) else { return nil }
        return FileSystem.isDirectory(layer.directory) ? layer.directory : nil
    }

    /// The place of the layer for the image `imageID`; nil for a container with no image id (a
    /// build step's).
    public init?(imageID: String, root: String) {
        guard let digest = try? Digest(parsing: imageID) else { return nil }
        self.directory = Self.parentDirectory(root: root) + "/" + digest.hex
    }

    /// Whether the image whose layers are `lowerdirs` (bottom first) needs a layer: it lacks a
    /// mount point. For a simulation, which tells of the layer without making it.
    public static func isNeeded(by lowerdirs: [String]) -> Bool {
        !missingEntries(in: LayerStack(layers: lowerdirs)).isEmpty
    }

    static func missingEntries(in image: LayerStack) -> [Entry] {
        var entries: [Entry] = []
        for (path, mode) in [("/proc", mode_t(0o555)), ("/sys", 0o555), ("/dev", 0o755)] where image.item(at: path) == nil {
            entries.append(.directory(path: path, mode: mode, uid: 0, gid: 0, modified: 0))
        }
        let files = MountPointCleaner.files.filter { image.item(at: $0) == nil }
        guard !files.isEmpty else { return entries }
        switch image.item(at: "/etc") {
        case nil:
            entries.append(.directory(path: "/etc", mode: 0o755, uid: 0, gid: 0, modified: 0))
        case let etc? where etc.isDirectory:
            entries.append(.directory(path: "/etc", mode: mode_t(etc.mode & 0o7777), uid: etc.uid, gid: etc.gid,
                                      modified: etc.modificationTime))
        default:
            return entries   // a symlink, or a file: the runtime resolves and makes the targets in the rootfs
        }
        return entries + files.map { Entry.emptyFile(path: $0) }
    }

    /// The layer's directory for the image whose layers are `lowerdirs`, made first if this is
    /// the image's first run; nil when the image has every mount point (an empty file in its place
    /// says so to later runs), or the layer cannot be made (the runtime then makes the mount points
    /// in the writable layer, as without it). Two first runs of an image may both make it: each
    /// builds its own copy aside and renames it into place, and the one that finds the place taken
    /// removes its copy (one left by a run that died making it goes with the store's other
    /// temporaries, `ImageStore.removeAbandonedTemporaries`).
    public func prepared(lowerdirs: [String]) -> String? {
        if FileSystem.exists(directory) { return FileSystem.isDirectory(directory) ? directory : nil }
        let entries = Self.missingEntries(in: LayerStack(layers: lowerdirs))
        let parent = FileSystem.directoryName(of: directory)
        guard (try? FileSystem.makeDirectories(parent)) != nil else { return nil }
        guard !entries.isEmpty else {
            let marker = open(directory, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o444)
            if marker >= 0 { close(marker) }
            return nil
        }
        let staging = FileSystem.temporaryPath(besides: directory)
        guard mkdir(staging, 0o755) == 0 else { return nil }
        guard Self.make(entries, in: staging), rename(staging, directory) == 0 else {
            FileSystem.removeTree(staging)
            return FileSystem.isDirectory(directory) ? directory : nil
        }
        return directory
    }

    private static func make(_ entries: [Entry], in staging: String) -> Bool {
        for entry in entries {
            switch entry {
            case let .directory(path, mode, uid, gid, _):
                guard mkdir(staging + path, mode) == 0, chmod(staging + path, mode) == 0,   // chmod: past the umask
                      chown(staging + path, uid, gid) == 0 else { return false }
            case let .emptyFile(path):
                let fd = open(staging + path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
                guard fd >= 0 else { return false }
                close(fd)
                guard chmod(staging + path, 0o644) == 0 else { return false }
            }
        }
        // /etc's time last: the files made in it changed it.
        for case let .directory(path, _, _, _, modified) in entries where modified != 0 {
            var times = [timespec(tv_sec: modified, tv_nsec: 0), timespec(tv_sec: modified, tv_nsec: 0)]
            guard utimensat(AT_FDCWD, staging + path, &times, AT_SYMLINK_NOFOLLOW) == 0 else { return false }
        }
        return true
    }

    /// Removes the layers of images that are gone: those whose id is not among `liveImages` (the
    /// images listed, and those containers were made from).
    static func sweep(root: String, keeping liveImages: Set<Digest>) {
        let parent = parentDirectory(root: root)
        for name in (try? DirectoryWalk.sortedNames(in: parent)) ?? [] {
            // Not a layer (a `.tmp-` copy being made): removeAbandonedTemporaries' business.
            guard let digest = try? Digest(sha256Hex: name), !liveImages.contains(digest) else { continue }
            FileSystem.removeTree(parent + "/" + name)
        }
    }
}
