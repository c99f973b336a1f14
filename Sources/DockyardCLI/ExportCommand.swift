import ArgumentParser
import ContainerRuntime
import ImageStore
#if canImport(Glibc)
import Glibc
#endif

/// `dockyard export`: a container's filesystem (image layers and writable layer, merged) as a tar.
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
            try RootfsExport.write(LayerStack(layers: record.lowerdirs + [engine.containers.paths(for: record.id).upperdir]),
                                   to: output)
        } catch {
            StandardError.line("Error response from daemon: \(error)")
            throw ExitCode(1)
        }
    }
}
