import ArgumentParser
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
            let image = try store.importRootfs(from: path, source: file == "-" ? "-" : file, tags: tags)
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
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = read(0, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { return }
            var offset = 0
            while offset < count {
                let written = buffer.withUnsafeBytes { write(fd, $0.baseAddress.map { $0 + offset }, count - offset) }
                guard written > 0 else { throw KernelError("write", path: path, errno: errno) }
                offset += written
            }
        }
    }
}
