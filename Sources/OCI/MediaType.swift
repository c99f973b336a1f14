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

    /// True for the gzip-compressed layer types, OCI's and Docker's.
    public static func isGzipLayer(_ type: String) -> Bool {
        type == layerTarGzip || type == dockerLayerTarGzip
    }

    /// True for the layer media types Dockyard can unpack (tar, tar+gzip, tar+zstd, OCI or Docker).
    public static func isLayer(_ type: String) -> Bool {
        type == layerTar || type == layerTarGzip || type == layerTarZstd || type == dockerLayerTarGzip
            || type == "application/vnd.docker.image.rootfs.diff.tar"
    }
}
