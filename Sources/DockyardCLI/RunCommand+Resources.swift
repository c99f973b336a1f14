import ArgumentParser
import ContainerRuntime
import LinuxKernel

/// `--memory-swap`, `--memory-reservation`, `--oom-kill-disable`, `-c/--cpu-shares`,
/// `--cpuset-cpus` and `--device-read-bps`/`--device-write-bps` (files of the container's
/// cgroup), `--shm-size` (its /dev/shm tmpfs),
/// `--ulimit` (setrlimit(2) of its processes) and `--sysctl` (its own namespaces' kernel
/// parameters), checked as Docker checks them, naming the value refused.
extension RunCommand {
    /// A size flag's bytes, or pflag's error naming the flag and the value.
    static func bytes(_ text: String?, flag: String, allowingUnlimited: Bool = false) throws -> Int64? {
        guard let text else { return nil }
        if allowingUnlimited, text == "-1" { return -1 }
        do { return try ByteSize.parse(text) }
        catch { throw ValidationError("invalid argument \"\(text)\" for \"\(flag)\" flag: invalid size: '\(text)'") }
    }

    /// `limits` (from `--memory`, `--cpus`, `--pids-limit`) with these flags' limits added.
    /// `validate()` reads the values without `resolvingDevices`: the devices are the engine's to
    /// check when it runs, and its error ends `run` with 125.
    func resourceLimits(adding limits: ResourceLimits?, resolvingDevices: Bool = true) throws -> ResourceLimits {
        var limits = limits ?? ResourceLimits()
        limits.memorySwapBytes = try Self.bytes(memorySwap, flag: "--memory-swap", allowingUnlimited: true)
        limits.memoryReservationBytes = try Self.bytes(memoryReservation, flag: "--memory-reservation")
        limits.oomKillDisable = oomKillDisable ? true : nil
        if let cpuShares {
            guard let shares = Int64(cpuShares) else {
                throw ValidationError("invalid argument \"\(cpuShares)\" for \"-c, --cpu-shares\" flag: strconv.ParseInt: parsing \"\(cpuShares)\": invalid syntax")
            }
            limits.cpuShares = shares == 0 ? nil : shares   // 0 is Docker's "default weight"
        }
        limits.cpusetCpus = cpusetCpus
        limits.deviceReadBps = try Self.blockIOLimits(deviceReadBps, flag: "--device-read-bps", resolving: resolvingDevices)
        limits.deviceWriteBps = try Self.blockIOLimits(deviceWriteBps, flag: "--device-write-bps", resolving: resolvingDevices)
        return limits   // checked against each other at create (ResourceLimits.check)
    }

    /// `PATH:RATE` values, each device read with stat(2) when `resolving`: pflag's words for a
    /// malformed value, the engine's for a path that is not a block device. nil when not given.
    static func blockIOLimits(_ values: [String], flag: String, resolving: Bool) throws -> [BlockIOLimit]? {
        guard !values.isEmpty else { return nil }
        return try values.map { text in
            let parsed: (path: String, rate: Int64)
            do { parsed = try BlockIOLimit.parse(text) }
            catch let error as RuntimeError { throw ValidationError("invalid argument \"\(text)\" for \"\(flag)\" flag: \(error.message)") }
            guard resolving else { return BlockIOLimit(path: parsed.path, major: 0, minor: 0, bytesPerSecond: parsed.rate) }
            return try BlockIOLimit.resolve(path: parsed.path, rate: parsed.rate)
        }
    }

    /// `--ulimit` values, in go-units' words when one is wrong.
    func rlimits() throws -> [ResourceLimit] {
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
    func applyResources(to request: inout RunRequest) throws {
        request.limits = try resourceLimits(adding: request.limits)
        request.shmSize = try Self.bytes(shmSize, flag: "--shm-size")
        request.ulimits = try rlimits()
        request.sysctls = try sysctls()
    }
}
