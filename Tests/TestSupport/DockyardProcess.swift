import Foundation

/// Runs the built `dockyard` executable as a user would, with its own storage root, and
/// captures what it printed and how it exited. CLI tests use it to check the whole program.
public struct DockyardProcess {
    /// What one invocation did.
    public struct Result {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The `dockyard` binary SwiftPM built next to this test bundle.
    public static var executable: String {
        let bundle = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var directory = URL(fileURLWithPath: bundle).deletingLastPathComponent()
        if directory.lastPathComponent.hasSuffix(".xctest") { directory.deleteLastPathComponent() }
        return directory.appendingPathComponent("dockyard").path
    }

    public let root: String
    /// Variables set for every invocation besides DOCKYARD_ROOT (e.g. DOCKER_CONFIG, XDG_CONFIG_HOME).
    public var environment: [String: String]

    public init(root: String, environment: [String: String] = [:]) {
        self.root = root
        self.environment = environment
    }

    /// The containers' directories (their full ids) under this root: what a removal must leave empty.
    public var containerDirectories: [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: root + "/containers")) ?? []
    }

    /// Runs `dockyard ARGUMENTS...` to completion. `prefix` runs it through another program
    /// (e.g. setpriv to drop root).
    @discardableResult
    public func run(_ arguments: [String], prefix: [String] = [], input: String? = nil) throws -> Result {
        guard let input else { return try Self.finish(start(arguments, prefix: prefix)) }
        let stdin = Pipe()
        let process = try start(arguments, prefix: prefix, standardInput: stdin)
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        return Self.finish(process)
    }

    /// Runs `COMMAND...` (a program and its arguments, as given) to completion, as `run` does.
    public static func capture(_ command: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        return finish(process)
    }

    /// Reads a started process's output to its end and waits for it.
    private static func finish(_ process: Process) -> Result {
        let out = process.standardOutput as? Pipe
        let err = process.standardError as? Pipe
        let outData = out?.fileHandleForReading.readDataToEndOfFile() ?? Data()
        let errData = err?.fileHandleForReading.readDataToEndOfFile() ?? Data()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Starts `dockyard ARGUMENTS...` and returns without waiting; stdout and stderr are pipes.
    public func start(_ arguments: [String], prefix: [String] = [], standardInput: Pipe? = nil) throws -> Process {
        let process = Process()
        let command = prefix + [Self.executable] + arguments
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        var environment = ProcessInfo.processInfo.environment
        environment["DOCKYARD_ROOT"] = root
        environment.merge(self.environment) { _, new in new }
        process.environment = environment
        process.standardInput = standardInput ?? FileHandle.nullDevice
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        return process
    }
}
