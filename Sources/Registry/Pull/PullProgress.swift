import HostSystem
import Synchronization

/// What `pull` prints as it goes, in Docker's words: one line per layer
/// (`Waiting`, `Downloading  1.2MB/3.4MB`, `Verifying Checksum`, `Extracting`, `Pull complete`).
///
/// On a terminal the layer lines are redrawn in place; elsewhere (a pipe, CI's log) each change
/// of state is one plain line and the byte counts are left out; `-q` prints nothing here.
public final class PullProgress: Sendable {
    public enum Style: Sendable { case terminal, plain, quiet }

    public enum LayerState: Sendable, Equatable {
        case alreadyExists, pullingFsLayer, waiting, downloading(Int64, Int64), verifying, downloadComplete, extracting, complete
        case pushing(Int64, Int64), pushed, mounted(from: String), layerExists, preparing

        var text: String {
            switch self {
            case .alreadyExists: "Already exists"
            case .pullingFsLayer: "Pulling fs layer"
            case .waiting: "Waiting"
            case let .downloading(done, total): "Downloading  \(Self.size(done))/\(Self.size(total))"
            case .verifying: "Verifying Checksum"
            case .downloadComplete: "Download complete"
            case .extracting: "Extracting"
            case .complete: "Pull complete"
            case .preparing: "Preparing"
            case let .pushing(done, total): "Pushing  \(Self.size(done))/\(Self.size(total))"
            case .pushed: "Pushed"
            case let .mounted(source): "Mounted from \(source)"
            case .layerExists: "Layer already exists"
            }
        }

        var isByteCount: Bool {
            switch self {
            case .downloading, .pushing: true
            default: false
            }
        }

        /// Docker's units: decimal, two or three significant digits (`1.2MB`, `845kB`).
        static func size(_ bytes: Int64) -> String {
            let value = Double(bytes)
            if value < 1000 { return "\(bytes)B" }
            for (limit, unit) in [(1e6, "kB"), (1e9, "MB"), (1e12, "GB")] where value < limit {
                let scaled = value / (limit / 1000)
                return (scaled < 10 ? String(Double(Int(scaled * 100)) / 100) : scaled < 100 ? String(Double(Int(scaled * 10)) / 10) : String(Int(scaled))) + unit
            }
            return String(Int(value / 1e12)) + "TB"
        }
    }

    private struct Lines {
        var ids: [String] = []
        var states: [String: LayerState] = [:]
        var drawn = 0
        var lastDraw = 0.0
    }

    public let style: Style
    private let write: @Sendable (String) -> Void
    private let lines = Mutex(Lines())

    public init(style: Style, write: @escaping @Sendable (String) -> Void) {
        self.style = style
        self.write = write
    }

    /// A line outside the layer table: `latest: Pulling from library/busybox`, `Digest: …`.
    public func say(_ text: String) {
        guard style != .quiet else { return }
        lines.withLock { state in
            if style == .terminal { state.drawn = 0 }
            write(text + "\n")
        }
    }

    /// A layer's new state, by its short digest.
    public func update(_ id: String, _ newState: LayerState) {
        guard style != .quiet else { return }
        lines.withLock { state in
            let isNew = state.states[id] == nil
            if isNew { state.ids.append(id) }
            let previous = state.states[id]
            state.states[id] = newState
            switch style {
            case .plain:
                // Byte counts would flood a log: only the changes of state.
                if !newState.isByteCount, previous != newState { write("\(id): \(newState.text)\n") }
            case .terminal:
                let now = RegistryClient.now()
                // Byte counts are redrawn at most ten times a second.
                if newState.isByteCount, !isNew, now - state.lastDraw < 0.1 { return }
                state.lastDraw = now
                redraw(&state)
            case .quiet:
                break
            }
        }
    }

    /// Moves the cursor up over the table drawn last and draws it again, a line per layer.
    private func redraw(_ state: inout Lines) {
        var text = state.drawn > 0 ? "\u{1B}[\(state.drawn)A" : ""
        for id in state.ids {
            text += "\r\u{1B}[2K\(id): \(state.states[id]?.text ?? "")\n"
        }
        state.drawn = state.ids.count
        write(text)
    }
}
