import Foundation

/// skopeo against a test registry: pushing images into it (to seed what a client will pull) and
/// reading manifests back (to check what a client pushed), with the flags each mode needs:
/// plain HTTP (`--tls-verify=false`), the test CA (`--cert-dir`, verification on), credentials.
extension TestRegistry {
    /// Who a skopeo call acts as.
    public enum Caller: Sendable {
        /// The registry's own user (`credentials`), or nobody when it has no auth.
        case registryUser
        /// No credentials at all, not even ones stored on this host.
        case anonymous
        case user(RegistryCredentials)
    }

    /// Why skopeo cannot be used here, or nil.
    public static var skopeoUnavailableReason: String? {
        HostTools.executable("skopeo") == nil ? "needs skopeo (apt-get install skopeo, or scripts/install-deps)" : nil
    }

    /// Copies the image tagged `tag` in the OCI layout at `ociLayout` to `REPOSITORY[:TAG]` here,
    /// digests unchanged (`--preserve-digests`: skopeo would otherwise compress an uncompressed
    /// layer). Returns the pushed manifest's digest.
    @discardableResult
    public func push(ociLayout: String, tag: String = "latest", to reference: String, as caller: Caller = .registryUser) throws -> String {
        let scratch = try TemporaryDirectory(prefix: "skopeo")
        let digestFile = scratch.appending("digest")
        try skopeoChecked(["copy", "--quiet", "--preserve-digests", "--digestfile", digestFile]
                          + flags(prefix: "dest-", as: caller)
                          + ["oci:\(ociLayout):\(tag)", "docker://\(host)/\(reference)"])
        return try TestFiles.readText(digestFile).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The manifest (or index) of `REPOSITORY:TAG` or `REPOSITORY@DIGEST`, exactly as the registry serves it.
    public func rawManifest(_ reference: String, as caller: Caller = .registryUser) throws -> String {
        let result = try skopeoChecked(["inspect", "--raw"] + flags(prefix: "", as: caller) + ["docker://\(host)/\(reference)"])
        return String(decoding: result.stdout, as: UTF8.self)
    }

    /// `skopeo ARGUMENTS...`, whatever it answers (for tests that expect a refusal).
    public func skopeo(_ arguments: [String]) throws -> HostProcess.Result {
        guard let skopeo = HostTools.executable("skopeo") else {
            throw TemporaryDirectoryError(message: Self.skopeoUnavailableReason ?? "no skopeo")
        }
        return try HostProcess.run(skopeo, arguments)
    }

    /// The flags that reach this registry as `caller`; `prefix` is "dest-" or "src-" for copy, "" for inspect.
    public func skopeoFlags(_ prefix: String, as caller: Caller = .registryUser) -> [String] {
        flags(prefix: prefix, as: caller)
    }

    private func flags(prefix: String, as caller: Caller) -> [String] {
        var flags: [String]
        if let certificateDirectory {
            flags = ["--\(prefix)cert-dir", certificateDirectory]
        } else {
            flags = ["--\(prefix)tls-verify=false"]
        }
        let login: RegistryCredentials?
        switch caller {
        case .registryUser: login = credentials
        case .anonymous: login = nil
        case let .user(given): login = given
        }
        if let login {
            flags += ["--\(prefix)creds", login.colonSeparated]
        } else {
            flags += ["--\(prefix)no-creds"]
        }
        return flags
    }

    @discardableResult
    private func skopeoChecked(_ arguments: [String]) throws -> HostProcess.Result {
        let result = try skopeo(arguments)
        guard result.status == 0 else {
            throw TemporaryDirectoryError(message: "skopeo \(arguments.first ?? "") failed (\(mode)): \(result.stderr)")
        }
        return result
    }
}
