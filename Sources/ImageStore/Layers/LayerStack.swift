import HostSystem
#if canImport(Glibc)
import Glibc
#endif

/// A read-only view of a stack of unpacked layers, as overlayfs would merge them, computed in
/// Swift without mounting anything: the top-most layer that has a path wins, an overlayfs
/// whiteout (character device 0/0) hides the path below it, and an opaque directory
/// (`trusted.overlay.opaque=y`) hides the directory's contents in lower layers.
///
/// The builder uses it to read an image's files (COPY --from, WORKDIR, ownership of parents)
/// without a container.
public struct LayerStack: Sendable {
    /// Unpacked layer directories, bottom first.
    public let layers: [String]

    public init(layers: [String]) {
        self.layers = layers
    }

    /// What a path is in the merged view.
    public struct Item: Sendable {
        /// The host path of the file that the merged view shows.
        public let hostPath: String
        public let mode: UInt32
        public let uid: UInt32
        public let gid: UInt32
        public let modificationTime: Int

        public init(hostPath: String, mode: UInt32, uid: UInt32, gid: UInt32, modificationTime: Int) {
            self.hostPath = hostPath
            self.mode = mode
            self.uid = uid
            self.gid = gid
            self.modificationTime = modificationTime
        }

        public var isDirectory: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFDIR) }
        public var isSymlink: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFLNK) }
        public var isRegularFile: Bool { mode & UInt32(S_IFMT) == UInt32(S_IFREG) }
    }

    /// The path (absolute inside the image, not following a final symlink), or nil if absent.
    public func item(at path: String) -> Item? {
        let components = Self.components(of: path)
        for index in layers.indices.reversed() {
            let layer = layers[index]
            // A whiteout or opaque directory at any prefix in this layer hides everything below.
            var hidden = false
            for depth in 0..<components.count {
                let prefix = layer + "/" + components[0...depth].joined(separator: "/")
                var info = stat()
                guard lstat(prefix, &info) == 0 else { break }
                if info.st_mode & S_IFMT == S_IFCHR && info.st_rdev == 0 { return nil }
                if depth == components.count - 1 {
                    return Item(hostPath: prefix, mode: UInt32(info.st_mode), uid: info.st_uid, gid: info.st_gid,
                                modificationTime: info.st_mtim.tv_sec)
                }
                if info.st_mode & S_IFMT != S_IFDIR { hidden = true; break }
                if depth < components.count - 1 && Whiteout.isOpaque(prefix) {
                    // This directory is opaque here: lower layers cannot contribute deeper paths,
                    // and this layer has no such entry (it would have matched above).
                    let deeper = layer + "/" + components.joined(separator: "/")
                    if lstat(deeper, &info) != 0 { hidden = true; break }
                }
            }
            if hidden { return nil }
            if components.isEmpty {
                var info = stat()
                guard lstat(layer, &info) == 0 else { continue }
                return Item(hostPath: layer, mode: UInt32(info.st_mode), uid: info.st_uid, gid: info.st_gid,
                            modificationTime: info.st_mtim.tv_sec)
            }
        }
        return nil
    }

    /// The names in a directory of the merged view, sorted; whiteouts and opaque markers applied.
    public func names(in path: String) -> [String] {
        let components = Self.components(of: path)
        var seen: Set<String> = []
        var hiddenNames: Set<String> = []
        for layer in layers.reversed() {
            let directory = ([layer] + components).joined(separator: "/")
            var info = stat()
            guard lstat(directory, &info) == 0 else { continue }
            guard info.st_mode & S_IFMT == S_IFDIR else { break }
            for name in Self.entries(of: directory) where !seen.contains(name) && !hiddenNames.contains(name) {
                var child = stat()
                if lstat(directory + "/" + name, &child) == 0, child.st_mode & S_IFMT == S_IFCHR, child.st_rdev == 0 {
                    hiddenNames.insert(name)
                } else {
                    seen.insert(name)
                }
            }
            if Whiteout.isOpaque(directory) { break }
        }
        return seen.sorted()
    }

    /// Whether a directory carries overlayfs's opaque mark (its lower contents are hidden).
    public static func isOpaqueDirectory(_ path: String) -> Bool {
        Whiteout.isOpaque(path)
    }

    static func components(of path: String) -> [String] {
        path.split(separator: "/").map(String.init).filter { $0 != "." && !$0.isEmpty }
    }

    /// The names in a host directory (without "." and ".."), unsorted; empty if unreadable.
    public static func entries(of directory: String) -> [String] {
        DirectoryListing.names(atPath: directory) ?? []
    }
}
