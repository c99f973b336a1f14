import Foundation

/// A private certificate authority for one test, made with the openssl command: the CA
/// certificate is what a client is told to trust (Docker's `/etc/docker/certs.d/HOST:PORT/ca.crt`,
/// curl's `--cacert`, skopeo's `--cert-dir`), and it signs server certificates for 127.0.0.1.
/// Keys are EC P-256 (made in milliseconds); everything is valid for two days.
public struct TestCertificateAuthority: Sendable {
    /// A certificate and its private key, both PEM files.
    public struct KeyPair: Sendable {
        public let certificatePath: String
        public let keyPath: String
    }

    /// `ca.crt` and `ca.key` in the directory given at creation.
    public let root: KeyPair

    /// Makes the CA's key and self-signed certificate in `directory`.
    public init(in directory: String) throws {
        root = KeyPair(certificatePath: directory + "/ca.crt", keyPath: directory + "/ca.key")
        try Self.openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                          "-keyout", root.keyPath, "-out", root.certificatePath, "-days", "2",
                          "-subj", "/CN=Dockyard test CA",
                          "-addext", "basicConstraints=critical,CA:TRUE",
                          "-addext", "keyUsage=critical,keyCertSign,cRLSign"])
    }

    /// A server certificate signed by this CA, `NAME.crt` and `NAME.key` in `directory`. Clients
    /// check the name they dialled against the subjectAltName (Go and curl ignore the CN), so it
    /// names both `localhost` and the address `127.0.0.1`.
    public func issueServerCertificate(in directory: String, name: String = "server") throws -> KeyPair {
        let pair = KeyPair(certificatePath: "\(directory)/\(name).crt", keyPath: "\(directory)/\(name).key")
        let request = "\(directory)/\(name).csr", extensions = "\(directory)/\(name).ext"
        try """
            subjectAltName=DNS:localhost,IP:127.0.0.1
            basicConstraints=CA:FALSE
            keyUsage=critical,digitalSignature
            extendedKeyUsage=serverAuth

            """.write(toFile: extensions, atomically: false, encoding: .utf8)
        try Self.openssl(["req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                          "-keyout", pair.keyPath, "-out", request, "-subj", "/CN=localhost"])
        try Self.openssl(["x509", "-req", "-in", request, "-CA", root.certificatePath, "-CAkey", root.keyPath,
                          "-set_serial", "0x" + String(UInt64.random(in: 1...UInt64.max), radix: 16),
                          "-days", "2", "-extfile", extensions, "-out", pair.certificatePath])
        return pair
    }

    /// A self-signed RSA key pair, `NAME.crt` and `NAME.key` in `directory`: what a token service
    /// signs RS256 tokens with, and what the registry trusts as its `rootcertbundle`.
    public static func selfSignedRSA(in directory: String, name: String, subject: String) throws -> KeyPair {
        let pair = KeyPair(certificatePath: "\(directory)/\(name).crt", keyPath: "\(directory)/\(name).key")
        try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", pair.keyPath,
                     "-out", pair.certificatePath, "-days", "2", "-subj", "/CN=\(subject)"])
        return pair
    }

    /// Runs `openssl ARGUMENTS...`, throwing its stderr if it fails.
    static func openssl(_ arguments: [String]) throws {
        guard let openssl = HostTools.executable("openssl") else {
            throw TemporaryDirectoryError(message: "openssl is not installed (apt-get install openssl)")
        }
        let result = try HostProcess.run(openssl, arguments)
        guard result.status == 0 else {
            throw TemporaryDirectoryError(message: "openssl \(arguments.prefix(2).joined(separator: " ")) failed: \(result.stderr)")
        }
    }
}
