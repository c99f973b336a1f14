#if canImport(Glibc)
import Glibc
#endif

/// Removes from a container's writable layer (a RUN step's, or one `dockyard commit` takes) what the runtime, not the command, put there:
/// the empty files and directories made as mount points for /etc/hostname, /etc/hosts,
/// /etc/resolv.conf, /proc, /sys and /dev when the image lacked them. Docker's builder keeps
/// them out of layers too; otherwise every RUN would "add" /etc/hosts.
public enum MountPointCleaner {
    public static let files = ["/etc/hostname", "/etc/hosts", "/etc/resolv.conf"]
    public static let directories = ["/dev/pts", "/dev/shm", "/dev/mqueue", "/dev", "/proc", "/sys", "/etc"]

    /// The paths `clean` would remove, without removing anything (`dockyard diff` on a running container).
    public static func runtimeMade(upper: String, below: LayerStack) -> [String] {
        var made: [String] = []
        for file in files where below.item(at: file) == nil {
            var info = stat()
            if lstat(upper + file, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size == 0 { made.append(file) }
        }
        for directory in directories {
            let left = LayerStack.entries(of: upper + directory).filter { !made.contains(directory + "/" + $0) }
            var info = stat()
            guard left.isEmpty, lstat(upper + directory, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { continue }
            if below.item(at: directory) == nil || !LayerStack.isOpaqueDirectory(upper + directory) { made.append(directory) }
        }
        return made
    }

    public static func clean(upper: String, below: LayerStack) {
        for file in files where below.item(at: file) == nil {
            var info = stat()
            if lstat(upper + file, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_size == 0 {
                unlink(upper + file)
            }
        }
        // An empty directory left in the upper layer is either a mount point the image lacked, or
        // a copy of an existing directory made only to hold a mount point: neither is a change.
        for directory in directories where LayerStack.entries(of: upper + directory).isEmpty {
            var info = stat()
            guard lstat(upper + directory, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { continue }
            if below.item(at: directory) == nil || !LayerStack.isOpaqueDirectory(upper + directory) {
                rmdir(upper + directory)
            }
        }
    }
}
