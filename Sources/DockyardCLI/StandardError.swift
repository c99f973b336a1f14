#if canImport(Glibc)
import Glibc
#endif

/// Unbuffered writes to stderr (fd 2): explain events and error messages.
enum StandardError {
    @Sendable static func write(_ text: String) {
        write(text, to: 2)
    }

    /// All of `text` to `fd` with write(2), unbuffered: stdout's progress lines use it too.
    static func write(_ text: String, to fd: Int32) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Glibc.write(fd, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }

    static func line(_ text: String) {
        write(text + "\n")
    }
}
