import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

extension LayerStack {
    /// Copies what the merged view holds under `path` into `directory` (which exists): files,
    /// directories and symlinks with their modes and owners. This is how a new named volume is
    /// pre-filled from the image, as Docker does. A path that leads through a symlink is not
    /// followed (the view never leaves its layers): nothing is copied then.
    public func copyContents(of path: String, into directory: String) throws {
        guard item(at: path)?.isDirectory == true else { return }
        for name in names(in: path) {
            let source = path == "/" ? "/" + name : path + "/" + name
            guard let entry = item(at: source) else { continue }
            let target = directory + "/" + name
            if entry.isDirectory {
                guard mkdir(target, 0o700) == 0 else { throw ImageStoreError.system("mkdir", target) }
                try copyContents(of: source, into: target)
            } else if entry.isSymlink {
                guard let link = try? FileManager.default.destinationOfSymbolicLink(atPath: entry.hostPath),
                      symlink(link, target) == 0 else { throw ImageStoreError.system("symlink", target) }
            } else if entry.isRegularFile {
                try FileManager.default.copyItem(atPath: entry.hostPath, toPath: target)
            } else {
                continue   // devices, sockets and fifos are not copied into a volume
            }
            lchown(target, entry.uid, entry.gid)
            if !entry.isSymlink { chmod(target, entry.mode & 0o7777) }
        }
    }
}
