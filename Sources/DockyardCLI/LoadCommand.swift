import ArgumentParser
import ImageStore
#if canImport(Glibc)
import Glibc
#endif

/// `dockyard load`: add the images in a docker-archive or OCI layout tar (plain or gzip) to the
/// store, after checking every digest, path and layer entry in it.
struct LoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load", abstract: "Load images from a tar archive or STDIN.",
        discussion: "The format (docker-archive or OCI layout) and compression (none or gzip) are detected. A layer with '..' paths, links that escape, device nodes or bad whiteouts is refused, and a refused archive leaves nothing behind.")

    @Option(name: [.short, .long], help: "Read from tar archive file, instead of STDIN.") var input: String?
    @Flag(name: [.short, .long], help: "Suppress the load output.") var quiet = false
    @OptionGroup var storage: StorageOptions

    func run() throws {
        if input == nil, isatty(0) != 0 {
            StandardError.line("requested load from stdin, but stdin is empty")
            throw ExitCode(1)
        }
        let engine = Engine(root: storage.resolvedRoot)
        engine.sweep()
        do {
            let loaded = try engine.images().load(archive: input ?? "/dev/stdin")
            guard !quiet else { return }
            for image in loaded {
                for replaced in image.replaced {
                    print("The image \(replaced.tag) already exists, renaming the old one with ID \(replaced.previousID) to empty string")
                }
                if image.tags.isEmpty { print("Loaded image ID: \(image.id)") }
                for tag in image.tags { print("Loaded image: \(tag)") }
            }
        } catch {
            DaemonResponse.report(error)
            throw ExitCode(1)
        }
    }
}
