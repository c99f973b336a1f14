import HostSystem

#if canImport(Glibc)
import Glibc
#endif

/// The learner's terminal: unbuffered writes to stdout, single key presses from stdin (in
/// non-canonical mode while a lesson is open), and whole lines when the player asks a question.
public final class Terminal {
    private var saved = termios()
    private var raw = false
    public let isInteractive: Bool

    public init() {
        isInteractive = isatty(0) == 1
    }

    deinit { cookedMode() }

    /// Columns to wrap prose at: the terminal's width (at most 100 for reading), or `COLUMNS`, or 80.
    public static func width(environment: [String: String]) -> Int {
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return min(Int(size.ws_col), 100) }
        return environment["COLUMNS"].flatMap(Int.init).map { min($0, 100) } ?? 80
    }

    public func write(_ text: String) {
        // A closed or broken terminal is not worth failing a lesson over: the text is dropped.
        try? FileDescriptor.standardOutput.writeAll(text)
    }

    public func lines(_ lines: [String]) {
        write(lines.map { $0 + "\n" }.joined())
    }

    /// Keys arrive one at a time, without echo. Ctrl-C arrives as a key too (the player quits on
    /// it), so the terminal is always given back in the state it was found.
    func keyMode() {
        guard isInteractive, !raw else { return }
        tcgetattr(0, &saved)
        var settings = saved
        settings.c_lflag &= ~tcflag_t(ICANON | ECHO | ISIG)
        withUnsafeMutableBytes(of: &settings.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        tcsetattr(0, TCSANOW, &settings)
        raw = true
    }

    /// Back to the terminal's own line editing and echo.
    func cookedMode() {
        guard raw else { return }
        tcsetattr(0, TCSANOW, &saved)
        raw = false
    }

    /// The next byte typed, or nil at end of input.
    func key() -> UInt8? {
        keyMode()
        return (try? FileDescriptor.standardInput.read(upTo: 1))?.first
    }

    /// A line typed after `prompt` (without its newline), or nil at end of input.
    func line(prompt: String) -> String? {
        cookedMode()
        write(prompt)
        var bytes: [UInt8] = []
        while true {
            guard let byte = (try? FileDescriptor.standardInput.read(upTo: 1))?.first else {
                return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
            }
            if byte == 0x0A { return String(decoding: bytes, as: UTF8.self) }
            bytes.append(byte)
        }
    }
}
