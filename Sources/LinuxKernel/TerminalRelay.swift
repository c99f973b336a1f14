import HostSystem
#if canImport(Glibc)
import Glibc
#endif

/// The user's side of a container's terminal (`run -t`). The container's process has the
/// replica side, made in its own /dev/pts; dockyard holds the primary side and copies bytes
/// between it and the user's terminal, which is put in raw mode so keys like Ctrl-C reach the
/// container instead of dockyard.
public final class TerminalRelay: @unchecked Sendable {
    public let primary: Int32

    public init(primary: Int32) {
        self.primary = primary
    }

    /// The size of the user's terminal, to give the container's the same.
    public static func currentSize() -> TerminalSize? {
        var size = winsize()
        guard ioctl(STDIN_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 else { return nil }
        return TerminalSize(rows: size.ws_row, columns: size.ws_col)
    }

    /// Copies input to the container and its output to stdout until the container's side closes.
    public func relay(interactive: Bool, output: Int32? = nil) {
        let outputFD = output ?? STDOUT_FILENO
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
                _ = try? FileDescriptor(rawValue: outputFD).writeAll(buffer[..<count])
            }
            if fds[1].revents != 0 {
                let count = read(STDIN_FILENO, &buffer, buffer.count)
                if count <= 0 {
                    inputOpen = false
                    var eof: UInt8 = 4   // Ctrl-D tells the container's shell that input ended
                    _ = write(primary, &eof, 1)
                } else {
                    _ = try? FileDescriptor(rawValue: primary).writeAll(buffer[..<count])
                }
            }
        }
    }
}
