import HostSystem

/// runc's command line, which containerd's shim and dockerd speak to any OCI runtime:
/// `[global flags] COMMAND [flags] ID [args]`. Parsed by hand (a few flags, no help tree), so the
/// runtime's start-up stays small; a flag may be `--flag value`, `--flag=value` or Go's `-flag`.
public struct OCICommandLine: Equatable, Sendable {
    /// The flags before the command.
    public struct Global: Equatable, Sendable {
        public var root = "/run/dockyard-runtime"
        public var log: String?
        public var logFormat = "text"
        public var debug = false
        public var systemdCgroup = false
    }

    public enum Command: Equatable, Sendable {
        case create(bundle: String, pidFile: String?, consoleSocket: String?, id: String)
        case start(id: String)
        case state(id: String)
        case kill(id: String, signal: Int32, all: Bool)
        case delete(id: String, force: Bool)
        case exec(Exec)
        case ps(id: String, json: Bool)
        case pause(id: String)
        case resume(id: String)
        case features
        case version
    }

    /// `exec [--process F | CMD…] [--detach] [--pid-file F] [--tty] [--console-socket S] ID`.
    public struct Exec: Equatable, Sendable {
        public var id = ""
        public var processFile: String?
        public var argv: [String] = []
        public var detach = false
        public var pidFile: String?
        public var tty = false
        public var consoleSocket: String?
        public var cwd: String?
        public var env: [String] = []
        public var user: String?
    }

    public var global = Global()
    public var command: Command

    public struct UsageError: Error, Equatable, CustomStringConvertible {
        public var description: String
        init(_ text: String) { description = text }
    }

    /// The flags that take a value, by command ("" is the global ones); the rest are switches.
    /// nil: no such command. A switch over literals, not a table: a `[String: Set<String>]` built
    /// at start-up cost ~0.46 M instructions (its generic types' conformance searches), more than
    /// all the rest of reading the command line, at each of the runtime's many short calls.
    static func valued(_ command: String) -> [String]? {
        switch command {
        case "": ["root", "log", "log-format", "criu", "rootless"]
        case "create": ["bundle", "b", "pid-file", "console-socket", "preserve-fds", "notify-socket"]
        case "exec": ["process", "p", "pid-file", "console-socket", "cwd", "env", "e", "user", "u",
                      "preserve-fds", "process-label", "apparmor", "cap", "c", "additional-gids", "g", "cgroup"]
        case "ps": ["format", "f"]
        case "delete", "kill", "start", "state", "pause", "resume", "features": []
        default: nil
        }
    }

    public init(parsing arguments: [String]) throws(UsageError) {
        var rest = arguments[...]
        let (globals, afterGlobals) = try Self.flags(&rest, valued: Self.valued("") ?? [], stopAtWord: true)
        var global = Global()
        for (name, value) in globals {
            switch name {
            case "root": global.root = value
            case "log": global.log = value
            case "log-format":
                guard value == "text" || value == "json" else { throw UsageError("invalid log format: \(value)") }
                global.logFormat = value
            case "debug": global.debug = true
            case "systemd-cgroup": global.systemdCgroup = true
            case "version", "v": self.init(global: global, command: .version); return
            default: break
            }
        }
        rest = afterGlobals
        guard let word = rest.popFirst() else { throw UsageError("no command given (create, start, state, kill, delete, exec, ps, pause, resume, features)") }
        guard let valued = Self.valued(word) else { throw UsageError("No help topic for '\(word)'") }
        let (flags, operands) = try Self.flags(&rest, valued: valued, stopAtWord: word == "exec")
        self.init(global: global, command: try Self.command(word, flags: flags, operands: Array(operands)))
    }

    init(global: Global, command: Command) {
        self.global = global
        self.command = command
    }

    /// The command `word` from its flags and operands.
    static func command(_ word: String, flags: [(String, String)], operands: [String]) throws(UsageError) -> Command {
        func flag(_ names: String...) -> String? { flags.last { names.contains($0.0) }?.1 }
        func has(_ names: String...) -> Bool { flags.contains { names.contains($0.0) } }
        func id() throws(UsageError) -> String {
            guard let first = operands.first else { throw UsageError("\(word): a container id is required") }
            return first
        }
        switch word {
        case "create":
            return .create(bundle: flag("bundle", "b") ?? ".", pidFile: flag("pid-file"), consoleSocket: flag("console-socket"), id: try id())
        case "start": return .start(id: try id())
        case "state": return .state(id: try id())
        case "pause": return .pause(id: try id())
        case "resume": return .resume(id: try id())
        case "features": return .features
        case "delete": return .delete(id: try id(), force: has("force", "f"))
        case "ps":
            let format = flag("format", "f") ?? "table"
            guard format == "table" || format == "json" else { throw UsageError("invalid format option: \(format)") }
            return .ps(id: try id(), json: format == "json")
        case "kill":
            let word = operands.count > 1 ? operands[1] : "SIGTERM"
            guard let signal = Signal.number(named: word) else { throw UsageError("unknown signal \"\(word)\"") }
            return .kill(id: try id(), signal: signal, all: has("all", "a"))
        default:
            var exec = Exec()
            exec.id = try id()
            exec.argv = Array(operands.dropFirst())
            exec.processFile = flag("process", "p")
            exec.detach = has("detach", "d")
            exec.pidFile = flag("pid-file")
            exec.tty = has("tty", "t")
            exec.consoleSocket = flag("console-socket")
            exec.cwd = flag("cwd")
            exec.env = flags.filter { $0.0 == "env" || $0.0 == "e" }.map(\.1)
            exec.user = flag("user", "u")
            guard exec.processFile != nil || !exec.argv.isEmpty else { throw UsageError("exec: a command or --process is required") }
            return .exec(exec)
        }
    }

    /// Reads flags up to the first operand (the global flags stop at the command word; `exec`'s
    /// at the id, after which everything is the command). Returns (name, value) pairs, with ""
    /// for a switch, and what is left.
    static func flags(_ rest: inout ArraySlice<String>, valued: [String], stopAtWord: Bool)
        throws(UsageError) -> ([(String, String)], ArraySlice<String>) {
        var found: [(String, String)] = []
        var operands: [String] = []
        while let argument = rest.popFirst() {
            if argument == "--" { operands += rest; rest = []; break }
            guard argument.hasPrefix("-"), argument.count > 1, operands.isEmpty || !stopAtWord else {
                operands.append(argument)
                if stopAtWord { operands += rest; rest = []; break }
                continue
            }
            var name = String(argument.drop { $0 == "-" })
            var value: String?
            if let equals = name.firstIndex(of: "=") {
                value = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if valued.contains(name) {
                if value == nil { value = rest.popFirst() }
                guard let value else { throw UsageError("flag needs an argument: --\(name)") }
                found.append((name, value))
            } else {
                found.append((name, value ?? ""))
            }
        }
        return (found, ArraySlice(operands))
    }
}
