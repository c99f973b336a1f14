import ArgumentParser
import ContainerRuntime
import DockerfileSyntax

/// `run --health-*` and `--no-healthcheck`, as Docker spells them: a healthcheck of the run's own,
/// or changes to the image's HEALTHCHECK (ContainerRuntime/Health/). Durations are Go's
/// (`500ms`, `30s`, `1m30s`); 0 or nothing means the image's value, else Docker's default.
struct HealthFlags: ParsableArguments {
    @Option(name: .customLong("health-cmd"), help: ArgumentHelp("Command to run to check health.", valueName: "string"))
    var healthCmd: String?
    @Option(name: .customLong("health-interval"),
            help: ArgumentHelp("Time between running the check (ms|s|m|h) (default 0s).", valueName: "duration"))
    var healthInterval: String?
    @Option(name: .customLong("health-timeout"),
            help: ArgumentHelp("Maximum time to allow one check to run (ms|s|m|h) (default 0s).", valueName: "duration"))
    var healthTimeout: String?
    @Option(name: .customLong("health-start-period"),
            help: ArgumentHelp("Start period for the container to initialize before starting health-retries countdown (ms|s|m|h) (default 0s).",
                               valueName: "duration"))
    var healthStartPeriod: String?
    @Option(name: .customLong("health-retries"), help: ArgumentHelp("Consecutive failures needed to report unhealthy.", valueName: "int"))
    var healthRetries: Int?
    @Flag(name: .customLong("no-healthcheck"), help: "Disable any container-specified HEALTHCHECK.")
    var noHealthcheck = false

    func validate() throws {
        _ = try parsed()
    }

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
