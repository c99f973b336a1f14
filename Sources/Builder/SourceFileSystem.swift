import DockerfileSyntax
import HostSystem
import ImageStore
#if canImport(Glibc)
import Glibc
#endif

/// Where COPY and ADD read files from: the build context on the host, or another stage's or
/// image's layers (`--from`). Paths are absolute inside the source ("/src/main.c").
public protocol SourceFileSystem {
    /// The file or directory at `path`, never following a final symlink; nil if absent or hidden.
    func item(at path: String) -> LayerStack.Item?
    /// The names in the directory at `path`, sorted.
    func names(in path: String) -> [String]
}

extension LayerStack: SourceFileSystem {}

/// The build context: a host directory, seen through its `.dockerignore`. An excluded path looks
/// absent, exactly as if it were not in the context.
struct BuildContext: SourceFileSystem {
    let root: String
    let ignore: IgnoreFile?

    init(directory: String) throws(BuildError) {
        var info = stat()
        guard stat(directory, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw BuildError("unable to prepare context: path \"\(directory)\" not found")
        }
        root = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        if let bytes = try? FileContents.read(root + "/.dockerignore") {
            do {
                ignore = try IgnoreFile(parsing: String(decoding: bytes, as: UTF8.self))
            } catch {
                throw BuildError(".dockerignore: \(error)")
            }
        } else {
            ignore = nil
        }
    }

    func item(at path: String) -> LayerStack.Item? {
        let relative = path.split(separator: "/").joined(separator: "/")
        if !relative.isEmpty, ignore?.excludes(relative) == true { return nil }
        let host = relative.isEmpty ? root : root + "/" + relative
        var info = stat()
        guard lstat(host, &info) == 0 else { return nil }
        return LayerStack.Item(hostPath: host, mode: UInt32(info.st_mode), uid: info.st_uid, gid: info.st_gid,
                               modificationTime: info.st_mtim.tv_sec)
    }

    func names(in path: String) -> [String] {
        let relative = path.split(separator: "/").joined(separator: "/")
        let host = relative.isEmpty ? root : root + "/" + relative
        return DirectoryListing.names(in: host).filter { name in
            let child = relative.isEmpty ? name : relative + "/" + name
            return ignore?.excludes(child) != true
        }
    }
}

/// Reading small files and directory listings with plain system calls.
enum FileContents {
    static func read(_ path: String) throws(BuildError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw BuildError("cannot read \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        do { return try FileDescriptor(rawValue: fd).readAll(path: path) } catch {
            throw BuildError("cannot read \(path): \(error.reason)")
        }
    }
}

enum DirectoryListing {
    static func names(in directory: String) -> [String] {
        LayerStack.entries(of: directory).sorted()
    }
}
