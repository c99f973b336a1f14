import HostSystem
import OCI
#if canImport(Glibc)
import Glibc
#endif

extension TarWriter {
    /// A directory entry (`name/`), owned by root, mode 0755.
    func addDirectory(_ name: String, modificationTime: Int64) throws(ImageStoreError) {
        let entry = try ArchiveEntry(pathname: name)
        entry.setMode(FileType.directory | 0o755)
        entry.setOwner(uid: 0, gid: 0)
        entry.setModificationTime(modificationTime)
        try writeHeader(entry)
    }

    /// A regular file with the given content, owned by root, mode 0644.
    func addFile(_ name: String, bytes: [UInt8], modificationTime: Int64) throws(ImageStoreError) {
        try writeHeader(Self.fileEntry(name, size: Int64(bytes.count), modificationTime: modificationTime))
        try writeData(bytes, path: name)
    }

    /// A regular file whose content is streamed from `source`; returns the digest of what was
    /// written, so a caller copying a blob can check it was not corrupt on disk.
    func addFile(_ name: String, from source: String, modificationTime: Int64) throws(ImageStoreError) -> Digest {
        let fd = open(source, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .system("open", source) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .system("fstat", source) }
        try writeHeader(Self.fileEntry(name, size: Int64(info.st_size), modificationTime: modificationTime))
        var hasher = Digest.Hasher()
        var remaining = Int64(info.st_size)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 256 * 1024, alignment: 16)
        defer { buffer.deallocate() }
        while remaining > 0 {
            let n: Int
            do { n = try FileDescriptor(rawValue: fd).read(into: buffer, path: source) } catch { throw ImageStoreError(error) }
            guard n > 0 else { throw ImageStoreError(.system, "\(source) shrank while it was being archived") }
            let block = UnsafeRawBufferPointer(rebasing: buffer[0..<min(n, Int(remaining))])
            hasher.update(block)
            try writeData(block, path: name)
            remaining -= Int64(block.count)
        }
        return hasher.finalize()
    }

    private static func fileEntry(_ name: String, size: Int64, modificationTime: Int64) throws(ImageStoreError) -> ArchiveEntry {
        let entry = try ArchiveEntry(pathname: name)
        entry.setMode(FileType.regular | 0o644)
        entry.setSize(size)
        entry.setOwner(uid: 0, gid: 0)
        entry.setModificationTime(modificationTime)
        return entry
    }
}
