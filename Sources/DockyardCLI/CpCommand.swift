import ArgumentParser
import Builder
import ContainerRuntime
import FoundationEssentials
import ImageStore
#if canImport(Glibc)
import Glibc
#endif

/// `dockyard cp`: copy files between a container and the host, like `docker cp`.
/// Out of a container, files are read from its layers merged as overlayfs shows them, never
/// following a symlink out; into one, they are written by file descriptor resolved inside its root.
struct CpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cp", abstract: "Copy files/folders between a container and the local filesystem.",
        discussion: "Use CONTAINER:PATH for a path inside a container: dockyard cp web:/etc/hosts . or dockyard cp app.conf web:/etc/")

    @OptionGroup var storage: StorageOptions
    @Argument(help: "SRC: a host path or CONTAINER:PATH.") var source: String
    @Argument(help: "DEST: a host path or CONTAINER:PATH.") var destination: String

    func validate() throws {
        guard Self.split(source) != nil || Self.split(destination) != nil else {
            throw ValidationError("must specify at least one container source: use CONTAINER:PATH")
        }
        guard Self.split(source) == nil || Self.split(destination) == nil else {
            throw ValidationError("copying between containers is not supported")
        }
    }

    func run() throws {
        let engine = Engine(root: storage.resolvedRoot)
        engine.sweep()
        do {
            if let (name, path) = Self.split(source) {
                let record = try ContainerControl.find(name, in: engine)
                try copyOut(path, from: record, to: destination, engine: engine)
            } else if let (name, path) = Self.split(destination) {
                let record = try ContainerControl.find(name, in: engine)
                try ContainerCopyIn(store: engine.containers).copy(source, to: path, in: record)
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            StandardError.line("Error response from daemon: \(error)")
            throw ExitCode(1)
        }
    }

    private func copyOut(_ path: String, from record: ContainerRecord, to hostPath: String, engine: Engine) throws {
        let stack = LayerStack(layers: record.lowerdirs + [engine.containers.paths(for: record.id).upperdir])
        let cleaned = "/" + path.split(separator: "/").joined(separator: "/")
        guard let item = stack.item(at: cleaned) else {
            throw RuntimeError("Could not find the file \(path) in container \(record.name)")
        }
        var target = hostPath
        var info = stat()
        if stat(hostPath, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
            target = hostPath + "/" + (cleaned.split(separator: "/").last.map(String.init) ?? record.name)
        }
        _ = item
        let absolute = target.hasPrefix("/") ? target : FileManager.default.currentDirectoryPath + "/" + target
        try TreeCopier(source: stack, staging: "", owner: nil, keepsOwner: true, permissions: nil).copy(cleaned, to: absolute)
    }

    /// `NAME:PATH` → (NAME, PATH); nil for a host path (which may itself contain no colon, or
    /// start with / or . before any colon).
    static func split(_ argument: String) -> (String, String)? {
        guard let colon = argument.firstIndex(of: ":"), !argument.hasPrefix("/"), !argument.hasPrefix(".") else { return nil }
        let name = String(argument[..<colon])
        guard !name.isEmpty, !name.contains("/") else { return nil }
        return (name, String(argument[argument.index(after: colon)...]))
    }
}
