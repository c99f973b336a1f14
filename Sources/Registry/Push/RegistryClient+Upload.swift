import Explain
import OCI

extension RegistryClient {
    /// The scope a push asks a token for: `repository:team/app:pull,push`.
    static func pushScope(_ repository: String) -> String { "repository:\(repository):pull,push" }

    /// How a blob came to be in the target repository.
    public enum UploadOutcome: Sendable, Equatable {
        /// The repository had it already (`HEAD` answered 200): nothing sent.
        case exists
        /// The registry linked it from another repository it holds (`?mount=…&from=…`): nothing sent.
        case mounted(from: String)
        /// Sent: `POST …/blobs/uploads/`, then one `PUT <location>?digest=…` with the bytes.
        case uploaded
    }

    /// Puts one blob (a file in the store) into `repository`, the cheapest way the registry allows.
    public func upload(_ descriptor: Descriptor, from path: String, repository: String, mountFrom: String?,
                       progress: @escaping (Int64) -> Void = { _ in }) throws(RegistryError) -> UploadOutcome {
        let scopes = [Self.pushScope(repository)]
        if try hasBlob(descriptor.digest, repository: repository, scopes: scopes) { return .exists }

        var location: String
        if let source = mountFrom, source != repository {
            let mountScopes = scopes + ["repository:\(source):pull"]
            let query = URLText.query([("mount", descriptor.digest.string), ("from", source)])
            let response = try send(HTTPRequest("POST", try url("/v2/\(repository)/blobs/uploads/?\(query)")), scopes: mountScopes)
            if response.status == 201 { return .mounted(from: source) }
            guard response.status == 202, let started = response.header("Location") else {
                throw failure(response, "mounting blob \(descriptor.digest) from \(source)", pushing: true)
            }
            location = started
        } else {
            let response = try send(HTTPRequest("POST", try url("/v2/\(repository)/blobs/uploads/")), scopes: scopes)
            guard response.status == 202, let started = response.header("Location") else {
                throw failure(response, "starting the upload of blob \(descriptor.digest)", pushing: true)
            }
            location = started
        }
        let target = URLText.appending([("digest", descriptor.digest.string)], to: URLText.resolve(location, against: try url("/v2/")))
        // Upload URLs carry their own state and are good for one PUT: not retried blindly.
        let put = HTTPRequest("PUT", target, headers: [("Content-Type", "application/octet-stream")],
                              body: .file(path: path, length: descriptor.size))
        let response = try send(put, scopes: scopes, retrying: false, uploadProgress: progress)
        guard response.status == 201 else {
            throw failure(response, "uploading blob \(descriptor.digest)", pushing: true)
        }
        return .uploaded
    }

    /// `PUT /v2/<name>/manifests/<tag>` with the manifest's own media type; the registry's
    /// `Docker-Content-Digest` must be the digest of the bytes sent.
    public func putManifest(_ bytes: [UInt8], mediaType: String, repository: String, tag: String) throws(RegistryError) -> Digest {
        let digest = Digest.sha256(of: bytes)
        let request = HTTPRequest("PUT", try url("/v2/\(repository)/manifests/\(tag)"),
                                  headers: [("Content-Type", mediaType)], body: .bytes(bytes))
        let response = try send(request, scopes: [Self.pushScope(repository)])
        guard response.status == 201 else {
            throw failure(response, "manifest \(repository):\(tag)", pushing: true)
        }
        if let header = response.header("Docker-Content-Digest"), let said = try? Digest(parsing: header.trimmingLineEnd()), said != digest {
            throw RegistryError(.verification, "the registry stored manifest \(repository):\(tag) as \(said), but the bytes sent hash to \(digest)")
        }
        return digest
    }
}
