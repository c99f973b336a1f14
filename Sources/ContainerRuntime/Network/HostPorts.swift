import LinuxKernel
#if canImport(Glibc)
import Glibc
#endif

/// Host ports for publishing: whether one is free (nothing on the host listens on it), and a
/// free one chosen by the kernel (bind to port 0) for `-p CONTAINERPORT` and `-P`.
enum HostPorts {
    /// Throws Docker's "port is already allocated" if a host socket holds the port.
    static func check(_ port: PortMapping) throws {
        guard bindable(port, port.hostPort) != nil else {
            throw RuntimeError(code: .conflict, "Bind for \(port.hostIP?.description ?? "0.0.0.0"):\(port.hostPort) failed: port is already allocated")
        }
    }

    static func free(_ port: PortMapping) throws -> UInt16 {
        guard let chosen = bindable(port, 0), chosen != 0 else {
            throw RuntimeError(code: .conflict, "no free host port to publish \(port.containerPort)/\(port.proto)")
        }
        return chosen
    }

    /// Binds a socket of the port's protocol to (address, number) and returns the bound port.
    private static func bindable(_ port: PortMapping, _ number: UInt16) -> UInt16? {
        let type = port.proto == "udp" ? Int32(SOCK_DGRAM.rawValue) : Int32(SOCK_STREAM.rawValue)
        let fd = socket(AF_INET, type | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = number.bigEndian
        address.sin_addr.s_addr = (port.hostIP?.value ?? 0).bigEndian
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { return nil }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return named == 0 ? UInt16(bigEndian: address.sin_port) : nil
    }
}
