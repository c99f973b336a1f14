#if canImport(Glibc)
import Glibc
#endif

/// A file as stat(2) tells it at one moment: its device, inode and change time. Two names of one
/// file compare equal (/proc/PID/exe and the binary it names, `ProcessImage`); a file saved
/// again by rename over the old one (AtomicFile: a new inode, a new change time) compares
/// unequal, which is cheaper to ask than a record is to decode (`rm`'s wait for a lock).
struct FileVersion: Equatable {
    var device: UInt64
    var inode: UInt64
    var changedSeconds: Int
    var changedNanoseconds: Int

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        changedSeconds = info.st_ctim.tv_sec
        changedNanoseconds = info.st_ctim.tv_nsec
    }
}
