/// Where a starting container's standard streams go, and who hears that it started.
/// A foreground `run` passes dockyard's own terminal; the monitor of a detached container passes
/// pipes to its log; a build passes a pipe to its progress display.
public struct ContainerIO: Sendable {
    /// nil: /dev/null unless the container is interactive (then dockyard's own stdin).
    public var standardInput: Int32?
    /// nil: dockyard's own.
    public var standardOutput: Int32?
    public var standardError: Int32?
    /// Called once the process has exec'd, with the record saying it runs.
    public var started: @Sendable (ContainerRecord) -> Void
    /// Called once the process has exited, before its record says so and its kernel objects go
    /// (the monitor stops the healthcheck here, so no probe outlives the run).
    public var exited: @Sendable () -> Void

    public init(standardInput: Int32? = nil, standardOutput: Int32? = nil, standardError: Int32? = nil,
                started: @escaping @Sendable (ContainerRecord) -> Void = { _ in }, exited: @escaping @Sendable () -> Void = {}) {
        self.standardInput = standardInput
        self.standardOutput = standardOutput
        self.standardError = standardError
        self.started = started
        self.exited = exited
    }

    /// The streams a `RunRequest` asked for.
    public init(_ request: RunRequest) {
        self.init(standardOutput: request.standardOutput, standardError: request.standardError)
    }
}
