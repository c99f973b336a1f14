#if canImport(Glibc)
import Glibc
#endif

/// Extended attributes (xattrs): name/value pairs the kernel keeps beside a file's data.
/// overlayfs reads `trusted.overlay.opaque=y` on a directory to hide everything below it in
/// lower layers; file capabilities live in `security.capability`.
///
/// Swift's Glibc module does not import <sys/xattr.h>, so the four calls are looked up once with
/// dlsym. They are plain libc functions; a C shim would be the long-term home.
enum ExtendedAttributes {
    private typealias FSet = @convention(c) (Int32, UnsafePointer<CChar>, UnsafeRawPointer?, Int, Int32) -> Int32
    private typealias FGet = @convention(c) (Int32, UnsafePointer<CChar>, UnsafeMutableRawPointer?, Int) -> Int
    private typealias LGet = @convention(c) (UnsafePointer<CChar>, UnsafePointer<CChar>, UnsafeMutableRawPointer?, Int) -> Int
    private typealias LList = @convention(c) (UnsafePointer<CChar>, UnsafeMutablePointer<CChar>?, Int) -> Int

    private static func symbol<T>(_ name: String, as type: T.Type) -> T? {
        guard let pointer = dlsym(nil, name) else { return nil }
        return unsafeBitCast(pointer, to: type)
    }

    private static let fset = symbol("fsetxattr", as: FSet.self)
    private static let fget = symbol("fgetxattr", as: FGet.self)
    private static let lget = symbol("lgetxattr", as: LGet.self)
    private static let llist = symbol("llistxattr", as: LList.self)

    /// fsetxattr(2) on an open file or directory.
    /// With `ignoringUnsupported`, a file system without xattrs (ENOTSUP) is not an error.
    static func set(_ name: String, _ value: [UInt8], fd: Int32, path: String,
                    ignoringUnsupported: Bool = false) throws(ImageStoreError) {
        guard let fset else { throw ImageStoreError(.system, "fsetxattr is not available in this libc") }
        let result = value.withUnsafeBytes { raw in fset(fd, name, raw.baseAddress, raw.count, 0) }
        guard result == 0 else {
            if ignoringUnsupported && errno == ENOTSUP { return }
            throw .system("fsetxattr \(name)", path)
        }
    }

    /// fgetxattr(2); nil when the attribute is absent.
    static func get(_ name: String, fd: Int32) -> [UInt8]? {
        guard let fget else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = buffer.withUnsafeMutableBytes { fget(fd, name, $0.baseAddress, $0.count) }
        return n >= 0 ? Array(buffer[0..<n]) : nil
    }

    /// lgetxattr(2) without following a symlink; nil when absent.
    static func get(_ name: String, path: String) -> [UInt8]? {
        guard let lget else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let n = buffer.withUnsafeMutableBytes { lget(path, name, $0.baseAddress, $0.count) }
        return n >= 0 ? Array(buffer[0..<n]) : nil
    }

    /// llistxattr(2): the names of a file's attributes, sorted; empty when none or unsupported.
    static func names(path: String) -> [String] {
        guard let llist else { return [] }
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = buffer.withUnsafeMutableBufferPointer { llist(path, $0.baseAddress, $0.count) }
        guard n > 0 else { return [] }
        return buffer[0..<n].split(separator: 0).map { bytes in
            String(decoding: bytes.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }.sorted()
    }
}
