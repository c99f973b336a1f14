#if canImport(Glibc)
import Glibc
#endif

/// What `--userns remap` needs of the host's directories.
enum UserNamespaceLayout {
    /// With `--userns remap` the overlay is mounted by root of the user namespace, an ordinary
    /// user on the host, who must be able to reach the container's directory: every directory on
    /// the way needs search permission for others (as Docker's userns-remap also requires).
    static func checkSearchable(above path: String) throws {
        var current = path
        while let slash = current.lastIndex(of: "/"), slash != current.startIndex {
            current = String(current[..<slash])
            var info = stat()
            if stat(current, &info) == 0 && info.st_mode & S_IXOTH == 0 {
                throw RuntimeError(code: .system, "--userns remap: \(current) is not searchable by others (mode \(String(info.st_mode & 0o7777, radix: 8))), so root of the container's user namespace cannot reach its layers; chmod o+x it, or use another --root")
            }
        }
    }
}
