import ArgumentParser
import ContainerRuntime
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// How `run` uses its Docker flags beyond the process and its image: Docker's client checks
/// on the streams, the settings put into the request, the `--cidfile` written, the streams `-a`
/// connects.
extension RunCommand {
    /// The further flags' values, as Docker's client checks them.
    func validateSettings() throws {
        _ = try resourceLimits(adding: nil, resolvingDevices: false)
        _ = try Self.bytes(shmSize, flag: "--shm-size")
        _ = try rlimits()
        _ = try sysctls()
        for stream in attach where !["stdin", "stdout", "stderr"].contains(stream.lowercased()) {
            throw ValidationError("invalid argument \"\(stream)\" for \"-a, --attach\" flag: valid streams are STDIN, STDOUT and STDERR")
        }
        _ = try exposedPorts()
        if let platform { try Self.checkPlatform(platform) }
        do {
            try addHost.forEach(NameResolution.checkExtraHost)
            try dns.forEach(NameResolution.checkServer)
            try dnsSearch.forEach(NameResolution.checkSearchDomain)
        } catch let error as RuntimeError {
            throw ValidationError(error.message)
        }
    }

    /// `--add-host`, `--dns` and `--dns-search`, written into the container's /etc files at start.
    var nameResolution: NameResolution {
        NameResolution(extraHosts: addHost, servers: dns, searchDomains: dnsSearch)
    }

    /// Docker's client checks before anything is made: `-it` needs a terminal on stdin (exit 1,
    /// as Docker's "the input device is not a TTY"), and `-a` cannot go with `-d`.
    func checkStreams() throws {
        if interactive && tty && !detach && !simulate && isatty(0) == 0 {
            StandardError.line("the input device is not a TTY")
            throw ExitCode(1)
        }
        if detach && !attach.isEmpty {
            StandardError.line("conflicting options: cannot specify both --attach and --detach")
            throw ExitCode(1)
        }
    }

    /// The flags beyond the process and its image: limits, rlimits, sysctls, /dev/shm, labels,
    /// name resolution, variables from files, the id file. `--oom-kill-disable` needs cgroup v1
    /// (v2 has no such switch): elsewhere it is dropped with Docker's warning.
    func applyContainerSettings(to request: inout RunRequest, cgroupVersion: Int) throws {
        try applyResources(to: &request)
        if request.limits.oomKillDisable == true {
            if cgroupVersion != 1 {
                StandardError.line("WARNING: Your kernel does not support OomKillDisable. OomKillDisable discarded.")
                request.limits.oomKillDisable = nil
            } else if request.limits.memoryBytes == nil {
                StandardError.line("WARNING: Disabling the OOM killer on containers without setting a '-m/--memory' limit may be dangerous.")
            }
        }
        request.nameResolution = nameResolution
        request.labels = request.image.labels.merging(try labels()) { _, given in given }   // as Docker: the image's, then -l's
        request.environment = try environment() + request.environment
        request.containerIDFile = cidfile.map { $0.hasPrefix("/") ? $0 : FileManager.default.currentDirectoryPath + "/" + $0 }
    }

    /// Creates the container and writes its id to `--cidfile` (whose descriptor `fd` is), as
    /// Docker does; the file goes again when the container could not be made.
    func created(_ request: RunRequest, by runner: ContainerRunner, containerIDFile fd: Int32?) throws -> ContainerRecord {
        guard let fd else { return try runner.create(request) }
        defer { close(fd) }
        do {
            let record = try runner.create(request)
            _ = record.id.full.withCString { write(fd, $0, strlen($0)) }
            return record
        } catch {
            if let path = cidfile { unlink(path) }
            throw error
        }
    }

    /// The container's streams: `-a` connects only the ones it names; the others go to /dev/null.
    func streams(_ request: RunRequest) throws -> ContainerIO {
        var io = ContainerIO(request)
        guard !attach.isEmpty else { return io }
        let null = open("/dev/null", O_RDWR | O_CLOEXEC)
        guard null >= 0 else { throw RuntimeError(code: .system, "open /dev/null: \(String(cString: strerror(errno)))") }
        if !attaches("stdout") { io.standardOutput = null }
        if !attaches("stderr") { io.standardError = null }
        if interactive, !attaches("stdin") { io.standardInput = null }
        return io
    }
}
