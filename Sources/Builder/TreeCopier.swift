import HostSystem
import ImageStore
import OCI
#if canImport(Glibc)
import Glibc
#endif

/// Copies files for COPY and ADD into a staging directory that becomes the step's layer:
/// regular files, directories and symlinks (never followed), with their modes and modification
/// times; owned by root, or by the source's owner for `--from`, or by `--chown`; `--chmod`
/// replaces the permission bits. Devices, sockets and FIFOs are skipped, as Docker does.
public struct TreeCopier {
    let source: any SourceFileSystem
    let staging: String
    /// `--chown`, or nil.
    let owner: (uid: UInt32, gid: UInt32)?
    /// Keep the source's owner (COPY --from) instead of root's.
    let keepsOwner: Bool
    /// `--chmod`, or nil.
    let permissions: UInt32?

    public init(source: any SourceFileSystem, staging: String, owner: (uid: UInt32, gid: UInt32)?,
                keepsOwner: Bool, permissions: UInt32?) {
        self.source = source
        self.staging = staging
        self.owner = owner
        self.keepsOwner = keepsOwner
        self.permissions = permissions
    }

    /// Copies the source path to `destination` (absolute in the image). A directory's contents
    /// are copied into `destination`, as COPY does.
    public func copy(_ sourcePath: String, to destination: String) throws(BuildError) {
        guard let item = source.item(at: sourcePath) else {
            throw BuildError("\"\(sourcePath)\": not found")
        }
        try copyItem(item, sourcePath: sourcePath, to: destination)
    }

    private func copyItem(_ item: LayerStack.Item, sourcePath: String, to destination: String) throws(BuildError) {
        let target = staging + destination
        let uid = owner?.uid ?? (keepsOwner ? item.uid : 0)
        let gid = owner?.gid ?? (keepsOwner ? item.gid : 0)
        let mode = permissions ?? (item.mode & 0o7777)
        if item.isDirectory {
            if mkdir(target, 0o700) != 0 && errno != EEXIST { throw Self.failure("mkdir", target) }
            for name in source.names(in: sourcePath) {
                guard let child = source.item(at: sourcePath + "/" + name) else { continue }
                try copyItem(child, sourcePath: sourcePath + "/" + name,
                             to: (destination == "/" ? "" : destination) + "/" + name)
            }
            try finish(target, mode: mode, uid: uid, gid: gid, time: item.modificationTime, isLink: false)
        } else if item.isSymlink {
            var buffer = [CChar](repeating: 0, count: 4097)
            let length = readlink(item.hostPath, &buffer, 4096)
            guard length >= 0 else { throw Self.failure("readlink", item.hostPath) }
            unlink(target)
            let linkTarget = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            guard symlink(linkTarget, target) == 0 else { throw Self.failure("symlink", target) }
            try finish(target, mode: 0, uid: uid, gid: gid, time: item.modificationTime, isLink: true)
        } else if item.isRegularFile {
            try copyContents(from: item.hostPath, to: target)
            try finish(target, mode: mode, uid: uid, gid: gid, time: item.modificationTime, isLink: false)
        }
    }

    private func copyContents(from sourceFile: String, to target: String) throws(BuildError) {
        let input = open(sourceFile, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard input >= 0 else { throw Self.failure("open", sourceFile) }
        defer { close(input) }
        unlink(target)
        let output = open(target, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard output >= 0 else { throw Self.failure("create", target) }
        defer { close(output) }
        do {
            try FileDescriptor(rawValue: input).copyAll(to: FileDescriptor(rawValue: output), path: sourceFile, outputPath: target)
        } catch {
            throw BuildError(error.description)
        }
    }

    /// Owner, mode, then times: chown clears set-uid bits, so chmod comes after it, and the
    /// modification time last because the other two count as changes to the inode.
    private func finish(_ path: String, mode: UInt32, uid: UInt32, gid: UInt32, time: Int, isLink: Bool) throws(BuildError) {
        guard lchown(path, uid, gid) == 0 else { throw Self.failure("chown", path) }
        if !isLink, chmod(path, mode_t(mode)) != 0 { throw Self.failure("chmod", path) }
        var times = [timespec(tv_sec: time, tv_nsec: 0), timespec(tv_sec: time, tv_nsec: 0)]
        utimensat(AT_FDCWD, path, &times, AT_SYMLINK_NOFOLLOW)
    }

    static func failure(_ operation: String, _ path: String) -> BuildError {
        BuildError("\(operation) \(path): \(String(cString: strerror(errno)))")
    }
}

/// A digest of what COPY/ADD would copy: paths, types, permission bits, link targets and file
/// contents — not times, so touching a file without changing it keeps the cache.
struct ContentDigest {
    let source: any SourceFileSystem
    private var hasher = Digest.Hasher()

    init(source: any SourceFileSystem) {
        self.source = source
    }

    static func of(_ paths: [String], in source: any SourceFileSystem) throws(BuildError) -> String {
        var digest = ContentDigest(source: source)
        for path in paths { try digest.add(path) }
        return digest.hasher.finalize().hex
    }

    private mutating func add(_ path: String) throws(BuildError) {
        guard let item = source.item(at: path) else { return }
        hasher.update(Array("\(path)\0\(item.mode)\0\(item.uid):\(item.gid)\0".utf8))
        if item.isDirectory {
            for name in source.names(in: path) { try add(path + "/" + name) }
        } else if item.isSymlink {
            var buffer = [CChar](repeating: 0, count: 4097)
            let length = readlink(item.hostPath, &buffer, 4096)
            hasher.update(buffer[0..<max(0, length)].map { UInt8(bitPattern: $0) })
        } else if item.isRegularFile {
            hasher.update(try FileContents.read(item.hostPath))
        }
    }
}
