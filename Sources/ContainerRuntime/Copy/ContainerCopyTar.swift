import FoundationEssentials
import HostSystem
import ImageStore
#if canImport(Glibc)
import Glibc
#endif

/// `docker cp CONTAINER:PATH -` and `docker cp - CONTAINER:DIR`: the copy as a tar stream on
/// standard output or input. Both go through a staging directory in the store, so the stream
/// gets exactly the safety of the file copies: out, the tree is first copied by fd from inside
/// the container; in, the archive is unpacked with the layer rules (no `..`, no absolute path,
/// nothing through a symlink) before its entries are copied in by fd.
public struct ContainerCopyTar {
    let store: ContainerStore

    public init(store: ContainerStore) {
        self.store = store
    }

    /// Writes `path` in the container to `output` as a tar whose one top entry is the path's base name.
    public func write(_ path: String, from record: ContainerRecord, to output: FileDescriptor) throws {
        let staging = try StagingDirectory(in: store.root)
        defer { staging.remove() }
        let name = path.split(separator: "/").last.map(String.init).flatMap { $0 == "." ? nil : $0 } ?? "root"
        try ContainerCopyOut(store: store).copy(path, from: record, to: staging.path + "/" + name)
        let root = Glibc.open(staging.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard root >= 0 else { throw RuntimeError(code: .system, "cp: cannot open \(staging.path)") }
        defer { close(root) }
        try RootfsExport.write(root: root, to: output)
    }

    /// Unpacks the tar read from `input` into the directory `destination` in the container.
    public func extract(from input: FileDescriptor, to destination: String, in record: ContainerRecord) throws {
        let staging = try StagingDirectory(in: store.root)
        defer { staging.remove() }
        let archive = staging.path + "/archive.tar"
        let file = try FileDescriptor.open(archive, O_WRONLY | O_CREAT | O_EXCL, permissions: 0o600)
        do {
            try input.copyAll(to: file, path: "standard input", outputPath: archive)
            file.close()
        } catch {
            file.close()
            throw RuntimeError(code: .system, "cp: \(error)")
        }
        let unpacked = staging.path + "/unpacked"
        guard try ArchiveExtraction.extractIfArchive(archive, into: unpacked) != nil else {
            throw RuntimeError(code: .invalidArgument, "cp: standard input is not a tar archive")
        }
        let copier = ContainerCopyIn(store: store)
        let directory = destination.hasSuffix("/") ? destination : destination + "/"
        for name in try FileManager.default.contentsOfDirectory(atPath: unpacked).sorted() {
            try copier.copy(unpacked + "/" + name, to: directory, in: record)
        }
    }
}

/// A private directory under the store's root (`<root>/tmp/<purpose>-XXXXXX`, mode 0700), for one
/// command's intermediate files: a copy's tar, a Dockerfile read from stdin, a build's output.
public struct StagingDirectory {
    public let path: String

    public init(in root: String, for purpose: String = "cp") throws {
        let parent = root + "/tmp"
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        var template = Array((parent + "/\(purpose)-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw RuntimeError(code: .system, "\(purpose): cannot make a staging directory in \(parent)")
        }
        path = String(cString: made)
    }

    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
