import ArgumentParser
import ContainerRuntime

/// The values of the cgroup-limit and restart flags `run`, `create` and `update` share, read and
/// checked once: each bad value is named in Docker's words.
enum ResourceFlags {
    static func memory(_ text: String) throws -> Int64 {
        let bytes: Int64
        do { bytes = try ByteSize.parse(text) } catch { throw ValidationError("invalid argument \"\(text)\" for \"-m, --memory\" flag: \(error)") }
        // Docker's floor: below it the process is OOM-killed before it can even exec.
        if bytes < 6 * 1024 * 1024 { throw ValidationError("Minimum memory limit allowed is 6MB (got \(text))") }
        return bytes
    }

    static func cpus(_ text: String) throws -> Double {
        guard let cpus = Double(text), cpus > 0, cpus.isFinite else {
            throw ValidationError("invalid argument \"\(text)\" for \"--cpus\" flag: expected a positive number of CPUs, e.g. 0.5")
        }
        return cpus
    }

    static func pidsLimit(_ value: Int64) throws -> Int64 {
        if value == 0 || value < -1 {
            throw ValidationError("invalid argument \"\(value)\" for \"--pids-limit\" flag: expected a positive number or -1")
        }
        return value
    }

    static func restart(_ text: String) throws -> RestartPolicy {
        guard let policy = RestartPolicy(parsing: text) else {
            throw ValidationError("invalid argument \"\(text)\" for \"--restart\" flag: use no, on-failure[:N] or always")
        }
        return policy
    }
}
