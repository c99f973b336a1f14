import CLinux
import HostSystem
#if canImport(Glibc)
import Glibc
#endif

/// A container's standard streams when it has no terminal: pipes, whose other ends dockyard holds
/// and copies to and from its own stdin, stdout and stderr.
///
/// The container never receives one of dockyard's own descriptors. Through one it could reopen
/// the caller's file (`/proc/self/fd/1` after `run > out.txt` opens out.txt anew, earlier contents
/// and all) or, when it is the caller's terminal, push keystrokes into the caller's shell with
/// `TIOCSTI`. A pipe has no path to reopen and takes no terminal ioctls. Docker's daemon and
/// podman's conmon relay a container's streams the same way.
public final class StreamRelay {
    /// One direction of copying: from `source` to `destination`.
    private struct Stream {
        var source: Int32
        var destination: Int32
        /// The caller's stdin: the pipe end written to is ours, the descriptor read is not.
        var isInput: Bool
        /// Bytes read from stdin that the container has not taken yet.
        var pending: [UInt8] = []
        /// Output moves by splice(2) until the destination refuses it (a terminal, an O_APPEND file).
        var splices = true
    }

    /// What the container's process gets as its fds 0, 1 and 2: the pipes' far ends, or the
    /// descriptor the caller asked for (a log pipe, /dev/null) where it asked for one.
    public private(set) var containerStreams: [Int32?]
    private var streams: [Stream] = []
    private var containerEnds: [Int32] = []

    /// Pipes for each of `requested`'s nil entries (0: stdin, 1: stdout, 2: stderr); the others
    /// pass through. dockyard's own descriptor of the same number is the relay's far end.
    public init(requested: [Int32?]) throws {
        containerStreams = requested
        for (index, wanted) in requested.enumerated() where wanted == nil {
            let pipe: Pipe
            do {
                pipe = try Pipe()
            } catch {
                closeAll()
                throw KernelError("pipe", path: "the container's standard streams", errno: error.errno)
            }
            let (read, write) = (pipe.readEnd.rawValue, pipe.writeEnd.rawValue)
            if index == 0 {
                // Never block on a container that does not read its input: output must keep flowing.
                _ = fcntl(write, F_SETFL, O_NONBLOCK)
                streams.append(Stream(source: STDIN_FILENO, destination: write, isInput: true))
                containerStreams[index] = read
                containerEnds.append(read)
            } else {
                streams.append(Stream(source: read, destination: Int32(index), isInput: false))
                containerStreams[index] = write
                containerEnds.append(write)
            }
        }
    }

    deinit { closeAll() }

    /// Closes dockyard's copies of the container's ends once the container holds them, so that
    /// the output pipes reach end-of-file when the container's last process exits.
    public func containerHasItsEnds() {
        for fd in containerEnds { close(fd) }
        containerEnds = []
    }

    /// Copies until process `pid` has exited and its output is drained. A process the container
    /// started in the background may still hold the pipes (after `exec`): what it wrote by then is
    /// copied, and the relay does not wait for it.
    public func relay(untilExitOf pid: Int32) {
        let exited = dy_pidfd_open(pid)
        defer { if exited >= 0 { close(exited) } }
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !streams.isEmpty {
            var fds = streams.map { stream in
                stream.isInput && !stream.pending.isEmpty
                    ? pollfd(fd: stream.destination, events: Int16(POLLOUT), revents: 0)
                    : pollfd(fd: stream.source, events: Int16(POLLIN), revents: 0)
            }
            fds.append(pollfd(fd: exited, events: Int16(POLLIN), revents: 0))
            if poll(&fds, nfds_t(fds.count), -1) < 0 {
                if errno == EINTR { continue }   // a signal dockyard forwards to the container
                break
            }
            for index in streams.indices.reversed() where fds[index].revents != 0 {
                if !copy(&streams[index], buffer: &buffer) { finish(at: index) }
            }
            if exited < 0 || fds[fds.count - 1].revents != 0 {
                drainOutput(buffer: &buffer)
                break
            }
        }
        closeAll()
    }

    /// One step of one stream; false once it is finished (end of input, or nowhere to write).
    private func copy(_ stream: inout Stream, buffer: inout [UInt8]) -> Bool {
        if stream.isInput && !stream.pending.isEmpty {
            let written = stream.pending.withUnsafeBytes { write(stream.destination, $0.baseAddress, $0.count) }
            if written < 0 { return errno == EINTR || errno == EAGAIN }   // EPIPE: it closed its stdin
            stream.pending.removeFirst(written)
            return true
        }
        if !stream.isInput, stream.splices, let moved = Self.splice(&stream) { return moved }
        let count = read(stream.source, &buffer, buffer.count)
        if count < 0 { return errno == EINTR || errno == EAGAIN }
        if count == 0 { return false }
        if stream.isInput {
            stream.pending = Array(buffer[0..<count])
            return true
        }
        // A reader that went away (`dockyard run … | head -1`): stop copying; closing our end
        // gives the container EPIPE on its next write, as in any shell pipeline.
        return (try? FileDescriptor(rawValue: stream.destination).writeAll(buffer[..<count])) != nil
    }

    /// Moves what the pipe holds in the kernel: whether the stream goes on, or nil when the
    /// destination cannot take a splice (then the stream falls back to read and write for good).
    private static func splice(_ stream: inout Stream) -> Bool? {
        let moved = dy_splice(stream.source, stream.destination, 1 << 20)
        if moved > 0 { return true }
        if moved == 0 { return false }   // end of file: the container's side closed
        switch Int32(-moved) {
        case EINTR, EAGAIN: return true
        case EINVAL, ENOSYS:
            stream.splices = false
            return nil
        default: return false            // EPIPE: nobody reads dockyard's output any more
        }
    }

    /// After the process exited: whatever its output pipes still hold, without waiting for more.
    private func drainOutput(buffer: inout [UInt8]) {
        for stream in streams where !stream.isInput {
            _ = fcntl(stream.source, F_SETFL, O_NONBLOCK)
            if stream.splices {
                var moved: Int
                repeat { moved = dy_splice(stream.source, stream.destination, 1 << 20) } while moved > 0 || moved == -Int(EINTR)
                // Drained (EAGAIN, end of file) or nobody reads: done. Refused: read and write instead.
                if moved != -Int(EINVAL) && moved != -Int(ENOSYS) { continue }
            }
            while true {
                let count = read(stream.source, &buffer, buffer.count)
                if count < 0 && errno == EINTR { continue }
                if count <= 0 || (try? FileDescriptor(rawValue: stream.destination).writeAll(buffer[..<count])) == nil { break }
            }
        }
    }

    private func finish(at index: Int) {
        let stream = streams.remove(at: index)
        close(stream.isInput ? stream.destination : stream.source)   // only the pipe end is ours
    }

    private func closeAll() {
        while !streams.isEmpty { finish(at: streams.count - 1) }
        containerHasItsEnds()
    }
}
