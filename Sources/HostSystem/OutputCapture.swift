#if canImport(Glibc)
import Glibc
#endif

/// Reads a program's standard output and error together with poll(2) until both pipes close,
/// so neither can fill up and stall the program while the other is being read.
struct OutputCapture {
    private let output: FileDescriptor
    private let errors: FileDescriptor
    private(set) var outputBytes: [UInt8] = []
    private(set) var errorBytes: [UInt8] = []

    init(output: FileDescriptor, errors: FileDescriptor) {
        self.output = output
        self.errors = errors
    }

    /// Drains both pipes. When `deadline` (a `now()` value) passes first, calls `expire` once and
    /// stops reading; returns whether it did.
    mutating func drain(until deadline: Double?, expire: () -> Void) -> Bool {
        var open = [true, true]
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while open[0] || open[1] {
            var fds = [pollfd(fd: open[0] ? output.rawValue : -1, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: open[1] ? errors.rawValue : -1, events: Int16(POLLIN), revents: 0)]
            let remaining = deadline.map { $0 - Self.now() }
            if let remaining, remaining <= 0 {
                expire()
                return true
            }
            // At most a second at a time, so the deadline is checked even if nothing is printed.
            let ready = poll(&fds, 2, remaining.map { Int32(min($0, 1) * 1000) } ?? -1)
            if ready < 0 && errno == EINTR { continue }
            if ready < 0 { break }
            for index in 0..<2 where open[index] && fds[index].revents != 0 {
                let got = (try? chunk.withUnsafeMutableBytes { (buffer) throws(SystemCallError) in
                    try FileDescriptor(rawValue: fds[index].fd).read(into: buffer)
                }) ?? 0
                if got == 0 { open[index] = false; continue }
                if index == 0 { outputBytes += chunk[0..<got] } else { errorBytes += chunk[0..<got] }
            }
        }
        return false
    }

    /// CLOCK_MONOTONIC in seconds: immune to the wall clock being set.
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
