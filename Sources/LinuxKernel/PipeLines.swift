import HostSystem
#if canImport(Glibc)
import Glibc
#endif

/// Reads a pipe to its end and hands on each line as it arrives, newline included, then any
/// unterminated rest; closes the pipe. A container's output is relayed this way: the build
/// shows it line by line, and a detached container's log stores one entry per line.
public enum PipeLines {
    public static func read(_ fd: Int32, line: ([UInt8]) -> Void) {
        read(fd, until: { line($0); return true })
    }

    /// The same, stopping as soon as `line` returns false (a reader that waits for one answer,
    /// not for the writer to close: a detached container's monitor reports `started` this way).
    public static func read(_ fd: Int32, until line: ([UInt8]) -> Bool) {
        defer { close(fd) }
        var pending: [UInt8] = []
        let pipe = FileDescriptor(rawValue: fd)
        while true {
            guard let chunk = try? pipe.read(upTo: 65536), !chunk.isEmpty else { break }
            pending.append(contentsOf: chunk)
            var start = 0
            while let newline = pending[start...].firstIndex(of: 10) {
                guard line(Array(pending[start...newline])) else { return }
                start = newline + 1
            }
            pending.removeFirst(start)
        }
        if !pending.isEmpty { _ = line(pending) }
    }
}
