import Foundation

/// A Docker engine for interoperability tests, when this machine has one: `docker info`
/// succeeds, or Debian's `dockerd` is installed and can be started here. Never installed or
/// required by the tests: without it they skip and say why.
public enum DockerEngine {
    /// The docker client, or nil.
    public static var client: String? { HostTools.executable("docker") }

    /// True when an engine answers, starting an installed `dockerd` in the background (once per
    /// test process) if none does yet.
    public static let isAvailable: Bool = {
        guard let client else { return false }
        if answers(client) { return true }
        guard let dockerd = HostTools.executable("dockerd"), Privileges.isRoot else { return false }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: dockerd)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        for _ in 0..<60 {
            if answers(client) { return true }
            usleep(500_000)
        }
        return false
    }()

    private static func answers(_ client: String) -> Bool {
        (try? HostProcess.run(client, ["info", "--format", "{{.ServerVersion}}"]))?.status == 0
    }

    /// Runs `docker ARGUMENTS...`.
    @discardableResult
    public static func run(_ arguments: [String]) throws -> HostProcess.Result {
        guard let client else { throw TemporaryDirectoryError(message: "docker is not installed") }
        return try HostProcess.run(client, arguments)
    }
}
