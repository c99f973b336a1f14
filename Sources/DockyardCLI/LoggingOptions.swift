import ArgumentParser
import ContainerRuntime

/// `run --log-driver` and `--log-opt`, as Docker spells them: json-file (the default, with
/// `max-size` and `max-file` rotation) or none (ContainerRuntime/Logging/LogConfig.swift).
/// The flags are `RunCommand`'s own properties, for the reason HealthOptions gives.
struct LoggingOptions {
    var logDriver: String?
    var logOpt: [String] = []

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
