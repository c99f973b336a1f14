import ArgumentParser
import Builder
import HostSystem
import ImageStore
import LinuxKernel
import OCI
#if canImport(Glibc)
import Glibc
#endif

/// `dockyard import`: a root filesystem tarball (a file, or - for standard input) becomes a
/// one-layer image, like `docker import`.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import the contents from a tarball to create a filesystem image.")

    @Option(name: [.short, .long], help: ArgumentHelp("Apply a Dockerfile instruction to the image's config (CMD, ENTRYPOINT, ENV, …).",
                                                      valueName: "instruction"))
    var change: [String] = []
    @Option(name: [.short, .long], help: "Set a commit message for the imported image.") var message: String?
    @OptionGroup var storage: StorageOptions
    @Argument(help: "The tarball, or - for standard input.") var file: String
    @Argument(help: "The image's name[:tag].") var reference: String?

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot)
        do {
            let store = try engine.images()
            var path = file
            var temporary: String?
            if file == "-" {
                let copy = store.layersPath + "/.stdin-\(getpid()).tar"
                try copyStandardInput(to: copy)
                temporary = copy
                path = copy
            }
            defer { if let temporary { unlink(temporary) } }
            let tags = try reference.map { [try ImageReference(parsing: $0)] } ?? []
            let image = try store.importRootfs(from: path, source: file == "-" ? "-" : file, tags: tags, message: message) {
                try ImageConfigChanges.apply(change, to: $0)
            }
            print(image.id.string)
        } catch {
            StandardError.line("Error response from daemon: \(error)")
            throw ExitCode(1)
        }
    }

    private func copyStandardInput(to path: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw KernelError("open", path: path, errno: errno) }
        defer { close(fd) }
        // A failed read of stdin ends the copy, as its end would; a failed write is an error.
        while let chunk = try? FileDescriptor.standardInput.read(upTo: 1 << 20), !chunk.isEmpty {
            do { try FileDescriptor(rawValue: fd).writeAll(chunk, path: path) } catch { throw KernelError(error) }
        }
    }
}
