#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The OCI platform: which CPU architecture and operating system an image's binaries are for.
public struct Platform: Codable, Sendable, Hashable {
    public var architecture: String
    public var os: String
    public var variant: String?

    enum CodingKeys: String, CodingKey {
        case architecture, os, variant
    }

    public init(architecture: String, os: String, variant: String? = nil) {
        self.architecture = architecture
        self.os = os
        self.variant = variant
    }

    /// This machine's platform in Go's spelling (`amd64`, `arm64`), as image configs use it.
    public static var host: Platform {
        Platform(architecture: goArchitecture(machine: hostMachine()), os: "linux")
    }

    /// Maps `uname -m` names to the GOARCH names the image spec uses.
    public static func goArchitecture(machine: String) -> String {
        switch machine {
        case "x86_64": "amd64"
        case "aarch64", "arm64": "arm64"
        case "i386", "i486", "i586", "i686": "386"
        case "armv7l", "armv6l": "arm"
        case "ppc64le": "ppc64le"
        case "s390x": "s390x"
        case "riscv64": "riscv64"
        default: machine
        }
    }

    private static func hostMachine() -> String {
        var names = utsname()
        guard uname(&names) == 0 else { return "unknown" }
        return withUnsafeBytes(of: &names.machine) { raw in
            String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
        }
    }
}
