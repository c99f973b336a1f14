#if canImport(Glibc)
import Glibc
#endif
/// One file in a layer changeset, as it goes into the layer's tarball: a path relative to the
/// root of the image's filesystem, what it is, and its owner, permissions and time.
///
/// A layer is a list of these; applied over the layers below it, it adds or replaces files.
/// Deletions are whiteouts: an empty file named `.wh.NAME` beside the deleted `NAME`.
package struct LayerEntry: Sendable {
    package enum Kind: Sendable {
        case directory
        case regularFile(FileContent)
        case symlink(target: String)
        /// A second name for a file earlier in the same layer (path relative to the layer root).
        case hardlink(target: String)
        case characterDevice(major: UInt32, minor: UInt32)
        case blockDevice(major: UInt32, minor: UInt32)
        case fifo
    }

    /// Where a regular file's bytes come from.
    package enum FileContent: Sendable {
        case bytes([UInt8])
        /// A host file, read when the layer is written.
        case file(path: String, size: Int64)
        /// The entry `name` of an open directory, opened relative to it (never following a
        /// symlink) when the layer is written: for trees that their owner may change meanwhile.
        case entry(directory: Int32, name: String, size: Int64)

        var size: Int64 {
            switch self {
            case let .bytes(bytes): Int64(bytes.count)
            case let .file(_, size): size
            case let .entry(_, _, size): size
            }
        }
    }

    /// Relative, without a leading `/` or `./`, e.g. `usr/bin/env`.
    package var path: String
    package var kind: Kind
    /// Permission bits only (including setuid, setgid, sticky), e.g. `0o755` or `0o1777`.
    package var permissions: UInt32
    package var uid: Int64
    package var gid: Int64
    /// Seconds since 1970.
    package var modificationTime: Int64
    package var extendedAttributes: [(name: String, value: [UInt8])]

    package init(path: String, kind: Kind, permissions: UInt32, uid: Int64 = 0, gid: Int64 = 0,
                 modificationTime: Int64, extendedAttributes: [(name: String, value: [UInt8])] = []) {
        self.path = path
        self.kind = kind
        self.permissions = permissions
        self.uid = uid
        self.gid = gid
        self.modificationTime = modificationTime
        self.extendedAttributes = extendedAttributes
    }
}

/// The names OCI layers use for deletions, and overlayfs's equivalents.
public enum Whiteout {
    /// `.wh.NAME` in a layer hides `NAME` from the layers below.
    package static let prefix = ".wh."
    /// `.wh..wh..opq` in a directory hides everything the layers below have in it.
    package static let opaqueMarker = ".wh..wh..opq"
    /// overlayfs marks an opaque directory with this xattr, value "y".
    package static let opaqueXattr = "trusted.overlay.opaque"
    /// The same mark where overlayfs runs in a user namespace (`userxattr`), which may not use
    /// trusted.* attributes: unpacked layers carry both, so `--userns remap` sees them too.
    package static let userOpaqueXattr = "user.overlay.opaque"

    /// Whether a directory carries either opaque mark (its lower contents are hidden).
    package static func isOpaque(_ path: String) -> Bool {
        ExtendedAttributes.get(opaqueXattr, path: path) == [0x79] || ExtendedAttributes.get(userOpaqueXattr, path: path) == [0x79]
    }
}

extension Whiteout {
    /// Gives every opaque directory under `root` (an overlayfs upperdir about to become a layer)
    /// the `user.overlay.opaque` mark beside overlayfs's trusted one, so the layer reads the same
    /// under `--userns remap`, where overlayfs may only look at user.* attributes.
    public static func addUserNamespaceMarks(under root: String) {
        guard let names = try? DirectoryWalk.sortedNames(in: root) else { return }
        for name in names {
            let path = root + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { continue }
            if ExtendedAttributes.get(opaqueXattr, path: path) == [0x79] {
                let fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                if fd >= 0 {
                    try? ExtendedAttributes.set(userOpaqueXattr, [0x79], fd: fd, path: path, ignoringUnsupported: true)
                    close(fd)
                }
            }
            addUserNamespaceMarks(under: path)
        }
    }
}
