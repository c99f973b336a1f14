/// The `oci-layout` file at the top of an OCI image layout: it says which layout version the
/// directory follows. umoci insists on exactly "1.0.0".
public struct ImageLayoutMarker: Codable, Sendable, Hashable {
    public var imageLayoutVersion: String

    public init(imageLayoutVersion: String = "1.0.0") {
        self.imageLayoutVersion = imageLayoutVersion
    }
}
