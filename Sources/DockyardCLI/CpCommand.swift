import ArgumentParser
import ContainerRuntime
import FoundationEssentials
import HostSystem
#if canImport(Glibc)
import Glibc
#endif

/// `dockyard cp`: copy files between a container and the host, like `docker cp`.
/// Both ways, every path in the container is resolved by file descriptor inside its root, so a
/// symlink the container makes (even while the copy runs) cannot lead the copy to the host's files.
struct CpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cp", abstract: "Copy files/folders between a container and the local filesystem.",
        discussion: """
            Use CONTAINER:PATH for a path inside a container: dockyard cp web:/etc/hosts . or dockyard cp app.conf web:/etc/
            Use - to stream a tar archive: dockyard cp web:/etc - > etc.tar, or dockyard cp - web:/srv < site.tar
            """)

    @OptionGroup var storage: StorageOptions
    @Argument(help: "SRC: a host path, CONTAINER:PATH, or - for a tar on standard input.") var source: String
    @Argument(help: "DEST: a host path, CONTAINER:PATH, or - for a tar on standard output.") var destination: String

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
                if destination == "-" {   // a tar of the path on standard output
                    try ContainerCopyTar(store: engine.containers).write(path, from: record, to: .standardOutput)
                } else {
                    try ContainerCopyOut(store: engine.containers).copy(path, from: record, to: destination)
                }
            } else if let (name, path) = Self.split(destination) {
                let record = try ContainerControl.find(name, in: engine)
                if source == "-" {   // a tar on standard input, unpacked into the directory path
                    try ContainerCopyTar(store: engine.containers).extract(from: .standardInput, to: path, in: record)
                } else {
                    try ContainerCopyIn(store: engine.containers).copy(source, to: path, in: record)
                }
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            StandardError.line("Error response from daemon: \(error)")
            throw ExitCode(1)
        }
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
