import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// Reads a container's json-file log as `logs` and `logs -f` need it: first what is there (the
/// rotated files, oldest first, then the live one), then each new line as the monitor appends it.
/// It keeps the live file open, so a rotation under it loses nothing: the open file, now
/// `container.log.1`, is read to its end before the new `container.log` is opened; a file
/// emptied in place (`max-file=1`) is read again from its start.
public final class ContainerLogReader {
    private let path: String
    private var file: Int32 = -1
    /// The bytes after the last complete line.
    private var pending: [UInt8] = []

    public init(path: String) {
        self.path = path
        file = open(path, O_RDONLY | O_CLOEXEC)
    }

    deinit {
        if file >= 0 { close(file) }
    }

    /// Every entry so far: the rotated files, then the live file up to its current end.
    public func history() -> [ContainerLog.Entry] {
        let live = file >= 0 ? Self.identity(of: file) : nil
        var entries: [ContainerLog.Entry] = []
        for rotated in ContainerLog.files(path).dropLast() {
            let fd = open(rotated, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { continue }
            defer { close(fd) }
            // Rotated since this reader opened it: it is read as the live file below.
            if let live, Self.identity(of: fd) == live { continue }
            var rest: [UInt8] = []
            entries += Self.drain(fd, pending: &rest)
        }
        return entries + more()
    }

    /// The entries written since the last call (none yet: an empty array).
    public func more() -> [ContainerLog.Entry] {
        if file < 0 {
            file = open(path, O_RDONLY | O_CLOEXEC)
            guard file >= 0 else { return [] }
        }
        var entries = Self.drain(file, pending: &pending)
        var now = stat()
        let current = stat(path, &now) == 0 ? Self.Identity(device: now.st_dev, inode: now.st_ino) : nil
        if let opened = Self.identity(of: file), current != opened {
            // Rotated: the open file was renamed away; it may have had a last line added meanwhile.
            entries += Self.drain(file, pending: &pending)
            close(file)
            pending = []
            // Rotated more than once since the last read: the files between ours and the live one.
            entries += newerRotatedFiles(than: opened).flatMap { rotated -> [ContainerLog.Entry] in
                let fd = open(rotated, O_RDONLY | O_CLOEXEC)
                guard fd >= 0 else { return [] }
                defer { close(fd) }
                var rest: [UInt8] = []
                return Self.drain(fd, pending: &rest)
            }
            file = open(path, O_RDONLY | O_CLOEXEC)
            if file >= 0 { entries += Self.drain(file, pending: &pending) }
        } else if Int64(now.st_size) < Int64(lseek(file, 0, SEEK_CUR)) {
            // Emptied in place (max-file=1): what comes now starts at 0.
            lseek(file, 0, SEEK_SET)
            pending = []
            entries += Self.drain(file, pending: &pending)
        }
        return entries
    }

    /// The rotated files written after the one known as `old`, oldest first: if `old` is now
    /// `container.log.3`, those are `.2` and `.1`.
    private func newerRotatedFiles(than old: Identity) -> [String] {
        let rotated = ContainerLog.files(path).dropLast()   // .N … .1
        guard let index = rotated.firstIndex(where: { name in
            var info = stat()
            return stat(name, &info) == 0 && Identity(device: info.st_dev, inode: info.st_ino) == old
        }) else { return [] }
        return Array(rotated[rotated.index(after: index)...])
    }

    struct Identity: Equatable {
        var device: UInt
        var inode: UInt
    }

    static func identity(of fd: Int32) -> Identity? {
        var info = stat()
        return fstat(fd, &info) == 0 ? Identity(device: info.st_dev, inode: info.st_ino) : nil
    }

    /// Reads `fd` to its current end; the complete lines as entries, the rest kept in `pending`.
    static func drain(_ fd: Int32, pending: inout [UInt8]) -> [ContainerLog.Entry] {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            pending += buffer[0..<count]
        }
        let (entries, end) = ContainerLog.decode(pending, offset: 0)
        pending.removeFirst(end)
        return entries
    }
}
