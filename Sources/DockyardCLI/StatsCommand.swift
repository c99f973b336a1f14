import ArgumentParser
import ContainerRuntime
import FoundationEssentials
import GoTemplate
#if canImport(Glibc)
import Glibc
#endif

/// `dockyard stats`: CPU, memory and pids of running containers, read from their cgroup files
/// (cpuacct.usage or cpu.stat, memory.usage_in_bytes or memory.current, pids.current).
struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "stats", abstract: "Display a live stream of container resource usage statistics.")

    @Flag(name: .customLong("no-stream"), help: "Print one sample and exit.") var noStream = false
    @Option(name: .long, help: "Format output using a Go template, 'table' or 'json'.") var format: String?
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
            var rows: [TemplateValue] = []
            for (record, before) in zip(records, first) {
                let now = engine.runner.cgroups.manager(for: record).usage(kernel: engine.kernel)
                let cpu = Double(now.cpuNanoseconds &- before.cpuNanoseconds) / (elapsed * 1e9) * 100
                let limit = now.memoryLimit ?? Self.hostMemory
                rows.append(formatRow([
                    "ID": record.id.short, "Container": record.id.short, "Name": record.name,
                    "CPUPerc": String(format2: cpu) + "%", "MemUsage": Self.size(now.memoryBytes) + " / " + Self.size(limit),
                    "MemPerc": String(format2: limit > 0 ? Double(now.memoryBytes) / Double(limit) * 100 : 0) + "%",
                    "NetIO": "--", "BlockIO": "--", "PIDs": String(now.pids),
                ]))
            }
            if !noStream { print("\u{1B}[2J\u{1B}[H", terminator: "") }
            try FormatOutput.print(format ?? "table", defaultTable: Self.defaultTable, rows: rows, header: Self.header,
                                   rowType: "*formatter.statsContext")
            if noStream { return }
        }
    }

    /// Docker's binary units for memory: "1.5MiB".
    /// Dockyard's default table: Docker's columns but NET I/O and BLOCK I/O, which it does not count.
    static let defaultTable = #"table {{.ID}}\t{{.Name}}\t{{.CPUPerc}}\t{{.MemUsage}}\t{{.MemPerc}}\t{{.PIDs}}"#
    /// The column names by field (Docker's `statsContext` headers).
    static let header = TemplateObject([
        ("ID", "CONTAINER ID"), ("Container", "CONTAINER"), ("Name", "NAME"), ("CPUPerc", "CPU %"),
        ("MemUsage", "MEM USAGE / LIMIT"), ("MemPerc", "MEM %"), ("NetIO", "NET I/O"), ("BlockIO", "BLOCK I/O"), ("PIDs", "PIDS"),
    ].map { ($0.0, TemplateValue.string($0.1)) })

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
