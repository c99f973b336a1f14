#if canImport(Glibc)
import Glibc
#endif

/// A program to run on the host (`nft`, `busybox --list-full`, a lesson's step) and how: its
/// arguments, environment, directory and input. `run()` starts it with posix_spawn, captures
/// what it prints, and waits for it. posix_spawn, not fork: a multithreaded Swift process must
/// not run Swift code in a forked child, and posix_spawn runs none.
public struct HostProgram: Sendable {
    /// The program: a path, or a bare name looked up in PATH when `searchesPath` is set.
    public var executable: String
    public var arguments: [String]
    /// KEY=VALUE strings; nil hands on dockyard's own environment.
    public var environment: [String]?
    /// The child's working directory; nil keeps dockyard's.
    public var directory: String?
    /// Bytes for its standard input, written whole and then closed; nil gives it /dev/null.
    public var input: [UInt8]?
    /// posix_spawnp's PATH lookup, as a shell would do for a bare name.
    public var searchesPath = false
    /// Seconds before the program's whole process group is killed; nil waits for ever.
    public var timeout: Double?
    /// Open files the program inherits as its descriptors 3, 4, … in this order (e.g. a network
    /// namespace dockyard opened, which pasta then reaches as /proc/self/fd/3). Every other
    /// descriptor of dockyard's stays behind: all are opened close-on-exec.
    public var passedFiles: [FileDescriptor] = []
    /// The argv[0] the program sees; nil gives it `executable`. execve(2) lets the two differ, and
    /// some programs dispatch on it: an OCI hook from dockerd is /proc/PID/exe run as `libnetwork-setkey`.
    public var argument0: String?

    public init(_ executable: String, _ arguments: [String] = [], environment: [String]? = nil,
                directory: String? = nil, input: [UInt8]? = nil) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.directory = directory
        self.input = input
    }

    /// What a finished program printed and how it ended.
    public struct Result: Sendable, Equatable {
        /// waitpid(2)'s raw status word; `exit.shellStatus` gives the shell's number.
        public var waitStatus: Int32
        public var output: [UInt8]
        public var errors: [UInt8]
        /// Whether `timeout` ran out and the program was killed.
        public var timedOut: Bool

        public var exit: ExitStatus { ExitStatus(waitStatus: waitStatus) }
        public var outputText: String { String(decoding: output, as: UTF8.self) }
        public var errorText: String { String(decoding: errors, as: UTF8.self) }
    }

    /// Runs the program to completion. Throws only if it cannot be started (the error's `path`
    /// names the program); a program that fails says so in its `Result`.
    public func run() throws(SystemCallError) -> Result {
        let pipes = try StandardPipes(input: input != nil, program: executable)
        let pid: pid_t
        do throws(SystemCallError) {
            pid = try spawn(stdin: pipes.input?.readEnd, stdout: pipes.output.writeEnd, stderr: pipes.errors.writeEnd)
        } catch {
            pipes.closeChildEnds()
            pipes.closeParentEnds()
            pipes.input?.writeEnd.close()
            throw error
        }
        // The child has its copies; the parent keeps only the ends it reads and writes.
        pipes.closeChildEnds()
        defer { pipes.closeParentEnds() }
        if let inputPipe = pipes.input {
            // The inputs here are small (an nft script) and read whole before the program
            // answers: write them all, then close so it sees the end.
            try? inputPipe.writeEnd.writeAll(input ?? [])
            inputPipe.writeEnd.close()
        }
        var capture = OutputCapture(output: pipes.output.readEnd, errors: pipes.errors.readEnd)
        let timedOut = capture.drain(until: timeout.map { OutputCapture.now() + $0 }) {
            kill(-pid, SIGKILL)   // its own process group (see `spawn`): the whole tree goes
        }
        let status = (try? ExitStatus.waitStatus(of: pid)) ?? 0
        return Result(waitStatus: status, output: capture.outputBytes, errors: capture.errorBytes, timedOut: timedOut)
    }
}

/// The pipes a program's standard input, output and error go through.
struct StandardPipes {
    var input: Pipe?
    var output: Pipe
    var errors: Pipe

    /// Errors name the program the pipes were for.
    init(input wantsInput: Bool, program: String) throws(SystemCallError) {
        var made: [Pipe] = []
        do throws(SystemCallError) {
            for _ in 0..<(wantsInput ? 3 : 2) { made.append(try Pipe()) }
        } catch {
            made.forEach { $0.close() }
            throw SystemCallError(error.call, path: "for \(program)", errno: error.errno)
        }
        output = made[0]
        errors = made[1]
        input = wantsInput ? made[2] : nil
    }

    func closeChildEnds() {
        input?.readEnd.close()
        output.writeEnd.close()
        errors.writeEnd.close()
    }

    /// The input's write end is closed once written, so only the readers are left here.
    func closeParentEnds() {
        output.readEnd.close()
        errors.readEnd.close()
    }
}
