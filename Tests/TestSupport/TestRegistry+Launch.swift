import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Starting `docker-registry serve` and the files it reads: the config, the htpasswd file and,
/// for clients, the CA laid out as a certs.d directory.
extension TestRegistry {
    /// Starts the registry on a free port and waits for `GET /v2/` to answer. A port can be taken
    /// between our choosing it and the registry binding it; then it tries another, three times.
    static func serve(in directory: String, tls: TestCertificateAuthority.KeyPair?, auth: Configuration.Auth,
                      caCertificatePath: String?) throws -> (BackgroundServer, UInt16) {
        guard let program = HostTools.executable("docker-registry") else {
            throw TemporaryDirectoryError(message: unavailableReason ?? "docker-registry is not installed")
        }
        var lastLog = ""
        for attempt in 1...3 {
            let port = try LoopbackPort.free()
            let config = "\(directory)/config.yml"
            try Configuration.yaml(port: port, storage: directory + "/storage", tls: tls, auth: auth)
                .write(toFile: config, atomically: true, encoding: .utf8)
            let server = try BackgroundServer(program, ["serve", config], logPath: "\(directory)/registry-\(attempt).log")
            let url = (tls == nil ? "http" : "https") + "://127.0.0.1:\(port)/v2/"
            if try server.waitUntilAnswering(url, caCertificatePath: caCertificatePath) {
                return (server, port)
            }
            server.stop()
            lastLog = server.log
            guard lastLog.contains("address already in use") else { break }
        }
        throw TemporaryDirectoryError(message: "docker-registry did not start: \(lastLog)")
    }

    /// `htpasswd -Bbn USER PASSWORD` into `DIRECTORY/htpasswd`: distribution reads bcrypt entries only.
    static func writeHtpasswd(_ credentials: RegistryCredentials?, in directory: String) throws -> String {
        guard let credentials, let htpasswd = HostTools.executable("htpasswd") else {
            throw TemporaryDirectoryError(message: unavailableReason ?? "no credentials for htpasswd")
        }
        let result = try HostProcess.run(htpasswd, ["-Bbn", credentials.username, credentials.password])
        guard result.status == 0 else { throw TemporaryDirectoryError(message: "htpasswd failed: \(result.stderr)") }
        let path = directory + "/htpasswd"
        try Data(result.stdout).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// `DIRECTORY/certs.d/HOST/ca.crt`, the layout Docker reads from /etc/docker/certs.d.
    static func certsDirectory(for host: String, ca: TestCertificateAuthority, in directory: String) throws -> String {
        let path = "\(directory)/certs.d/\(host)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: ca.root.certificatePath, toPath: path + "/ca.crt")
        return path
    }
}
