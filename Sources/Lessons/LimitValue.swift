/// A cgroup limit as the learner writes it and as the kernel stores it: `-m 48m` is 50331648
/// bytes in `memory.limit_in_bytes`; `--cpus 0.5` is a quota of 50000 µs per 100000 µs period.
enum LimitValue {
    /// The CFS period Docker uses for `--cpus`, in microseconds.
    static let cpuPeriod: Int64 = 100_000

    /// `48m` → 50331648 (Docker's units: b, k, m, g, 1024-based); `16` → 16; `0.5` cpus → 50000.
    static func parse(_ text: String, kind: ExerciseCheck.LimitKind) -> Int64? {
        switch kind {
        case .pids: return Int64(text)
        case .cpus:
            guard let cpus = Double(text), cpus > 0 else { return nil }
            return Int64((cpus * Double(cpuPeriod)).rounded())
        case .memory:
            let lower = text.lowercased()
            let units: [(String, Int64)] = [("g", 1 << 30), ("m", 1 << 20), ("k", 1 << 10), ("b", 1)]
            for (suffix, factor) in units where lower.hasSuffix(suffix) {
                return Int64(lower.dropLast(suffix.count)).map { $0 * factor }
            }
            return Int64(lower)
        }
    }

    /// How a learner reads the value: `33554432 bytes = 32 MiB`, `16`, `0.5 CPUs (50000/100000)`.
    static func describe(_ value: Int64, kind: ExerciseCheck.LimitKind, ko: Bool) -> String {
        switch kind {
        case .pids: return String(value)
        case .cpus:
            let cpus = Double(value) / Double(cpuPeriod)
            return (ko ? "CPU \(trimmed(cpus))개" : "\(trimmed(cpus)) CPUs") + " (\(value)/\(cpuPeriod))"
        case .memory:
            return (ko ? "\(value)바이트" : "\(value) bytes") + " = " + mebibytes(value)
        }
    }

    /// `50331648` → `48 MiB`; `1536` → `1.5 KiB`.
    static func mebibytes(_ bytes: Int64) -> String {
        for (unit, size) in [("GiB", Int64(1) << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where bytes >= size {
            return trimmed(Double(bytes) / Double(size)) + " " + unit
        }
        return "\(bytes) B"
    }

    /// `2.0` → `2`, `0.5` → `0.5`, `1.3333` → `1.33`.
    static func trimmed(_ value: Double) -> String {
        let hundredths = Int64((value * 100).rounded())
        let whole = hundredths / 100, fraction = hundredths % 100
        if fraction == 0 { return String(whole) }
        return fraction % 10 == 0 ? "\(whole).\(fraction / 10)" : "\(whole).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
