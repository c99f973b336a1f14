#if canImport(Glibc)
import Glibc
#endif

/// The names in a directory, as readdir(3) lists them (without "." and ".."), unsorted. Every
/// walk of a host or container tree lists its directories through here: by path where the path is
/// the host's own, by an open fd where the directory was reached inside a container's root (a
/// path would be resolved again, and could have become a symlink meanwhile).
public enum DirectoryListing {
    /// The names in the host directory at `path`; nil when it cannot be opened.
    public static func names(atPath path: String) -> [String]? {
        guard let handle = opendir(path) else { return nil }
        defer { closedir(handle) }
        return drain(handle)
    }

    /// The names in the directory open as `directory`, read through a second fd of its own, so
    /// `directory` stays usable (and open) for the caller's *at calls; nil when unreadable.
    public static func names(inDirectory directory: Int32) -> [String]? {
        let listing = openat(directory, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard listing >= 0 else { return nil }
        guard let handle = fdopendir(listing) else {
            close(listing)
            return nil
        }
        defer { closedir(handle) }
        return drain(handle)
    }

    private static func drain(_ handle: OpaquePointer) -> [String] {
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
