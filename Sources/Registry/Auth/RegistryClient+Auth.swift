import Explain
import FoundationEssentials

extension RegistryClient {
    /// The Authorization value for these scopes: Basic as is, or a bearer token from the cache or
    /// from the token service the challenge names; nil when the registry asked for nothing.
    func authorization(for scopes: [String]) throws(RegistryError) -> String? {
        let challenge = state.withLock { $0.challenge }
        guard let challenge else { return nil }
        switch challenge.scheme {
        case .basic:
            guard let credentials, !credentials.username.isEmpty else { return nil }
            try checkCredentialsMayTravel(to: try url("/v2/"))
            return credentials.basicAuthorization
        case .bearer:
            let key = scopes.sorted().joined(separator: " ")
            let now = Self.now()
            if let token = state.withLock({ $0.tokens[key] }), token.isValid(at: now) {
                return "Bearer " + token.value
            }
            let token = try requestToken(challenge, scopes: scopes)
            state.withLock { $0.tokens[key] = token }
            return "Bearer " + token.value
        }
    }

    /// Asks the token service for a token: by GET with Basic credentials (or none, for anonymous
    /// pulls), or by the OAuth2 POST form when an identity token from an earlier login exists.
    func requestToken(_ challenge: AuthChallenge, scopes: [String], offline: Bool = false) throws(RegistryError) -> BearerToken {
        guard let realm = challenge.realm, let scheme = URLText.scheme(of: realm), scheme == "https" || scheme == "http" else {
            throw RegistryError(.server, "\(endpoint.name) asked for a bearer token without a usable realm")
        }
        let service = challenge.service ?? endpoint.host
        // Credentials to a realm in clear text across a network: refused, not sent and not dropped.
        if credentials != nil { try checkCredentialsMayTravel(to: realm) }
        var request: HTTPRequest
        if let identityToken = credentials?.identityToken {
            var form = [("grant_type", "refresh_token"), ("service", service), ("client_id", "dockyard"),
                        ("refresh_token", identityToken)]
            if !scopes.isEmpty { form.append(("scope", scopes.joined(separator: " "))) }
            request = HTTPRequest("POST", realm, headers: [("Content-Type", "application/x-www-form-urlencoded")],
                                  body: .bytes(Array(URLText.query(form).utf8)))
        } else {
            var query = [("service", service)] + scopes.map { ("scope", $0) }
            if let credentials, !credentials.username.isEmpty {
                query.append(("account", credentials.username))
                if offline { query += [("offline_token", "true"), ("client_id", "dockyard")] }
            }
            request = HTTPRequest("GET", URLText.appending(query, to: realm))
            if let credentials, !credentials.username.isEmpty {
                request = request.adding("Authorization", credentials.basicAuthorization)
            }
        }
        let response = try tokenExchange(request)
        guard response.isSuccess else {
            if response.status == 401 || response.status == 403 {
                throw RegistryError(.unauthorized, "Get \"\(realm)\": unauthorized: the token service refused "
                    + (credentials == nil ? "an anonymous request" : "the credentials for \(endpoint.name)"))
            }
            throw RegistryError(.server, "the token service \(realm) answered HTTP \(response.status)")
        }
        let token = try BearerToken(answer: response.body, now: Self.now())
        events.emit(Event(.registryToken(realm: realm, service: service, scopes: scopes, expiresIn: token.expiresIn)))
        return token
    }

    /// The token service lives at its own origin and keeps no redirects: one exchange, with retries.
    private func tokenExchange(_ request: HTTPRequest) throws(RegistryError) -> HTTPResponse {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try http.send(request, tls: endpoint.tls).observed(request, by: events)
            } catch where error.isRetryable && attempt < attempts {
                continue
            }
        }
    }

    /// Credentials go over HTTPS only, or to a loopback address; never in clear across a network.
    func checkCredentialsMayTravel(to url: String) throws(RegistryError) {
        guard URLText.scheme(of: url) == "http" else { return }
        let host = URLText.host(of: url) ?? ""
        guard RegistryEndpoint.isLoopback(host) else {
            throw RegistryError(.credentials, "refusing to send credentials for \(endpoint.name) to \(url): it is plain HTTP and not on this machine")
        }
    }

    /// Logs in: checks the credentials against the registry (a token for no scope, or Basic on
    /// `/v2/`) and returns them, with the identity token the service gave when it gave one.
    public func login() throws(RegistryError) -> Credentials {
        guard var credentials else { throw RegistryError(.credentials, "login needs a user name and a password") }
        try ping()
        let challenge = state.withLock { $0.challenge }
        switch challenge?.scheme {
        case .bearer?:
            let token = try requestToken(challenge!, scopes: [], offline: true)
            if let refresh = token.refreshToken { credentials.identityToken = refresh }
        case .basic?:
            let response = try send(HTTPRequest("GET", try url("/v2/")), scopes: [])
            guard response.isSuccess else {
                throw RegistryError(.unauthorized, "Get \"\(try url("/v2/"))\": unauthorized: incorrect username or password")
            }
        case nil:
            break  // The registry asks for nothing: any credentials "work", as with Docker.
        }
        return credentials
    }
}

extension HTTPResponse {
    /// Tells the exchange as an event (the URL only: secrets travel in headers and bodies, never
    /// in the query), returning the response unchanged.
    func observed(_ request: HTTPRequest, by events: any EventSink) -> HTTPResponse {
        events.emit(Event(.httpExchange(method: request.method, url: request.url, status: status,
                                        detail: "HTTP/\(httpVersion), token service")))
        return self
    }
}
