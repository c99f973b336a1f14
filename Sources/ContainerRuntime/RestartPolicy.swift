/// `--restart`: whether the container's monitor starts the process again when it exits.
/// `no` never; `on-failure[:N]` after a non-zero exit, at most N times; `always` after any exit
/// (until `stop`). The writable layer is kept, as `docker restart` keeps it.
public enum RestartPolicy: Codable, Sendable, Equatable, CustomStringConvertible {
    case no
    case onFailure(maximum: Int?)
    case always

    public init?(parsing text: String) {
        switch text {
        case "no", "": self = .no
        case "always", "unless-stopped": self = .always
        case "on-failure": self = .onFailure(maximum: nil)
        default:
            guard text.hasPrefix("on-failure:"), let count = Int(text.dropFirst("on-failure:".count)), count >= 0 else { return nil }
            self = .onFailure(maximum: count)
        }
    }

    public var description: String {
        switch self {
        case .no: "no"
        case .always: "always"
        case let .onFailure(maximum): maximum.map { "on-failure:\($0)" } ?? "on-failure"
        }
    }

    /// Whether to start again after an exit with `status`, having restarted `count` times.
    public func restarts(after status: Int32, count: Int) -> Bool {
        switch self {
        case .no: false
        case .always: true
        case let .onFailure(maximum): status != 0 && count < (maximum ?? Int.max)
        }
    }
}
