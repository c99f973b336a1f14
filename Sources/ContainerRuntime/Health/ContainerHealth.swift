import FoundationEssentials
import LinuxKernel

/// Docker's `State.Health`: where a container with a healthcheck stands — `starting` until a
/// probe first passes, `healthy` after a passing probe, `unhealthy` after `Retries` failures in a
/// row — how many probes failed in a row, and the last five probes. The container's monitor
/// keeps it in `health.json` beside the record (a file of its own, so a probe never rewrites the
/// record that `stop` or `pause` may be writing); `inspect` and `ps` read it.
public struct ContainerHealth: Sendable, Equatable, Codable {
    public enum Status: String, Sendable, Codable {
        case starting, healthy, unhealthy
    }

    /// One probe: when it ran, its exit status (-1: it ran out of time), and what it printed.
    public struct Probe: Sendable, Equatable, Codable {
        public var start: String
        public var end: String
        public var exitCode: Int
        public var output: String

        enum CodingKeys: String, CodingKey {
            case start = "Start", end = "End", exitCode = "ExitCode", output = "Output"
        }

        public init(start: String, end: String, exitCode: Int, output: String) {
            self.start = start
            self.end = end
            self.exitCode = exitCode
            self.output = output
        }
    }

    public var status: Status
    public var failingStreak: Int
    public var log: [Probe]

    enum CodingKeys: String, CodingKey {
        case status = "Status", failingStreak = "FailingStreak", log = "Log"
    }

    /// Docker keeps this many probes (`maxLogEntries`), and this much of each one's output.
    public static let keptProbes = 5
    public static let keptOutputBytes = 4096

    /// A container that has just started: no probe yet.
    public static let starting = ContainerHealth(status: .starting, failingStreak: 0, log: [])

    public init(status: Status, failingStreak: Int, log: [Probe]) {
        self.status = status
        self.failingStreak = failingStreak
        self.log = log
    }

    /// Docker's `handleProbeResult`: a pass makes the container healthy and clears the streak; a
    /// failure counts unless the container is still starting within its start period (then the
    /// service may just be slow to come up), and the `retries`-th failure in a row makes it
    /// unhealthy. `sinceStart` is how long after the container's start the probe began.
    public mutating func record(_ probe: Probe, sinceStart: Double, check: Healthcheck) {
        log.append(probe)
        if log.count > Self.keptProbes { log.removeFirst(log.count - Self.keptProbes) }
        if probe.exitCode == 0 {
            failingStreak = 0
            status = .healthy
            return
        }
        if status == .starting, sinceStart * 1e9 < Double(check.startPeriod) { return }
        failingStreak += 1
        if failingStreak >= check.effectiveRetries { status = .unhealthy }
    }

    /// `ps`'s words in brackets after "Up 5 seconds": `health: starting`, `healthy`, `unhealthy`.
    public var summary: String {
        status == .starting ? "health: starting" : status.rawValue
    }

    public static func path(_ paths: ContainerPaths) -> String {
        paths.directory + "/health.json"
    }

    /// The health the monitor last wrote; nil for a container without a healthcheck (or before
    /// its monitor first wrote it).
    public static func load(_ paths: ContainerPaths) -> ContainerHealth? {
        guard let data = FileManager.default.contents(atPath: path(paths)) else { return nil }
        return try? JSONDecoder().decode(ContainerHealth.self, from: data)
    }

    /// Written whole, then renamed over the old file: a reader never sees half of it.
    public func save(_ paths: ContainerPaths) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        try FileWriting.replace(String(decoding: try encoder.encode(self), as: UTF8.self), at: Self.path(paths))
    }
}
