import FoundationEssentials
import OCI

/// A manifest or index exactly as the registry sent it: the bytes (whose digest names it), the
/// media type it was served as, and which of the four document kinds it is.
public struct FetchedManifest: Sendable {
    public let bytes: [UInt8]
    public let descriptor: Descriptor
    public let kind: Kind

    public enum Kind: Sendable {
        /// One image for one platform (OCI manifest or Docker schema 2).
        case manifest(ImageManifest)
        /// Several images, one per platform (OCI index or Docker manifest list).
        case index(ImageIndex)
    }

    /// What a pull asks for, in the order Docker asks: every type Dockyard can read.
    static let acceptedTypes = [
        MediaType.imageIndex, MediaType.imageManifest, MediaType.dockerManifestList, MediaType.dockerManifest,
    ]

    /// Reads a document by its served media type (or, for registries that send a generic type,
    /// by its own `mediaType` field and shape). Docker's schema 1 is refused by name.
    init(bytes: [UInt8], servedType: String?, digest: Digest) throws(RegistryError) {
        struct Probe: Decodable {
            var schemaVersion: Int?
            var mediaType: String?
            var manifests: [Descriptor]?
            var layers: [Descriptor]?
        }
        guard let probe = try? JSONDecoder().decode(Probe.self, from: Data(bytes)) else {
            throw RegistryError(.server, "manifest \(digest) is not JSON")
        }
        if probe.schemaVersion == 1 {
            throw RegistryError(.unsupported, "manifest \(digest) is Docker's schema 1, which Docker itself no longer pulls; push the image again with a current tool")
        }
        let served = servedType.map { String($0.prefix { $0 != ";" }).trimmingLineEnd() }
        let type = [served, probe.mediaType].compactMap { $0 }.first { FetchedManifest.acceptedTypes.contains($0) }
            ?? (probe.manifests != nil ? MediaType.imageIndex : MediaType.imageManifest)
        do {
            if type == MediaType.imageIndex || type == MediaType.dockerManifestList {
                kind = .index(try CanonicalJSON.decode(ImageIndex.self, from: bytes, what: "index \(digest)"))
            } else {
                kind = .manifest(try CanonicalJSON.decode(ImageManifest.self, from: bytes, what: "manifest \(digest)"))
            }
        } catch {
            throw RegistryError(.server, "\(error)")
        }
        self.bytes = bytes
        self.descriptor = Descriptor(mediaType: type, digest: digest, size: Int64(bytes.count))
    }
}
