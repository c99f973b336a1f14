import ImageStore
import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// `--device-read-bps` and `--device-write-bps`: a cap on how many bytes a second the container
/// may read from or write to one block device. The kernel enforces it in the cgroup: on v1 the
/// blkio controller's `blkio.throttle.read_bps_device` / `write_bps_device` take a line
/// `MAJOR:MINOR BYTES`, on v2 the io controller's `io.max` a line `MAJOR:MINOR rbps=N wbps=M`.
/// The device is named by its path and kept by its numbers, which are what the kernel takes.
public struct BlockIOLimit: Codable, Sendable, Equatable {
    public var path: String
    public var major: UInt32
    public var minor: UInt32
    public var bytesPerSecond: Int64

    public init(path: String, major: UInt32, minor: UInt32, bytesPerSecond: Int64) {
        self.path = path
        self.major = major
        self.minor = minor
        self.bytesPerSecond = bytesPerSecond
    }

    /// `MAJOR:MINOR`, as the cgroup files name a device.
    public var device: String { "\(major):\(minor)" }

    /// `PATH:RATE` as Docker's client reads it (opts.ValidateThrottleBpsDevice): the path must be
    /// under /dev/, the rate a size such as `1mb` (go-units' RAMInBytes). Errors in its words.
    public static func parse(_ text: String) throws -> (path: String, rate: Int64) {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else {
            throw RuntimeError(code: .invalidArgument, "bad format: \(text)")
        }
        let path = String(text[..<colon])
        guard path.hasPrefix("/dev/") else { throw RuntimeError(code: .invalidArgument, "bad format for device path: \(text)") }
        guard let rate = try? ByteSize.parse(String(text[text.index(after: colon)...])), rate >= 0 else {
            throw RuntimeError(code: .invalidArgument, "invalid rate for device: \(text). The correct format is <device-path>:<number>[<unit>]. "
                + "Number must be a positive integer. Unit is optional and can be kb, mb, or gb")
        }
        return (path, rate)
    }

    /// The limit for the block device at `path` (symbolic links followed), read with stat(2).
    public static func resolve(path: String, rate: Int64) throws -> BlockIOLimit {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw RuntimeError(code: .invalidArgument, "stat \(path): \(KernelError.message(for: errno))")
        }
        guard info.st_mode & S_IFMT == S_IFBLK else {
            throw RuntimeError(code: .invalidArgument, "\(path) is not a block device: --device-read-bps and --device-write-bps limit block devices")
        }
        let device = UInt64(info.st_rdev)
        return BlockIOLimit(path: path, major: Device.major(device), minor: Device.minor(device), bytesPerSecond: rate)
    }

    /// v2's `io.max` lines for these read and write limits: one line per device, both rates on it.
    package static func ioMaxLines(read: [BlockIOLimit], write: [BlockIOLimit]) -> [String] {
        var devices: [String] = []
        for limit in read + write where !devices.contains(limit.device) { devices.append(limit.device) }
        return devices.map { device in
            var line = device
            if let rate = read.last(where: { $0.device == device }) { line += " rbps=\(rate.bytesPerSecond)" }
            if let rate = write.last(where: { $0.device == device }) { line += " wbps=\(rate.bytesPerSecond)" }
            return line
        }
    }
}
