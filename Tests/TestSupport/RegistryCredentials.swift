/// A user name and password a test registry or its token service accepts: what `docker login`
/// asks for, sent as HTTP Basic to a Basic-auth registry or to a token service.
public struct RegistryCredentials: Sendable, Equatable {
    public var username: String
    public var password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    /// `USER:PASSWORD`, as skopeo's `--creds`, curl's `-u` and htpasswd files spell it.
    public var colonSeparated: String { "\(username):\(password)" }
}
