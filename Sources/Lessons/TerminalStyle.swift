#if canImport(Glibc)
import Glibc
#endif

/// ANSI styling for the terminal player: on only when the output is a terminal and NO_COLOR
/// is unset (https://no-color.org), so logs and pipes get plain text.
public struct TerminalStyle: Sendable {
    public var enabled: Bool

    public init(enabled: Bool) { self.enabled = enabled }

    /// Colour for file descriptor `fd` given the environment.
    public static func detect(fd: Int32, environment: [String: String]) -> TerminalStyle {
        let noColor = environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return TerminalStyle(enabled: isatty(fd) == 1 && !noColor && environment["TERM"] != "dumb")
    }

    func wrap(_ text: String, _ code: String) -> String {
        enabled && !text.isEmpty ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    public func bold(_ s: String) -> String { wrap(s, "1") }
    public func dim(_ s: String) -> String { wrap(s, "2") }
    public func italic(_ s: String) -> String { wrap(s, "3") }
    public func underline(_ s: String) -> String { wrap(s, "4") }
    public func code(_ s: String) -> String { wrap(s, "36") }
    public func heading(_ s: String) -> String { wrap(s, "1;34") }
    public func good(_ s: String) -> String { wrap(s, "32") }
    public func bad(_ s: String) -> String { wrap(s, "31") }
    public func warn(_ s: String) -> String { wrap(s, "33") }
    public func event(_ s: String) -> String { wrap(s, "35") }
}
