/// Docker's healthcheck: a command run inside a running container on a schedule, whose exit
/// status says whether the service in it works (0 healthy, anything else a failure). It comes
/// from the image's HEALTHCHECK instruction, from `run --health-*`, or both merged; `["NONE"]`
/// turns the image's off (`--no-healthcheck`). Durations are nanoseconds as in Docker's API, and
/// 0 means "Docker's default" (interval 30 s, timeout 30 s, start period 0, 3 retries).
public struct Healthcheck: Sendable, Equatable, Codable {
    /// `["CMD", arg…]` (exec form), `["CMD-SHELL", command]` (through /bin/sh -c), `["NONE"]`,
    /// or `[]`: take the image's test.
    public var test: [String]
    public var interval: Int64
    public var timeout: Int64
    public var startPeriod: Int64
    public var retries: Int

    enum CodingKeys: String, CodingKey {
        case test = "Test", interval = "Interval", timeout = "Timeout", startPeriod = "StartPeriod", retries = "Retries"
    }

    public init(test: [String] = [], interval: Int64 = 0, timeout: Int64 = 0, startPeriod: Int64 = 0, retries: Int = 0) {
        self.test = test
        self.interval = interval
        self.timeout = timeout
        self.startPeriod = startPeriod
        self.retries = retries
    }

    public init(from decoder: any Decoder) throws {
        let keys = try decoder.container(keyedBy: CodingKeys.self)
        test = try keys.decodeIfPresent([String].self, forKey: .test) ?? []
        interval = try keys.decodeIfPresent(Int64.self, forKey: .interval) ?? 0
        timeout = try keys.decodeIfPresent(Int64.self, forKey: .timeout) ?? 0
        startPeriod = try keys.decodeIfPresent(Int64.self, forKey: .startPeriod) ?? 0
        retries = try keys.decodeIfPresent(Int.self, forKey: .retries) ?? 0
    }

    public static let defaultInterval: Int64 = 30_000_000_000
    public static let defaultTimeout: Int64 = 30_000_000_000
    public static let defaultRetries = 3

    /// `--no-healthcheck`: Docker's way to switch off an image's check.
    public static let disabled = Healthcheck(test: ["NONE"])

    /// Docker's merge at create (daemon/commit.go): what `run` left empty or zero comes from
    /// the image's HEALTHCHECK.
    public func merged(over image: Healthcheck?) -> Healthcheck {
        guard let image else { return self }
        var merged = self
        if merged.test.isEmpty { merged.test = image.test }
        if merged.interval == 0 { merged.interval = image.interval }
        if merged.timeout == 0 { merged.timeout = image.timeout }
        if merged.startPeriod == 0 { merged.startPeriod = image.startPeriod }
        if merged.retries == 0 { merged.retries = image.retries }
        return merged
    }

    /// The process to run in the container for one probe; nil when there is nothing to run
    /// (`NONE`, or no test at all).
    public var probeCommand: [String]? {
        switch test.first {
        case "CMD"? where test.count > 1: Array(test.dropFirst())
        case "CMD-SHELL"? where test.count > 1: ["/bin/sh", "-c", test.dropFirst().joined(separator: " ")]
        default: nil
        }
    }

    var effectiveInterval: Int64 { interval > 0 ? interval : Self.defaultInterval }
    var effectiveTimeout: Int64 { timeout > 0 ? timeout : Self.defaultTimeout }
    var effectiveRetries: Int { retries > 0 ? retries : Self.defaultRetries }
}
