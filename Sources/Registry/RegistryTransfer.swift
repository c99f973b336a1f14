import Explain
import ImageStore
import OCI

/// What a pull or a push works with: the image store on this side, the user's registry settings
/// and credentials for the other side, and where the story goes (`--explain` events, Docker's
/// progress lines).
public struct RegistryTransfer: Sendable {
    public let store: ImageStore
    public let settings: RegistrySettings
    public let credentials: CredentialStore
    public let events: any EventSink
    public let progress: PullProgress

    public init(store: ImageStore, settings: RegistrySettings, credentials: CredentialStore,
                events: any EventSink, progress: PullProgress) {
        self.store = store
        self.settings = settings
        self.credentials = credentials
        self.events = events
        self.progress = progress
    }

    /// A client for the reference's registry, with the user's credentials for it.
    public func client(for reference: ImageReference) throws(RegistryError) -> RegistryClient {
        let endpoint = RegistryEndpoint(registry: reference.registry, settings: settings)
        return RegistryClient(endpoint: endpoint, credentials: try credentials.credentials(for: reference.registry), events: events)
    }
}
