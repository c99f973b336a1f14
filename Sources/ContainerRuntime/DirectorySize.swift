import HostSystem
#if canImport(Glibc)
import Glibc
#endif

/// How many bytes a directory tree holds: the sizes of its files, each inode counted once (a hard
/// link is one file), as Docker's `directory.Size` adds them for `ps -s`, `system df` and the
/// `Total reclaimed space` of a prune.
public enum DirectorySize {
    /// 0 for a directory that is not there.
    public static func bytes(under path: String) -> Int64 {
        var seen = Set<ino_t>()
        return bytes(under: path, seen: &seen)
    }

    private static func bytes(under path: String, seen: inout Set<ino_t>) -> Int64 {
        var total: Int64 = 0
        for name in DirectoryListing.names(atPath: path) ?? [] {
            let child = path + "/" + name
            var info = stat()
            guard lstat(child, &info) == 0 else { continue }
            if (info.st_mode & S_IFMT) == S_IFDIR {
                total += bytes(under: child, seen: &seen)
            } else if seen.insert(info.st_ino).inserted {
                total += Int64(info.st_size)
            }
        }
        return total
    }
}
