import Foundation

/// One HTTP request made with the host's curl command, for tests and fixtures that check what a
/// server answers (a status, a header such as `WWW-Authenticate`) without an HTTP stack of their
/// own. curl speaks TLS with a private CA (`--cacert`) and HTTP/2, as the registry's TLS port does.
public enum HTTPProbe {
    /// What the server answered. `status` is 0 when nothing answered (refused, timed out).
    public struct Response: Sendable {
        public var status: Int
        /// Header names in lower case (HTTP/2 sends them so; HTTP/1.1 names are folded).
        public var headers: [String: String]
        public var body: String
    }

    /// `GET url`, optionally trusting `caCertificatePath`, with Basic `credentials` or extra
    /// `headers` ("Name: value").
    public static func get(_ url: String, caCertificatePath: String? = nil, credentials: RegistryCredentials? = nil,
                           headers: [String] = [], timeoutSeconds: Int = 5) throws -> Response {
        try request(url, caCertificatePath: caCertificatePath, credentials: credentials, headers: headers,
                     timeoutSeconds: timeoutSeconds, extra: [])
    }

    /// `POST url` with an `application/x-www-form-urlencoded` body (an OAuth2 token request).
    public static func post(_ url: String, form: [(String, String)], caCertificatePath: String? = nil,
                            timeoutSeconds: Int = 5) throws -> Response {
        try request(url, caCertificatePath: caCertificatePath, credentials: nil, headers: [],
                    timeoutSeconds: timeoutSeconds, extra: form.flatMap { ["--data-urlencode", "\($0.0)=\($0.1)"] })
    }

    private static func request(_ url: String, caCertificatePath: String?, credentials: RegistryCredentials?,
                                headers: [String], timeoutSeconds: Int, extra: [String]) throws -> Response {
        guard let curl = HostTools.executable("curl") else {
            throw TemporaryDirectoryError(message: "curl is not installed (apt-get install curl)")
        }
        let scratch = try TemporaryDirectory(prefix: "http")
        var arguments = ["-sS", "--max-time", String(timeoutSeconds), "-o", scratch.appending("body"),
                         "-D", scratch.appending("headers"), "-w", "%{http_code}"]
        if let caCertificatePath { arguments += ["--cacert", caCertificatePath] }
        if let credentials { arguments += ["-u", credentials.colonSeparated] }
        for header in headers { arguments += ["-H", header] }
        let result = try HostProcess.run(curl, arguments + extra + [url])
        let status = Int(String(decoding: result.stdout, as: UTF8.self)) ?? 0
        let headerText = (try? TestFiles.readText(scratch.appending("headers"))) ?? ""
        let body = (try? TestFiles.readText(scratch.appending("body"))) ?? ""
        return Response(status: status, headers: parseHeaders(headerText), body: body)
    }

    /// "Name: value" lines after the status line; a repeated name keeps its last value.
    static func parseHeaders(_ text: String) -> [String: String] {
        var headers: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return headers
    }
}
