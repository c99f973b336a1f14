import ArgumentParser
import ContainerRuntime
import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// `dockyard stats`: CPU, memory and pids of running containers, read from their cgroup files
/// (cpuacct.usage or cpu.stat, memory.usage_in_bytes or memory.current, pids.current).
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Display a live stream of container resource usage statistics.")

    @Flag(name: .customLong("no-stream"), help: "Print one sample and exit.") var noStream = false
    @OptionGroup var storage: StorageOptions
    @Argument(help: "Containers, by name or id (default: all running).") var containers: [String] = []

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot)
        engine.sweep()
        let records = try containers.isEmpty
            ? engine.containers.all().filter { $0.state.isRunning }
            : containers.map { try ContainerControl.find($0, in: engine) }
        while true {
            // CPU % needs two samples: the CPU time used between them over the time that passed.
            let first = records.map { engine.runner.cgroups.manager(for: $0).usage(kernel: engine.kernel) }
            let start = Date()
            usleep(500_000)
            let elapsed = Date().timeIntervalSince(start)
            var rows = [["CONTAINER ID", "NAME", "CPU %", "MEM USAGE / LIMIT", "MEM %", "PIDS"]]
            for (record, before) in zip(records, first) {
                let now = engine.runner.cgroups.manager(for: record).usage(kernel: engine.kernel)
                let cpu = Double(now.cpuNanoseconds &- before.cpuNanoseconds) / (elapsed * 1e9) * 100
                let limit = now.memoryLimit ?? Self.hostMemory
                rows.append([record.id.short, record.name, String(format2: cpu) + "%",
                             Self.size(now.memoryBytes) + " / " + Self.size(limit),
                             String(format2: limit > 0 ? Double(now.memoryBytes) / Double(limit) * 100 : 0) + "%",
                             String(now.pids)])
            }
            if !noStream { print("\u{1B}[2J\u{1B}[H", terminator: "") }
            print(Table.render(rows), terminator: "")
            if noStream { return }
        }
    }

    /// Docker's binary units for memory: "1.5MiB".
    static func size(_ bytes: UInt64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return String(format2: value) + units[unit]
    }

    static var hostMemory: UInt64 {
        UInt64(sysconf(Int32(_SC_PHYS_PAGES))) * UInt64(sysconf(Int32(_SC_PAGESIZE)))
    }
}

extension String {
    /// A number with two decimals, as Docker prints percentages and sizes.
    init(format2 value: Double) {
        let hundredths = Int((value * 100).rounded())
        let fraction = abs(hundredths % 100)
        self = "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
