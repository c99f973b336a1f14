import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// What the host bound to 127.0.0.1 only must stay out of a container's reach (CVE-2020-8558),
/// even though the bridge has `route_localnet` for published ports on 127.0.0.1. The probe
/// (Tests/Probes/localnet.c) hand-builds frames for the gateway's MAC, as an attacker with the
/// default CAP_NET_RAW would; a control datagram to the gateway's own address must arrive.
@Suite("The host's loopback is out of a container's reach", .serialized,
       .enabled(if: Privileges.canRunContainers, "needs root and /bin/busybox (busybox-static) to run real containers"))
struct LoopbackIsolationTests {
    let directory: TemporaryDirectory
    let dockyard: DockyardProcess

    init() throws {
        directory = try TemporaryDirectory(prefix: "loopback")
        dockyard = DockyardProcess(root: directory.appending("root"))
    }

    @Test("a datagram for 127.0.0.1, or from it, sent by hand to the bridge never reaches the host")
    func loopbackFromBridge() throws {
        let listener = try UDPListener()
        let result = try dockyard.run(["run", "--rm"] + ProbeProgram.mountFlags("localnet")
                                      + ["busybox", "/probe", String(listener.port)])
        #expect(result.status == 0 && result.stdout.contains("sent"), "\(result.stderr)")
        let received = listener.receiveAll(for: 1.5)
        #expect(received.contains("CONTROL"), "the probe's path to the host did not work at all: \(received)")
        #expect(!received.contains("LOCALNET"), "a container reached the host's 127.0.0.1: \(received)")
        #expect(!received.contains("SPOOFED"), "a container posed as the host's loopback: \(received)")
    }
}

/// A UDP socket on every host address (127.0.0.1 included) and a free port.
final class UDPListener {
    let socket: Int32
    let port: UInt16

    init() throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        self.socket = socket
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = 0
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0
            }
        }
        port = UInt16(bigEndian: address.sin_port)
        guard socket >= 0, bound else { throw ProbeError(message: "cannot bind a UDP socket: errno \(errno)") }
    }

    deinit { close(socket) }

    /// Every datagram's text that arrives within `seconds`.
    func receiveAll(for seconds: Double) -> [String] {
        var texts: [String] = []
        let end = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 512)
        while Date() < end {
            var ready = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&ready, 1, Int32(max(1, end.timeIntervalSinceNow * 1000))) > 0 else { continue }
            let count = recv(socket, &buffer, buffer.count, 0)
            if count > 0 { texts.append(String(decoding: buffer[0..<count], as: UTF8.self)) }
        }
        return texts
    }
}
