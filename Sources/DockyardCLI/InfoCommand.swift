import ArgumentParser
import ContainerRuntime
import GoTemplate
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// `dockyard info`: how this engine runs here, in `docker info`'s words — and first, which mode
/// (root or rootless) this user gets, with the user namespace's maps and where its cgroups,
/// storage and network come from.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "info", abstract: "Display system-wide information.")

    @Option(name: [.short, .long], help: "Format the output using a Go template, or 'json'.") var format: String?
    @OptionGroup var storage: StorageOptions

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot)
        engine.sweep()
        let mode = PrivilegeMode.current
        let records = engine.host.records(in: engine.containers)
        let running = records.filter { if case .running = $0.state { true } else { false } }.count
        let paused = records.filter { if case .paused = $0.state { true } else { false } }.count
        let images = (try? engine.images().catalog().count) ?? 0
        let cgroups = CgroupHost.detect()
        if let format {
            let info = TemplateObject([
                ("ID", ""), ("Containers", .int(Int64(records.count))), ("ContainersRunning", .int(Int64(running))),
                ("ContainersPaused", .int(Int64(paused))), ("ContainersStopped", .int(Int64(records.count - running - paused))),
                ("Images", .int(Int64(images))), ("Driver", "overlay"), ("CgroupDriver", "cgroupfs"),
                ("CgroupVersion", .string(String(cgroupVersion(cgroups).prefix(1)))), ("KernelVersion", .string(HostKernel.release())),
                ("OperatingSystem", "linux"), ("OSType", "linux"), ("Architecture", .string(HostKernel.goArch())),
                ("SecurityOptions", .array(["name=seccomp,profile=builtin"] + (mode.isRootless ? ["name=rootless"] : []))),
                ("ServerVersion", .string(DockyardCommand.configuration.version)), ("DockerRootDir", .string(engine.root)),
                ("Name", .string(engine.host.hostname())), ("Mode", .string(mode.name)),
            ])
            try Self.printFormatted(format, .object(info))
            return
        }

        var lines = ["Server:",
                     " Mode: \(mode.name)",
                     " Containers: \(records.count)",
                     "  Running: \(running)",
                     "  Paused: \(paused)",
                     "  Stopped: \(records.count - running - paused)",
                     " Images: \(images)",
                     " Storage Driver: overlay\(mode.isRootless ? " (userxattr)" : "")",
                     " Cgroup Version: \(cgroupVersion(cgroups))"]
        if case let .unavailable(reason) = cgroups { lines.append("  No cgroup: \(reason)") }
        lines.append(" Security Options:")
        lines.append("  seccomp")
        lines.append("   Profile: builtin (Docker's default)")
        if let namespace = mode.rootlessNamespace {
            lines.append("  rootless")
            lines.append(" User Namespace:")
            lines.append("  uid_map: \(namespace.uidMap.ranges.map(\.line).joined(separator: "; "))")
            lines.append("  gid_map: \(namespace.gidMap.ranges.map(\.line).joined(separator: "; "))")
            if let holder = RootlessHolder.current() {
                lines.append("  Holder: pid \(holder.pid)" + (holder.mapCommands.isEmpty ? "" : ", mapped by \(holder.mapCommands.map { $0[0] }.joined(separator: " and "))"))
                if let limitation = holder.limitation { lines.append("  Note: \(limitation)") }
            }
            lines.append(" Runtime Dir: \(RootlessHolder.runtimeDirectory)")
        }
        lines.append(" Default Network: \(mode.isRootless ? "pasta (user-mode networking)" : "bridge (dockyard0)")")
        if mode.isRootless {
            // Where the user's networks' bridges live (made by the first network create).
            lines.append(" Rootless Network Namespace: \(RootlessNetworkNamespace(host: engine.host).summary)")
        }
        lines.append(" Kernel Version: \(HostKernel.release())")
        lines.append(" Dockyard Root Dir: \(engine.root)")
        print(lines.joined(separator: "\n"))
    }

    /// `info --format`: Docker's `{{json .}}`, or the template over `docker info`'s JSON fields.
    static func printFormatted(_ format: String, _ info: TemplateValue) throws {
        if format == "json" { return Swift.print(info.compactJSON) }
        let template = InspectFormat.parse(format)
        do { Swift.print(try template.execute(info, missingKey: .error)) } catch {
            StandardError.line("template parsing error: \(error.message)")
            throw ExitCode(1)
        }
    }

    private func cgroupVersion(_ host: CgroupHost) -> String {
        switch host {
        case .unified: "2"
        case let .delegated(root, controllers): "2 (delegated: \(root), controllers \(controllers.joined(separator: " ")))"
        case .legacy, .hybrid: "1"
        case .unavailable: "none"
        }
    }
}
