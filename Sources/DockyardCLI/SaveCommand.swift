import ArgumentParser
import ImageStore
import OCI
#if canImport(Glibc)
import Glibc
#endif

/// `dockyard save`: write images to one tar, as a docker-archive (what `docker load` reads) or
/// an OCI image layout (what skopeo, umoci and containerd read).
struct SaveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "save", abstract: "Save one or more images to a tar archive (streamed to STDOUT by default).",
        discussion: "--format docker writes manifest.json, repositories, the config and a layer.tar per layer; --format oci writes oci-layout, index.json and blobs/sha256/.")

    @Option(name: [.short, .long], help: "Write to a file, instead of STDOUT.") var output: String?
    @Option(name: .long, help: "Archive format: docker or oci.") var format: ArchiveFormat = .docker
    @OptionGroup var storage: StorageOptions
    @Argument(help: "Images, by name, ID or ID prefix.") var images: [String]

    func validate() throws {
        guard !images.isEmpty else { throw ValidationError("\"save\" requires at least 1 argument.") }
    }

    func run() throws {
        if output == nil, isatty(1) != 0 {
            StandardError.line("cowardly refusing to save to a terminal. Use the -o flag or redirect")
            throw ExitCode(1)
        }
        let engine = Engine(root: storage.resolvedRoot)
        do {
            let requests = try images.map { name in
                let match = try engine.image(named: name)
                // Named by ID, Docker records no tag; named by tag, only that tag.
                return ExportRequest(image: match.image, tags: match.matchedTag.map { [$0] } ?? [])
            }
            let store = try engine.images()
            guard let output else {
                try store.save(requests, format: format, to: 1, label: "STDOUT")
                return
            }
            try OutputFile.write(to: output) { fd in try store.save(requests, format: format, to: fd, label: output) }
        } catch {
            DaemonResponse.report(error)
            throw ExitCode(1)
        }
    }
}

extension ArchiveFormat: ExpressibleByArgument {}

/// A file written whole or not at all: to a temp file beside it, renamed over it when done.
enum OutputFile {
    static func write(to path: String, _ body: (Int32) throws -> Void) throws {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { String(path[..<$0]) } ?? "."
        let temporary = (directory.isEmpty ? "" : directory) + "/.\(slash.map { String(path[path.index(after: $0)...]) } ?? path).tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputFileError("open \(temporary): \(String(cString: strerror(errno)))") }
        do {
            try body(fd)
            guard fsync(fd) == 0, close(fd) == 0 else { throw OutputFileError("write \(path): \(String(cString: strerror(errno)))") }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let message = String(cString: strerror(errno))
            unlink(temporary)
            throw OutputFileError("rename \(temporary) -> \(path): \(message)")
        }
    }
}

/// Why an output file could not be written; the message names the call and the path.
struct OutputFileError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
