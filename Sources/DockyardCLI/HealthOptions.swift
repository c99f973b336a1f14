import ArgumentParser
import ContainerRuntime
import DockerfileSyntax

/// `run --health-*` and `--no-healthcheck`, as Docker spells them: a healthcheck of the run's own,
/// or changes to the image's HEALTHCHECK (ContainerRuntime/Health/). Durations are Go's
/// (`500ms`, `30s`, `1m30s`); 0 or nothing means the image's value, else Docker's default.
///
/// The flags themselves are `RunCommand`'s own properties, not an option group: each option
/// group is one more generic type ArgumentParser instantiates at every `run`, whose conformance
/// lookups cost ~0.35 M instructions of start-up (callgrind) — more than this struct's work.
struct HealthOptions {
    var healthCmd: String?
    var healthInterval: String?
    var healthTimeout: String?
    var healthStartPeriod: String?
    var healthRetries: Int?
    var noHealthcheck = false

    /// The run's healthcheck, nil when no flag was given; Docker's errors for what it refuses.
    func parsed() throws -> Healthcheck? {
        let interval = try nanoseconds(healthInterval, flag: "health-interval")
        let timeout = try nanoseconds(healthTimeout, flag: "health-timeout")
        let startPeriod = try nanoseconds(healthStartPeriod, flag: "health-start-period")
        let retries = healthRetries ?? 0
        let given = healthCmd.map { !$0.isEmpty } == true || interval != 0 || timeout != 0 || startPeriod != 0 || retries != 0
        if noHealthcheck {
            if given { throw ValidationError("--no-healthcheck conflicts with --health-* options") }
            return .disabled
        }
        guard given else { return nil }
        for (value, flag) in [(interval, "health-interval"), (timeout, "health-timeout"), (startPeriod, "health-start-period")]
        where value < 0 {
            throw ValidationError("--\(flag) cannot be negative")
        }
        if retries < 0 { throw ValidationError("--health-retries cannot be negative") }
        // The daemon's floor (containertypes.MinimumDuration): a 0 means "default", anything else at least 1ms.
        for (value, name) in [(interval, "Interval"), (timeout, "Timeout"), (startPeriod, "StartPeriod")]
        where value != 0 && value < 1_000_000 {
            throw ValidationError("\(name) in Healthcheck cannot be less than 1ms")
        }
        return Healthcheck(test: healthCmd.flatMap { $0.isEmpty ? nil : ["CMD-SHELL", $0] } ?? [],
                           interval: interval, timeout: timeout, startPeriod: startPeriod, retries: retries)
    }

    private func nanoseconds(_ text: String?, flag: String) throws -> Int64 {
        guard let text else { return 0 }
        guard let duration = GoDuration(text) else {
            throw ValidationError("invalid argument \"\(text)\" for \"--\(flag)\" flag: time: invalid duration \"\(text)\"")
        }
        return duration.nanoseconds
    }
}
