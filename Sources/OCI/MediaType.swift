/// The media types of the OCI image spec: what kind of document or blob a descriptor points to.
///
/// A descriptor's `mediaType` tells a reader how to interpret the bytes behind a digest:
/// a manifest, an index, an image config, or a layer tarball (plain or gzip-compressed).
public enum MediaType {
    public static let imageIndex = "application/vnd.oci.image.index.v1+json"
    public static let imageManifest = "application/vnd.oci.image.manifest.v1+json"
    public static let imageConfig = "application/vnd.oci.image.config.v1+json"
    /// An uncompressed layer: a tar changeset. Dockyard writes these (hashing is 40× faster than gzip).
    public static let layerTar = "application/vnd.oci.image.layer.v1.tar"
    /// A gzip-compressed layer, the usual form in registries; Dockyard reads it.
    public static let layerTarGzip = "application/vnd.oci.image.layer.v1.tar+gzip"

    /// A zstd-compressed layer (containerd and BuildKit can push these); Dockyard reads it.
    public static let layerTarZstd = "application/vnd.oci.image.layer.v1.tar+zstd"

    /// Docker's own types, found in images saved by `docker save`.
    public static let dockerManifest = "application/vnd.docker.distribution.manifest.v2+json"
    public static let dockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json"
    public static let dockerConfig = "application/vnd.docker.container.image.v1+json"
    public static let dockerLayerTarGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip"
    /// An uncompressed Docker layer: what containerd's `ctr images import` of a `docker save` tar names its layers.
    public static let dockerLayerTar = "application/vnd.docker.image.rootfs.diff.tar"

    /// True for the gzip-compressed layer types, OCI's and Docker's.
    public static func isGzipLayer(_ type: String) -> Bool {
        type == layerTarGzip || type == dockerLayerTarGzip
    }

    /// True for the layer media types Dockyard can unpack (tar, tar+gzip, tar+zstd, OCI or Docker).
    public static func isLayer(_ type: String) -> Bool {
        type == layerTar || type == layerTarGzip || type == layerTarZstd || type == dockerLayerTarGzip
            || type == dockerLayerTar
    }

    /// The same kind of blob named in the family of `manifestType`: Docker's types in a Docker
    /// schema 2 manifest, OCI's in an OCI manifest. A manifest names its config and layers in its
    /// own family (umoci refuses a Docker config or layer in an OCI manifest; Docker's schema 2
    /// has no OCI types); the bytes are the same either way, only the name differs. A type
    /// without a counterpart (zstd, foreign blobs) is kept.
    public static func named(_ type: String, inFamilyOf manifestType: String) -> String {
        let pairs = [(imageConfig, dockerConfig), (layerTar, dockerLayerTar), (layerTarGzip, dockerLayerTarGzip)]
        if manifestType == dockerManifest {
            return pairs.first { $0.0 == type }?.1 ?? type
        }
        return pairs.first { $0.1 == type }?.0 ?? type
    }
}
