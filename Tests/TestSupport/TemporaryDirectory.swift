import FoundationEssentials
#if canImport(Glibc)
import Glibc
#endif

/// A fresh directory under /tmp for one test, removed (with everything in it) when the value is
/// released. Tests that make an image store or a rootfs get one each, so they never share state.
public final class TemporaryDirectory: Sendable {
    /// The directory's absolute path.
    public let path: String

    /// Makes `/tmp/dockyard-test-<prefix>-XXXXXX`.
    public init(prefix: String = "dir") throws {
        var template = Array("/tmp/dockyard-test-\(prefix)-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> UnsafeMutablePointer<CChar>? in
            guard let base = buffer.baseAddress else { return nil }
            return mkdtemp(base)
        }
        guard let made else {
            throw TemporaryDirectoryError(message: "mkdtemp failed: \(String(cString: strerror(errno)))")
        }
        path = String(cString: made)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// `path/relative`.
    public func appending(_ relative: String) -> String {
        path + "/" + relative
    }

    /// Writes a file below the directory, making its parents.
    public func write(_ relative: String, _ contents: String, mode: mode_t = 0o644) throws {
        let full = appending(relative)
        if let slash = full.lastIndex(of: "/") {
            try FileManager.default.createDirectory(atPath: String(full[..<slash]), withIntermediateDirectories: true)
        }
        guard FileManager.default.createFile(atPath: full, contents: Data(contents.utf8)) else {
            throw TemporaryDirectoryError(message: "cannot write \(full)")
        }
        chmod(full, mode)
    }
}

/// Why a temporary directory or file could not be made.
public struct TemporaryDirectoryError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}

/// Host programs some tests compare against (skopeo, umoci), found on PATH.
public enum HostTools {
    /// The path of an executable on PATH (or the usual system directories), or nil.
    public static func executable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"
        for directory in path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/sbin"] {
            let candidate = directory + "/" + name
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return nil
    }
}

/// Reading files in test expectations.
public enum TestFiles {
    public static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw TemporaryDirectoryError(message: "cannot read \(path)")
        }
        return Array(data)
    }

    public static func readText(_ path: String) throws -> String {
        String(decoding: try read(path), as: UTF8.self)
    }
}
