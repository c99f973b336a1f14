import HostSystem
#if canImport(Glibc)
import Glibc
#endif

extension FileBytes {
    /// A whole file as UTF-8 text, `-` being a file like any other (not standard input): for files
    /// named by flags, such as `--env-file` and `--security-opt seccomp=`. The failure's reason is
    /// the kernel's (`Is a directory`) or `not UTF-8 text`.
    static func text(ofFile path: String) throws(Failure) -> String {
        let bytes: [UInt8]
        do {
            let fd = try FileDescriptor.open(path, O_RDONLY)
            defer { fd.close() }
            bytes = try fd.readAll(path: path)
        } catch {
            throw Failure(reason: error.reason)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else { throw Failure(reason: "not UTF-8 text") }
        return text
    }
}
