import Foundation

/// `scripts/registry-fault-proxy` in front of a test registry: the same registry, misbehaving on
/// purpose (cut, corrupted, slow, rate-limited or redirected blobs; huge or misnamed manifests),
/// so a client's retries, resumes and refusals are tested against real answers.
public final class RegistryFaultProxy: Sendable {
    /// `127.0.0.1:PORT`: use it as the registry host in references.
    public let host: String
    public let logPath: String
    private let server: BackgroundServer

    /// One request the proxy saw.
    public struct Request: Decodable, Sendable {
        public let method: String
        public let path: String
        public let status: Int?
        public let authorization: Bool
        public let range: String?
        public let redirected: Bool?
        /// Came in absolute form, through `http_proxy`.
        public let proxied: Bool?
    }

    public static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/registry-fault-proxy").path
    }

    /// Starts the proxy for `registry` with faults such as `cut-blob:2` or `status-blob:429`.
    public init(for registry: TestRegistry, faults: [String]) throws {
        guard let python = HostTools.executable("python3") else {
            throw TemporaryDirectoryError(message: "python3 is not installed (apt-get install python3)")
        }
        let directory = try registry.makeScratchDirectory("fault-proxy")
        logPath = directory + "/requests.log"
        let portFile = directory + "/port"
        let arguments = [Self.script, "--upstream", "http://\(registry.host)", "--port-file", portFile, "--log", logPath]
            + faults.flatMap { ["--fault", $0] }
        server = try BackgroundServer(python, arguments, logPath: directory + "/proxy.log")
        host = "127.0.0.1:\(try server.waitForPortFile(portFile, what: "the fault proxy"))"
    }

    deinit { server.stop() }

    /// Every request so far, oldest first.
    public func requests() throws -> [Request] {
        guard let text = try? String(contentsOfFile: logPath, encoding: .utf8) else { return [] }
        return try text.split(separator: "\n").map { try JSONDecoder().decode(Request.self, from: Data($0.utf8)) }
    }
}
