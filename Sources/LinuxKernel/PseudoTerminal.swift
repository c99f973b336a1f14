import CLinux
#if canImport(Glibc)
import Glibc
#endif

/// A pseudo-terminal pair for `run -t`: the container's process gets the replica (slave) side as
/// its controlling terminal; dockyard copies bytes between the user's terminal and the primary
/// (master) side, with the user's terminal in raw mode so keys like Ctrl-C reach the container.
public final class PseudoTerminal: @unchecked Sendable {
    public let primary: Int32
    public private(set) var replica: Int32

    private init(primary: Int32, replica: Int32) {
        self.primary = primary
        self.replica = replica
    }

    public static func open() throws -> PseudoTerminal {
        var primary: Int32 = -1
        var replica: Int32 = -1
        let result = dy_open_pty(&primary, &replica)
        guard result == 0 else { throw KernelError("open", path: "a pseudo-terminal (/dev/ptmx)", errno: -result) }
        // The container's terminal starts as big as the user's.
        var size = winsize()
        if ioctl(STDIN_FILENO, UInt(TIOCGWINSZ), &size) == 0 {
            _ = ioctl(replica, UInt(TIOCSWINSZ), &size)
        }
        return PseudoTerminal(primary: primary, replica: replica)
    }

    /// The parent's copy of the replica must go once the child has it, or reads never see EOF.
    public func closeReplica() {
        if replica >= 0 { close(replica) }
        replica = -1
    }

    /// Copies input to the container and its output to stdout until the container's side closes.
    public func relay(interactive: Bool) {
        var saved = termios()
        let isTerminal = isatty(STDIN_FILENO) == 1
        if isTerminal, interactive {
            tcgetattr(STDIN_FILENO, &saved)
            var raw = saved
            cfmakeraw(&raw)
            tcsetattr(STDIN_FILENO, TCSANOW, &raw)
        }
        defer {
            if isTerminal, interactive { tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
            close(primary)
        }
        var buffer = [UInt8](repeating: 0, count: 16384)
        var inputOpen = interactive
        while true {
            var fds = [pollfd(fd: primary, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: inputOpen ? STDIN_FILENO : -1, events: Int16(POLLIN), revents: 0)]
            if poll(&fds, 2, -1) < 0 {
                if errno == EINTR { continue }
                return
            }
            if fds[0].revents != 0 {
                let count = read(primary, &buffer, buffer.count)
                if count <= 0 { return }   // EIO: the container's last holder of the terminal exited
                writeAll(STDOUT_FILENO, buffer, count)
            }
            if fds[1].revents != 0 {
                let count = read(STDIN_FILENO, &buffer, buffer.count)
                if count <= 0 {
                    inputOpen = false
                    var eof: UInt8 = 4   // Ctrl-D tells the container's shell that input ended
                    _ = write(primary, &eof, 1)
                } else {
                    writeAll(primary, buffer, count)
                }
            }
        }
    }

    private func writeAll(_ fd: Int32, _ buffer: [UInt8], _ count: Int) {
        var offset = 0
        while offset < count {
            let written = buffer.withUnsafeBytes { write(fd, $0.baseAddress.map { $0 + offset }, count - offset) }
            if written <= 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}
