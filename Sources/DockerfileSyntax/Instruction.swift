/// One Dockerfile instruction as Docker's parser sees it: the keyword, the `--flags`, the arguments
/// and any heredoc bodies, with the physical lines it spans. `details` holds the typed meaning the
/// builder needs (the base image of a FROM, the pairs of an ENV, …).
public struct Instruction: Sendable, Equatable {
    public var keyword: Keyword
    /// The keyword as written (`run`, `Run`, `RUN`).
    public var spelling: String
    /// The first and last physical line (1-based), heredoc bodies and continuations included.
    public var line: Int
    public var endLine: Int
    public var flags: [InstructionFlag]
    /// The arguments in the shape of `dockyard parse --json` (see the issue): JSON-form strings,
    /// a shell-form command as one string, `KEY=VALUE` pairs, or words.
    public var arguments: [String]
    /// Whether the arguments were written as a JSON array (exec form).
    public var isJSONForm: Bool
    public var heredocs: [Heredoc]
    /// The instruction's text with continuations joined, as Docker keeps it.
    public var original: String
    public var details: Details

    /// The value of flag `name` (the last one if repeated), "" for a bare `--name`, nil if absent.
    public func flag(_ name: String) -> String? {
        guard let flag = flags.last(where: { $0.name == name }) else { return nil }
        return flag.value ?? ""
    }
}

/// A `--name[=value]` option written before an instruction's arguments (`COPY --from=build`).
public struct InstructionFlag: Sendable, Equatable {
    public var name: String
    /// nil for a bare `--name`.
    public var value: String?
    public var location: SourceLocation
}

/// An inline file written in the Dockerfile itself (`RUN <<EOF … EOF`): for RUN it is the script,
/// for COPY and ADD it is a file's content.
public struct Heredoc: Sendable, Equatable {
    /// The delimiter word, without quotes.
    public var name: String
    /// The body, one `\n`-terminated line per source line; with `<<-` the leading tabs are removed.
    public var content: String
    /// `<<-`: leading tabs are stripped from the body and the terminator.
    public var chomp: Bool
    /// False when the delimiter was quoted (`<<'EOF'`): then `$VAR` in the body stays literal.
    public var expand: Bool
    /// The file descriptor in `3<<EOF`, 0 when none is written.
    public var fileDescriptor: Int
}

/// How a command is written: shell form runs through the image's shell (`/bin/sh -c`), exec form
/// (a JSON array) is executed directly with no shell in between.
public enum CommandForm: Sendable, Equatable {
    case shell(String)
    case exec([String])
}

/// A `KEY=VALUE` pair of ENV or LABEL, the value as written (quotes kept, variables unexpanded).
public struct KeyValue: Sendable, Equatable {
    public var key: String
    public var value: String
}

/// A build argument: its name and optional default, as written.
public struct ArgumentDeclaration: Sendable, Equatable {
    public var name: String
    public var defaultValue: String?
}

/// A port the image says it listens on (`EXPOSE 80/tcp`, `EXPOSE 8000-8010`), or a word with
/// variables that can only be checked once they are expanded.
public struct PortSpec: Sendable, Equatable {
    public var text: String
    public var range: ClosedRange<Int>?
    public var proto: String
}

/// HEALTHCHECK settings: `NONE` (turn off the base image's check) or a command with timings.
public enum HealthcheckSpec: Sendable, Equatable {
    case none
    case check(command: CommandForm, interval: GoDuration?, timeout: GoDuration?,
               startPeriod: GoDuration?, startInterval: GoDuration?, retries: Int?)
}

extension Instruction {
    /// The typed meaning of each instruction.
    public indirect enum Details: Sendable, Equatable {
        case from(image: String, stageName: String?, platform: String?)
        case run(CommandForm)
        case cmd(CommandForm)
        case entrypoint(CommandForm)
        case copy(sources: [String], destination: String)
        case add(sources: [String], destination: String)
        case env([KeyValue])
        case label([KeyValue])
        case arg([ArgumentDeclaration])
        case workdir(String)
        case user(String)
        case expose([PortSpec])
        case volume([String])
        case shell([String])
        case stopSignal(String)
        case healthcheck(HealthcheckSpec)
        case onbuild(Instruction)
        case maintainer(String)
    }
}
