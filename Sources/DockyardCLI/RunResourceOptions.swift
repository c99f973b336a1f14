import ArgumentParser
import ContainerRuntime
import LinuxKernel

/// `run`'s further limits, as Docker spells them: cgroup files (`--memory-swap`,
/// `--memory-reservation`, `--oom-kill-disable`, `-c/--cpu-shares`, `--cpuset-cpus`), the size
/// of /dev/shm's tmpfs (`--shm-size`), setrlimit(2) limits (`--ulimit`) and namespaced kernel
/// parameters (`--sysctl`). Values are checked here, naming the one refused as Docker does.
struct RunResourceOptions: ParsableArguments {
    @Option(name: .customLong("memory-swap"), help: ArgumentHelp("Memory plus swap; -1 for unlimited swap.", valueName: "bytes"))
    var memorySwap: String?
    @Option(name: .customLong("memory-reservation"), help: ArgumentHelp("Soft memory limit.", valueName: "bytes"))
    var memoryReservation: String?
    @Flag(name: .customLong("oom-kill-disable"), help: "Disable the OOM killer (cgroup v1 only).")
    var oomKillDisable = false
    @Option(name: [.customShort("c"), .customLong("cpu-shares")], help: ArgumentHelp("CPU shares (relative weight).", valueName: "int"))
    var cpuShares: String?
    @Option(name: .customLong("cpuset-cpus"), help: ArgumentHelp("CPUs in which to allow execution, e.g. 0-3 or 0,1.", valueName: "list"))
    var cpusetCpus: String?
    @Option(name: .customLong("shm-size"), help: ArgumentHelp("Size of /dev/shm (default 64m).", valueName: "bytes"))
    var shmSize: String?
    @Option(name: .long, help: ArgumentHelp("Ulimit options, e.g. nofile=1024:2048.", valueName: "name=soft[:hard]"))
    var ulimit: [String] = []
    @Option(name: .long, help: ArgumentHelp("A namespaced kernel parameter: net.*, kernel.msg*/sem/shm*, fs.mqueue.*.", valueName: "key=value"))
    var sysctl: [String] = []

    func validate() throws {
        _ = try parsed(memory: nil)
        _ = try Self.bytes(shmSize, flag: "--shm-size")
        _ = try resourceLimits()
        _ = try sysctls()
    }

    /// A size flag's bytes, or pflag's error naming the flag and the value.
    static func bytes(_ text: String?, flag: String, allowingUnlimited: Bool = false) throws -> Int64? {
        guard let text else { return nil }
        if allowingUnlimited, text == "-1" { return -1 }
        do { return try ByteSize.parse(text) }
        catch { throw ValidationError("invalid argument \"\(text)\" for \"\(flag)\" flag: invalid size: '\(text)'") }
    }

    /// `limits` (from `--memory`, `--cpus`, `--pids-limit`) with these flags' limits added.
    func parsed(memory limits: ResourceLimits?) throws -> ResourceLimits {
        var limits = limits ?? ResourceLimits()
        limits.memorySwapBytes = try Self.bytes(memorySwap, flag: "--memory-swap", allowingUnlimited: true)
        limits.memoryReservationBytes = try Self.bytes(memoryReservation, flag: "--memory-reservation")
        limits.oomKillDisable = oomKillDisable
        if let cpuShares {
            guard let shares = Int64(cpuShares) else {
                throw ValidationError("invalid argument \"\(cpuShares)\" for \"-c, --cpu-shares\" flag: strconv.ParseInt: parsing \"\(cpuShares)\": invalid syntax")
            }
            limits.cpuShares = shares == 0 ? nil : shares   // 0 is Docker's "default weight"
        }
        limits.cpusetCpus = cpusetCpus
        return limits   // checked against each other at create (ResourceLimits.check)
    }

    /// `--ulimit` values, in go-units' words when one is wrong.
    func resourceLimits() throws -> [ResourceLimit] {
        try ulimit.map { text in
            do { return try ResourceLimit(parsing: text) }
            catch { throw ValidationError("invalid argument \"\(text)\" for \"--ulimit\" flag: \(error)") }
        }
    }

    /// `--sysctl` values, key to value (a later one for the same key wins).
    func sysctls() throws -> [String: String] {
        var result: [String: String] = [:]
        for text in sysctl {
            do { let (key, value) = try Sysctls.parse(text); result[key] = value }
            catch let error as RuntimeError { throw ValidationError(error.message) }
        }
        return result
    }

    /// Adds everything to the request: limits, /dev/shm's size, rlimits and sysctls.
    func apply(to request: inout RunRequest) throws {
        request.limits = try parsed(memory: request.limits)
        request.shmSize = try Self.bytes(shmSize, flag: "--shm-size")
        request.ulimits = try resourceLimits()
        request.sysctls = try sysctls()
    }
}
