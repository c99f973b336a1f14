import Explain
import OCI

/// What a registry serves under a tag, proved the way a pull proves it but with nothing kept:
/// the manifest's bytes hash to the digest the registry names for them, and every blob the
/// manifest references (the config, then each layer) hashes to its descriptor's digest and has
/// its size. A registry's word (a `Docker-Content-Digest` header, a `HEAD` that says 200) is
/// never taken for the bytes.
public struct ServedImage: Sendable {
    /// The digest of the manifest's bytes as served.
    public let manifest: Digest
    public let config: Digest
    public let layers: [Digest]
}

/// Which object of a served image could not be proved, and the registry client's reason.
public struct ServedImageFailure: Error, Sendable {
    public enum Object: Sendable {
        /// Nothing answered as a registry (`GET /v2/` failed).
        case registry
        case manifest
        case config(Digest)
        case layer(Digest)
    }

    public let object: Object
    public let error: RegistryError
}

extension RegistryClient {
    /// Fetches `reference`'s manifest and every blob it names, hashing each as it streams in.
    /// The first object that fails stops the proof: a later blob proves nothing about the image.
    public func proveServed(_ reference: ImageReference) throws(ServedImageFailure) -> ServedImage {
        do { try ping() } catch { throw ServedImageFailure(object: .registry, error: error) }
        let fetched: FetchedManifest
        do {
            fetched = try manifest(reference, events: events)
        } catch {
            throw ServedImageFailure(object: .manifest, error: error)
        }
        guard case let .manifest(image) = fetched.kind else {
            throw ServedImageFailure(object: .manifest, error: RegistryError(
                .unsupported, "\(reference) is an index of several platforms' images, not one image's manifest"))
        }
        let blobs = [(image.config, ServedImageFailure.Object.config(image.config.digest))]
            + image.layers.map { ($0, ServedImageFailure.Object.layer($0.digest)) }
        for (descriptor, object) in blobs {
            do {
                try verifyBlob(descriptor, repository: reference.repository)
            } catch {
                throw ServedImageFailure(object: object, error: error)
            }
        }
        return ServedImage(manifest: fetched.descriptor.digest, config: image.config.digest, layers: image.layers.map(\.digest))
    }
}
