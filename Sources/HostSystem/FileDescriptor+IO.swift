#if canImport(Glibc)
import Glibc
#endif

/// read(2) and write(2) with EINTR retried here, once: a signal that dockyard catches (SIGCHLD,
/// a forwarded SIGTERM) interrupts a blocked call, which then returns -1 with errno EINTR
/// although nothing went wrong. `path` only names the file in a thrown error.
extension FileDescriptor {
    /// One read(2) into `buffer`: how many bytes arrived, 0 at the end of the file.
    public func read(into buffer: UnsafeMutableRawBufferPointer, path: String = "") throws(SystemCallError) -> Int {
        while true {
            let count = Glibc.read(rawValue, buffer.baseAddress, buffer.count)
            if count >= 0 { return count }
            guard errno == EINTR else { throw SystemCallError("read", path: path, errno: errno) }
        }
    }

    /// Up to `count` bytes from one read(2); empty at the end of the file.
    public func read(upTo count: Int, path: String = "") throws(SystemCallError) -> [UInt8] {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 16)
        defer { buffer.deallocate() }
        let got = try read(into: buffer, path: path)
        return Array(buffer[0..<got])
    }

    /// Everything up to the end of the file (or until the other end of a pipe closes).
    public func readAll(path: String = "", chunkSize: Int = 64 * 1024) throws(SystemCallError) -> [UInt8] {
        var bytes: [UInt8] = []
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { chunk.deallocate() }
        while true {
            let got = try read(into: chunk, path: path)
            if got == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<got])
        }
    }

    /// One write(2): how many bytes the kernel took.
    public func write(_ bytes: UnsafeRawBufferPointer, path: String = "") throws(SystemCallError) -> Int {
        while true {
            let count = Glibc.write(rawValue, bytes.baseAddress, bytes.count)
            if count >= 0 { return count }
            guard errno == EINTR else { throw SystemCallError("write", path: path, errno: errno) }
        }
    }

    /// All of `bytes`, however many write(2) calls it takes (a pipe or a full disk takes them in parts).
    public func writeAll(_ bytes: UnsafeRawBufferPointer, path: String = "") throws(SystemCallError) {
        var offset = 0
        while offset < bytes.count {
            let written = try write(UnsafeRawBufferPointer(rebasing: bytes[offset...]), path: path)
            // write(2) taking nothing of a non-empty buffer would loop forever; the kernel only
            // does that for a file that cannot grow, so report it as a write error.
            guard written > 0 else { throw SystemCallError("write", path: path, errno: EIO) }
            offset += written
        }
    }

    /// The first bytes of a reused buffer, e.g. `buffer[..<count]` after a read into it.
    public func writeAll(_ bytes: ArraySlice<UInt8>, path: String = "") throws(SystemCallError) {
        var failure: SystemCallError?
        bytes.withUnsafeBytes { buffer in
            do throws(SystemCallError) { try writeAll(buffer, path: path) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    public func writeAll(_ bytes: [UInt8], path: String = "") throws(SystemCallError) {
        // withUnsafeBytes only rethrows `any Error`: carry the typed error out by hand.
        var failure: SystemCallError?
        bytes.withUnsafeBytes { buffer in
            do throws(SystemCallError) { try writeAll(buffer, path: path) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    public func writeAll(_ text: String, path: String = "") throws(SystemCallError) {
        try writeAll(Array(text.utf8), path: path)
    }

    /// All of `bytes` at `offset` in the file, with pwrite(2) (the file position stays where it was).
    public func writeAll(_ bytes: UnsafeRawBufferPointer, at offset: Int64, path: String = "") throws(SystemCallError) {
        var written = 0
        while written < bytes.count {
            let count = pwrite(rawValue, bytes.baseAddress.map { $0 + written }, bytes.count - written, off_t(offset) + off_t(written))
            if count < 0 && errno == EINTR { continue }
            guard count >= 0 else { throw SystemCallError("pwrite", path: path, errno: errno) }
            guard count > 0 else { throw SystemCallError("pwrite", path: path, errno: EIO) }
            written += count
        }
    }

    /// Copies everything from this descriptor to `output` until the end of the file. A failed
    /// read names `path`, a failed write `outputPath`.
    public func copyAll(to output: FileDescriptor, path: String = "", outputPath: String = "",
                        chunkSize: Int = 1 << 20) throws(SystemCallError) {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunkSize, alignment: 16)
        defer { buffer.deallocate() }
        while true {
            let got = try read(into: buffer, path: path)
            if got == 0 { return }
            try output.writeAll(UnsafeRawBufferPointer(rebasing: buffer[0..<got]), path: outputPath)
        }
    }
}
