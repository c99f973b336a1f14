#if canImport(Glibc)
import Glibc
#endif

/// Unbuffered writes to stderr (fd 2): explain events and error messages.
enum StandardError {
    @Sendable static func write(_ text: String) {
        write(text, to: 2)
    }

    /// All of `text` to `fd` with write(2), unbuffered: stdout's progress lines and `logs` use it
    /// too. False if `fd` would take no more (a closed pipe: dockyard ignores SIGPIPE).
    @discardableResult
    static func write(_ text: String, to fd: Int32) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(fd, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
                if written < 0, errno == EINTR { continue }
                if written <= 0 { return false }
                offset += written
            }
            return true
        }
    }

    static func line(_ text: String) {
        write(text + "\n")
    }
}
