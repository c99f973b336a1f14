import ArgumentParser
import ContainerRuntime
import ImageStore
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// `dockyard export`: a container's filesystem (image layers and writable layer, merged) as a tar,
/// read by fd inside an overlay of its layers, so the container cannot point the export at the host.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "export", abstract: "Export a container's filesystem as a tar archive.")

    @Option(name: [.short, .long], help: "Write to a file, instead of STDOUT.") var output: String = "-"
    @OptionGroup var storage: StorageOptions
    @Argument(help: "The container, by name or id.") var container: String

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot)
        engine.sweep()
        let record = try ContainerControl.find(container, in: engine)
        if output == "-", isatty(1) == 1 {
            StandardError.line("dockyard: cowardly refusing to write the archive to a terminal: use -o FILE or redirect")
            throw ExitCode(1)
        }
        do {
            // The layers merged by a read-only overlay that only this process can reach, even
            // for a running container: its own mount would add /proc, /sys and volumes.
            let upper = engine.containers.paths(for: record.id).upperdir
            let root = try DetachedOverlay.open(layers: engine.containers.readOnlyLayers(of: record.config) + (access(upper, F_OK) == 0 ? [upper] : []))
            defer { close(root) }
            try RootfsExport.write(root: root, to: output)
        } catch {
            StandardError.line("Error response from daemon: \(error)")
            throw ExitCode(1)
        }
    }
}
