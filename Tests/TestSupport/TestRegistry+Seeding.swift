import Foundation

/// Images for a test registry to hold before a client pulls: a tiny one-layer image pushed
/// with skopeo, its digests known in advance.
extension TestRegistry {
    /// What `seed` pushed.
    public struct SeededImage: Sendable {
        /// `sha256:…` of the manifest: what `REPOSITORY@DIGEST` pins and `Docker-Content-Digest` says.
        public let manifestDigest: String
        /// The OCI layout it was pushed from (inside the registry's directory, removed with it).
        public let layoutPath: String
    }

    /// Pushes a one-layer image to `reference` (`REPOSITORY[:TAG]`): a gzip layer holding
    /// `/hello.txt` with `content`, so different contents make different images.
    @discardableResult
    public func seed(_ reference: String, content: String = "hello from a test registry\n",
                     as caller: Caller = .registryUser) throws -> SeededImage {
        let layout = try ImageArchiveFixture.ociLayoutDirectory(
            layers: [(ImageArchiveFixture.layer { $0.add("hello.txt", .file(Array(content.utf8))) }, gzip: true)],
            refName: "latest", in: try makeScratchDirectory("layout"))
        let digest = try push(ociLayout: layout, tag: "latest", to: reference, as: caller)
        return SeededImage(manifestDigest: digest, layoutPath: layout)
    }

    /// A fresh directory inside the registry's workspace (removed by `stop()`).
    public func makeScratchDirectory(_ prefix: String) throws -> String {
        let path = "\(workspacePath)/\(prefix)-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

extension ImageArchiveFixture {
    /// An OCI image layout as a directory (skopeo's `oci:DIR:TAG`), written in `directory`:
    /// `ociLayout`'s archive, unpacked by the host's tar.
    public static func ociLayoutDirectory(layers: [(bytes: [UInt8], gzip: Bool)], refName: String,
                                          in directory: String) throws -> String {
        guard let tar = HostTools.executable("tar") else { throw TemporaryDirectoryError(message: "tar is not installed") }
        let archive = try ociLayout(layers: layers, refName: refName)
        let result = try HostProcess.run(tar, ["-x", "-C", directory], input: archive)
        guard result.status == 0 else { throw TemporaryDirectoryError(message: "tar -x failed: \(result.stderr)") }
        return directory
    }
}
