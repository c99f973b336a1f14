import FoundationEssentials

/// Where a build reports its steps: one line per step (`[3/7] RUN make`) with CACHED or the time
/// it took, and the output of each RUN as it happens.
public protocol BuildProgress: Sendable {
    func stepStarted(number: Int, total: Int, text: String)
    func stepOutput(_ line: String)
    func stepFinished(number: Int, cached: Bool, configOnly: Bool, seconds: Double)
    func message(_ text: String)
}

/// Docker's `--progress plain` look: a line per step, RUN output indented under it.
public struct PlainProgress: BuildProgress {
    private let write: @Sendable (String) -> Void
    private let colors: Bool

    public init(colors: Bool = false, write: @escaping @Sendable (String) -> Void) {
        self.write = write
        self.colors = colors
    }

    public func stepStarted(number: Int, total: Int, text: String) {
        let header = "[\(number)/\(total)] \(text)"
        write((colors ? "\u{1B}[1m" + header + "\u{1B}[0m" : header) + "\n")
    }

    public func stepOutput(_ line: String) {
        write((colors ? "\u{1B}[2m  │ " : "  | ") + line + (colors ? "\u{1B}[0m" : "") + "\n")
    }

    public func stepFinished(number: Int, cached: Bool, configOnly: Bool, seconds: Double) {
        let result = cached ? "CACHED" : configOnly ? "config only, no layer" : "done in " + Self.format(seconds)
        write("  => " + result + "\n")
    }

    public func message(_ text: String) {
        write(text + "\n")
    }

    static func format(_ seconds: Double) -> String {
        let tenths = (seconds * 100).rounded() / 100
        return "\(tenths)s"
    }
}

/// `--progress quiet`: nothing but messages the user must see.
public struct QuietProgress: BuildProgress {
    public init() {}
    public func stepStarted(number: Int, total: Int, text: String) {}
    public func stepOutput(_ line: String) {}
    public func stepFinished(number: Int, cached: Bool, configOnly: Bool, seconds: Double) {}
    public func message(_ text: String) {}
}
