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

    /// The next key pressed, with the arrow keys' escape sequences read as one key.
    func keyPress() -> Key? {
        guard let byte = key() else { return nil }
        switch byte {
        case 0x0A, 0x0D: return .enter
        case 0x03, 0x04: return .interrupt
        case 0x1B:
            // An arrow key is ESC [ A…D, sent at once; a lone Escape is followed by nothing.
            guard pending(), key() == UInt8(ascii: "["), pending(), let final = key() else { return .escape }
            switch final {
            case UInt8(ascii: "A"): return .up
            case UInt8(ascii: "B"): return .down
            case UInt8(ascii: "C"): return .right
            case UInt8(ascii: "D"): return .left
            default: return .escape
            }
        default:
            return .character(byte)
        }
    }

    /// Whether another byte arrives within 50 ms (the rest of an escape sequence).
    private func pending() -> Bool {
        var descriptor = pollfd(fd: 0, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 50) > 0
    }

    /// Overwrites the line the cursor is on (a terminal's carriage return and erase-line), for a
    /// choice that moves in place; without a terminal, a new line.
    func replaceLine(_ text: String) {
        write(isInteractive ? "\r\u{1B}[K" + text : text + "\n")
    }

    /// Draws `lines` over the `previous` lines just written (cursor up, each line erased and
    /// written again, anything below erased), for a list whose choice moves; without a terminal,
    /// the lines once more below.
    func redraw(_ lines: [String], over previous: Int) {
        guard isInteractive else { return self.lines(lines) }
        let up = previous > 0 ? "\u{1B}[\(previous)A" : ""
        write(up + "\r" + lines.map { "\u{1B}[2K" + $0 + "\n" }.joined() + "\u{1B}[J")
    }

    /// Rows to fit a screen of lines in: the terminal's height, or `LINES`, or 24.
    public static func height(environment: [String: String]) -> Int {
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 { return Int(size.ws_row) }
        return environment["LINES"].flatMap(Int.init) ?? 24
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

/// A key the player acts on: Enter, an arrow, Ctrl-C/Ctrl-D, or a plain character's byte.
enum Key: Equatable {
    case enter, up, down, left, right, escape, interrupt
    case character(UInt8)

    /// The digit 0…9 the key is, if it is one.
    var digit: Int? {
        if case let .character(byte) = self, (0x30...0x39).contains(byte) { return Int(byte - 0x30) }
        return nil
    }
}
