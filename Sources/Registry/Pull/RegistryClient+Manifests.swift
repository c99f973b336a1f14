import Explain
import OCI

extension RegistryClient {
    /// The scope a pull asks a token for: `repository:library/busybox:pull`.
    static func pullScope(_ repository: String) -> String { "repository:\(repository):pull" }

    /// `GET /v2/<name>/manifests/<tag or digest>` with every manifest type in `Accept`, then the
    /// checks: at most 4 MiB, its digest equal to the one asked for (a pull by digest) and to the
    /// registry's `Docker-Content-Digest`. The bytes are kept exactly: re-encoding would change
    /// the digest.
    public func manifest(_ reference: ImageReference, selector: String? = nil, events: any EventSink) throws(RegistryError) -> FetchedManifest {
        let wanted = selector ?? reference.digest?.string ?? reference.tag ?? ImageReference.defaultTag
        let request = HTTPRequest("GET", try url("/v2/\(reference.repository)/manifests/\(wanted)"),
                                  headers: [("Accept", FetchedManifest.acceptedTypes.joined(separator: ", "))])
        let response = try send(request, scopes: [Self.pullScope(reference.repository)])
        guard response.isSuccess else {
            throw failure(response, "manifest for \(reference.name):\(wanted)", reference: reference)
        }
        let digest = Digest.sha256(of: response.body)
        if let pinned = try? Digest(parsing: wanted), pinned != digest {
            throw RegistryError(.verification, "manifest for \(reference.name)@\(pinned) hashes to \(digest): the registry sent other bytes than asked for; refused")
        }
        if let header = response.header("Docker-Content-Digest"), let said = try? Digest(parsing: header.trimmingLineEnd()), said != digest {
            throw RegistryError(.verification, "manifest for \(reference.name):\(wanted) hashes to \(digest), but the registry says \(said); refused")
        }
        let fetched = try FetchedManifest(bytes: response.body, servedType: response.header("Content-Type"), digest: digest)
        events.emit(Event(.contentVerified(what: fetched.isIndex ? "index" : "manifest", digest: digest.string,
                                           mediaType: fetched.descriptor.mediaType, size: fetched.descriptor.size)))
        return fetched
    }
}

extension FetchedManifest {
    var isIndex: Bool {
        if case .index = kind { return true }
        return false
    }
}
