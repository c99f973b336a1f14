import HostSystem
import OCI
#if canImport(Glibc)
import Glibc
#endif

extension TarWriter {
    /// Writes one entry: its header (numeric owner, whole-second time, type, permissions,
    /// xattrs) and, for a regular file, its bytes. Layers and `export` share it.
    func write(_ entry: LayerEntry) throws(ImageStoreError) {
        let header = try ArchiveEntry(pathname: entry.path)
        header.setOwner(uid: entry.uid, gid: entry.gid)
        header.setModificationTime(entry.modificationTime)
        let permissions = entry.permissions & 0o7777
        switch entry.kind {
        case .directory:
            header.setMode(FileType.directory | permissions)
        case let .regularFile(content):
            header.setMode(FileType.regular | permissions)
            header.setSize(content.size)
        case let .symlink(target):
            header.setMode(FileType.symlink | 0o777)
            header.setSymlinkTarget(target)
        case let .hardlink(target):
            header.setMode(FileType.regular | permissions)
            header.setHardlinkTarget(target)
        case let .characterDevice(major, minor):
            header.setMode(FileType.characterDevice | permissions)
            header.setDevice(major: major, minor: minor)
        case let .blockDevice(major, minor):
            header.setMode(FileType.blockDevice | permissions)
            header.setDevice(major: major, minor: minor)
        case .fifo:
            header.setMode(FileType.fifo | permissions)
        }
        for (name, value) in entry.extendedAttributes {
            header.addExtendedAttribute(name, value)
        }
        try writeHeader(header)
        if case let .regularFile(content) = entry.kind {
            try writeContent(content, of: entry.path)
        }
    }

    private func writeContent(_ content: LayerEntry.FileContent, of path: String) throws(ImageStoreError) {
        switch content {
        case let .bytes(bytes):
            try writeData(bytes, path: path)
        case let .file(source, size):
            let input = open(source, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
            guard input >= 0 else { throw .system("open", source) }
            defer { close(input) }
            try copy(input, size: size, source: source, of: path)
        case let .entry(directory, name, size):
            // O_NONBLOCK: a FIFO swapped in for the file must not make open wait for a writer.
            let input = openat(directory, name, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
            guard input >= 0 else { throw .system("open", path) }
            defer { close(input) }
            var info = stat()
            guard fstat(input, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
                throw ImageStoreError(.system, "\(path) changed while it was being added to a layer")
            }
            try copy(input, size: size, source: path, of: path)
        }
    }

    private func copy(_ input: Int32, size: Int64, source: String, of path: String) throws(ImageStoreError) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { buffer.deallocate() }
        var remaining = size
        while remaining > 0 {
            let wanted = UnsafeMutableRawBufferPointer(rebasing: buffer[0..<Int(min(Int64(buffer.count), remaining))])
            let n: Int
            do { n = try FileDescriptor(rawValue: input).read(into: wanted, path: source) } catch { throw ImageStoreError(error) }
            guard n > 0 else {
                throw ImageStoreError(.system, "\(source) shrank while it was being added to a layer")
            }
            try writeData(UnsafeRawBufferPointer(rebasing: buffer[0..<n]), path: path)
            remaining -= Int64(n)
        }
    }
}
