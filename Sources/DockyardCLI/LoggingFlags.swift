import ArgumentParser
import ContainerRuntime

/// `run --log-driver` and `--log-opt`, as Docker spells them: json-file (the default, with
/// `max-size` and `max-file` rotation) or none (ContainerRuntime/Logging/LogConfig.swift).
struct LoggingFlags: ParsableArguments {
    @Option(name: .customLong("log-driver"), help: ArgumentHelp("Logging driver for the container: json-file or none.", valueName: "string"))
    var logDriver: String?
    @Option(name: .customLong("log-opt"), help: ArgumentHelp("Log driver options, e.g. max-size=10m, max-file=3.", valueName: "KEY=VALUE"))
    var logOpt: [String] = []

    func validate() throws {
        _ = try parsed()
    }

    /// The container's logging, nil when neither flag was given; Docker's errors for what it refuses.
    func parsed() throws -> LogConfig? {
        guard logDriver != nil || !logOpt.isEmpty else { return nil }
        do {
            return try LogConfig(driver: logDriver ?? "json-file", options: logOpt)
        } catch {
            throw ValidationError(error.message)
        }
    }
}
