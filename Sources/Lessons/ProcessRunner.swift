import HostSystem

/// What a finished command printed and how it ended.
public struct CommandOutput: Sendable, Equatable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    public var timedOut: Bool = false
}

/// Runs a lesson step's program to completion with stdin from /dev/null and stdout and stderr
/// captured, through HostSystem's `HostProgram`, and never for longer than `timeout`.
public struct ProcessRunner: Sendable {
    /// Seconds before a step's command is killed, so a lesson can never hang the player.
    public var timeout: Int32 = 60

    public init() {}

    /// Runs `argv` in `directory` (the current one if nil) with `environment` (KEY=VALUE strings),
    /// looking a bare program name up in PATH as a shell would. Only the child changes directory,
    /// so the caller's relative paths stay as they were.
    public func run(_ argv: [String], environment: [String], directory: String? = nil) -> CommandOutput {
        guard let executable = argv.first else { return CommandOutput(status: 127, stdout: "", stderr: "") }
        var program = HostProgram(executable, Array(argv.dropFirst()), environment: environment, directory: directory)
        program.searchesPath = true
        program.timeout = Double(timeout)
        do {
            let result = try program.run()
            return CommandOutput(status: result.exit.shellStatus, stdout: result.outputText,
                                 stderr: result.errorText, timedOut: result.timedOut)
        } catch {
            // The shell's numbers: 127 for a program that cannot be started, 125 for our own failure.
            if error.call == "posix_spawn" {
                return CommandOutput(status: 127, stdout: "", stderr: "\(executable): \(error.reason)\n")
            }
            let subject = error.call == "chdir" ? "chdir \(error.path)" : error.call
            return CommandOutput(status: 125, stdout: "", stderr: "\(subject): \(error.reason)\n")
        }
    }
}
