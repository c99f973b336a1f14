import OCI
#if canImport(Glibc)
import Glibc
#endif

/// An image archive (`docker save` or OCI layout tar, plain or gzip) unpacked into a private
/// staging directory inside the store, before anything in it is trusted.
///
/// Each member is written to a numbered file (`0`, `1`, …), never to a path taken from the
/// archive, and hashed as it is written, so the archive's names cannot reach outside the
/// staging directory and every blob's digest is known without reading it twice. Links between
/// members (Docker writes one for a layer two images share) are recorded, not made; a link
/// whose target is absolute or climbs out of the archive is refused. Devices, fifos and
/// duplicate names are refused. Staged files sit on the store's file system, so adopting one
/// as a blob is a rename; they are not fsynced one by one: `load` syncs the file system once,
/// after every check, before it renames anything.
final class ArchiveStaging {
    /// One member's content, staged.
    struct File {
        let path: String
        let digest: Digest
        let size: Int64
        /// Starts with gzip's magic bytes.
        let isGzip: Bool
        /// Starts with zstd's magic bytes (a registry's `tar+zstd` layer).
        var isZstd = false

        /// The four bytes every zstd frame starts with.
        static let zstdMagic: [UInt8] = [0x28, 0xB5, 0x2F, 0xFD]

        /// gzip or zstd: its diff_id is the digest of the bytes after decompression.
        var isCompressed: Bool { isGzip || isZstd }
    }

    let directory: String
    private(set) var files: [String: File] = [:]
    private var links: [String: String] = [:]

    /// Stages every member of `archive` into `directory`, which must not exist yet.
    init(archive: String, directory: String) throws {
        self.directory = directory
        guard mkdir(directory, 0o700) == 0 else { throw ImageStoreError.system("mkdir", directory) }
        do {
            let reader = try TarReader(path: archive, what: "archive")
            while let entry = try reader.next() {
                try stage(entry, reader: reader)
            }
        } catch {
            remove()
            throw error
        }
    }

    /// Deletes the staging directory and whatever is still in it.
    func remove() {
        FileSystem.removeTree(directory)
    }

    /// The staged content of an archive path, following recorded links.
    func file(_ rawPath: String) throws -> File? {
        var path = try Self.normalize(rawPath, entry: rawPath)
        for _ in 0..<16 {
            if let file = files[path] { return file }
            guard let target = links[path] else { return nil }
            path = target
        }
        throw ImageStoreError(.invalidArchive, "archive member \"\(rawPath)\" is a chain of links that does not end")
    }

    private func stage(_ entry: TarReader.Entry, reader: TarReader) throws {
        let raw = entry.pathname
        let path = try Self.normalize(raw, entry: raw)
        if path.isEmpty { return }
        guard files[path] == nil, links[path] == nil else {
            throw ImageStoreError(.invalidArchive, "refusing archive member \"\(raw)\": the archive has it twice")
        }
        if let target = entry.hardlink {
            links[path] = try Self.normalize(target, entry: raw)
            return
        }
        switch entry.fileType {
        case FileType.directory:
            return
        case FileType.symlink:
            let target = entry.symlink ?? ""
            guard !target.hasPrefix("/"), let resolved = Self.resolve(target, from: path) else {
                throw ImageStoreError(.invalidArchive, "refusing archive member \"\(raw)\": its link target \"\(target)\" is outside the archive")
            }
            links[path] = resolved
        case FileType.regular:
            files[path] = try write(entry, reader: reader, to: directory + "/" + String(files.count))
        default:
            throw ImageStoreError(.invalidArchive, "refusing archive member \"\(raw)\": an image archive holds only files, directories and links")
        }
    }

    private func write(_ entry: TarReader.Entry, reader: TarReader, to path: String) throws -> File {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw ImageStoreError.system("open", path) }
        defer { close(fd) }
        var hasher = Digest.Hasher()
        var size: Int64 = 0
        var head: [UInt8] = []
        try reader.readData { (block, offset) throws(ImageStoreError) in
            guard offset == size else {
                throw ImageStoreError(.invalidArchive, "refusing archive member \"\(entry.pathname)\": sparse members are not part of an image archive")
            }
            if head.count < 4 { head += block.prefix(4 - head.count) }
            hasher.update(block)
            try FileSystem.writeAll(fd, block, path: path)
            size += Int64(block.count)
        }
        guard size == entry.size else {
            throw ImageStoreError(.invalidArchive, "archive member \"\(entry.pathname)\" is truncated: \(size) of \(entry.size) bytes")
        }
        return File(path: path, digest: hasher.finalize(), size: size, isGzip: head.starts(with: [0x1f, 0x8b]),
                    isZstd: head == File.zstdMagic)
    }

    /// `./a//b/` -> `a/b`; refuses absolute paths and `..`, naming the member.
    static func normalize(_ raw: String, entry: String) throws -> String {
        guard !raw.hasPrefix("/") else {
            throw ImageStoreError(.invalidArchive, "refusing archive member \"\(entry)\": it has an absolute path")
        }
        var components: [Substring] = []
        for component in raw.split(separator: "/") where component != "." {
            guard component != ".." else {
                throw ImageStoreError(.invalidArchive, "refusing archive member \"\(entry)\": its path contains '..'")
            }
            components.append(component)
        }
        return components.joined(separator: "/")
    }

    /// A relative link target resolved against its member's directory, or nil if it climbs out.
    static func resolve(_ target: String, from path: String) -> String? {
        var stack = path.split(separator: "/").dropLast().map(String.init)
        for component in target.split(separator: "/") where component != "." {
            if component == ".." {
                guard !stack.isEmpty else { return nil }
                stack.removeLast()
            } else {
                stack.append(String(component))
            }
        }
        return stack.joined(separator: "/")
    }
}
