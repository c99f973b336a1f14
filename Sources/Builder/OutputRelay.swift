import Dispatch
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// Carries a RUN container's output to the build's progress display, line by line, as it is
/// written: the container writes into a pipe, and a background reader passes each line on.
final class OutputRelay: @unchecked Sendable {
    /// The end the container writes to (its stdout and stderr).
    let writeEnd: Int32
    private let readEnd: Int32
    private let done = DispatchSemaphore(value: 0)
    /// The last lines, to show again when the step fails.
    private(set) var tail: [String] = []

    init(progress: any BuildProgress) throws(BuildError) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw BuildError("pipe: \(String(cString: strerror(errno)))") }
        // Close-on-exec, so no other child inherits them; the container gets the write end via dup2.
        for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        readEnd = fds[0]
        writeEnd = fds[1]
        DispatchQueue.global().async { [self] in
            PipeLines.read(readEnd) { line in
                deliver(line.last == 10 ? Array(line.dropLast()) : line, to: progress)
            }
            done.signal()
        }
    }

    private func deliver(_ bytes: [UInt8], to progress: any BuildProgress) {
        let line = String(decoding: bytes, as: UTF8.self)
        progress.stepOutput(line)
        tail.append(line)
        if tail.count > 10 { tail.removeFirst() }
    }

    /// Closes dockyard's copy of the write end and waits until everything written was shown.
    func finish() {
        close(writeEnd)
        done.wait()
    }
}
