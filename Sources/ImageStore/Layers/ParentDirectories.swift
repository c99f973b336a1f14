#if canImport(Glibc)
import Glibc
#endif

/// The directories above a copied file, in the new layer: each one the image already has is
/// recreated with the same owner, mode and time (so the layer changes nothing about it), and
/// one it lacks is made as Docker makes it, root-owned with mode 0755.
public enum ParentDirectories {
    public static func make(_ path: String, in staging: String, below: LayerStack) throws(ImageStoreError) {
        var current = ""
        for component in path.split(separator: "/") {
            current += "/" + component
            let target = staging + current
            var info = stat()
            if lstat(target, &info) == 0 { continue }
            guard mkdir(target, 0o755) == 0 else { throw .system("mkdir", target) }
            if let existing = below.item(at: current), existing.isDirectory {
                lchown(target, existing.uid, existing.gid)
                chmod(target, mode_t(existing.mode & 0o7777))
                var times = [timespec(tv_sec: existing.modificationTime, tv_nsec: 0),
                             timespec(tv_sec: existing.modificationTime, tv_nsec: 0)]
                utimensat(AT_FDCWD, target, &times, AT_SYMLINK_NOFOLLOW)
            } else {
                lchown(target, 0, 0)
                chmod(target, 0o755)
                var times = [timespec(tv_sec: 0, tv_nsec: 0), timespec(tv_sec: 0, tv_nsec: 0)]
                utimensat(AT_FDCWD, target, &times, AT_SYMLINK_NOFOLLOW)
            }
        }
    }
}
