import CCurl
import HostSystem
#if canImport(Glibc)
import Glibc
#endif

/// Sends one HTTP request over libcurl (dlopened on first use) and returns its answer.
///
/// Redirects are never followed here: the caller gets the 3xx and chooses, so credentials meant
/// for a registry cannot travel to a storage host a redirect names. Each call makes its own
/// connection handle, so layers are fetched by several threads at once without sharing one.
public struct HTTPClient: Sendable {
    /// Extra trust for one host: Docker's `/etc/docker/certs.d/HOST:PORT/{ca.crt,client.cert,client.key}`.
    public struct TLSFiles: Sendable, Equatable {
        public var caFile: String?
        public var clientCertificate: String?
        public var clientKey: String?
        /// For a registry listed in `insecure-registries`: TLS without checking who answers.
        public var skipsVerification = false

        public init(caFile: String? = nil, clientCertificate: String? = nil, clientKey: String? = nil) {
            self.caFile = caFile
            self.clientCertificate = clientCertificate
            self.clientKey = clientKey
        }
    }

    /// Where a response body goes.
    public enum BodyDestination {
        /// Kept in memory, up to `limit` bytes; more is an error (a manifest over 4 MiB is refused).
        case memory(limit: Int)
        /// A successful answer's body handed over chunk by chunk; the closure returns false to
        /// abort. Another status's body (a redirect's, an error's JSON) is kept in memory instead.
        /// The closure also gets the status: a resumed download tells 206 (the rest) from 200 (all).
        case stream((_ status: Int, _ chunk: UnsafeRawBufferPointer) -> Bool)
    }

    public var userAgent: String

    public init(userAgent: String = "dockyard") {
        self.userAgent = userAgent
    }

    /// Performs the request. A transport failure throws `.transport`; any HTTP status is returned.
    public func send(_ request: HTTPRequest, tls: TLSFiles = TLSFiles(), resumeFrom: Int64 = 0,
                     body destination: BodyDestination = .memory(limit: 4 << 20),
                     uploadProgress: ((Int64) -> Void)? = nil) throws(RegistryError) -> HTTPResponse {
        let exchange = Exchange(destination: destination)
        exchange.uploadProgress = uploadProgress
        if case let .file(path, length) = request.body {
            guard let file = fopen(path, "rb") else {
                throw RegistryError(.store, "cannot read \(path) to upload it: \(String(cString: strerror(errno)))")
            }
            exchange.upload = file
            exchange.uploadLength = length
        }
        defer { if let file = exchange.upload { fclose(file) } }

        var lines = request.headers.map { "\($0.name): \($0.value)" }
        lines.append("User-Agent: \(userAgent)")
        var result = dy_http_result()
        let status = CStrings.withNullTerminated(lines) { headerPointers in
            withOptionalCString(tls.caFile) { caFile in
                withOptionalCString(tls.clientCertificate) { certificate in
                    withOptionalCString(tls.clientKey) { key in
                        request.method.withCString { method in
                            request.url.withCString { url in
                                withBodyBytes(request.body) { bytes, count in
                                    var raw = dy_http_request()
                                    raw.method = method
                                    raw.url = url
                                    raw.headers = headerPointers
                                    raw.header_count = lines.count
                                    raw.body = bytes
                                    raw.body_length = count
                                    if exchange.upload != nil {
                                        raw.body_source = { context, buffer, length in
                                            Exchange.from(context).read(into: buffer, length)
                                        }
                                        raw.body_source_length = exchange.uploadLength
                                    }
                                    raw.ca_file = caFile
                                    raw.client_certificate = certificate
                                    raw.client_key = key
                                    raw.skip_verify = tls.skipsVerification ? 1 : 0
                                    raw.resume_from = resumeFrom
                                    raw.connect_timeout_seconds = 30
                                    raw.low_speed_seconds = 60
                                    raw.context = Unmanaged.passUnretained(exchange).toOpaque()
                                    raw.body_sink = { context, data, length in
                                        Exchange.from(context).receive(data, length)
                                    }
                                    raw.header_sink = { context, line, length in
                                        Exchange.from(context).receiveHeader(line, length)
                                    }
                                    return dy_http_perform(&raw, &result)
                                }
                            }
                        }
                    }
                }
            }
        }
        if let failure = exchange.failure { throw failure }
        if status != 0 {
            let message = withUnsafeBytes(of: &result.message) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if result.transport_error == -1 { throw RegistryError(.library, message) }
            throw RegistryError(.transport, "\(request.method) \(request.url): \(message)")
        }
        var response = exchange.response
        response.status = Int(result.status)
        response.httpVersion = withUnsafeBytes(of: &result.http_version) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        return response
    }

    /// libcurl's version text, loading it: for `dockyard info` and error reports.
    public static var libraryVersion: String? {
        dy_curl_version().map { String(cString: $0) }
    }
}

/// The state one exchange's callbacks share: the answer so far, and the file being uploaded.
private final class Exchange {
    var response = HTTPResponse(status: 0, headers: [])
    let destination: HTTPClient.BodyDestination
    var failure: RegistryError?
    var upload: UnsafeMutablePointer<FILE>?
    var uploadLength: Int64 = 0
    var uploaded: Int64 = 0
    var uploadProgress: ((Int64) -> Void)?

    init(destination: HTTPClient.BodyDestination) {
        self.destination = destination
    }

    static func from(_ context: UnsafeMutableRawPointer?) -> Exchange {
        Unmanaged<Exchange>.fromOpaque(context!).takeUnretainedValue()
    }

    func receive(_ data: UnsafePointer<CChar>?, _ length: Int) -> Int {
        guard let data else { return length }
        let bytes = UnsafeRawBufferPointer(start: data, count: length)
        switch destination {
        case let .memory(limit):
            // An error answer's body is read whatever the limit, for its error codes.
            guard response.body.count + length <= limit else {
                failure = RegistryError(.unsupported, "the answer is over \(limit >> 20) MiB, too large to be a registry document; refused")
                return 0
            }
            response.body.append(contentsOf: bytes)
            return length
        case let .stream(sink):
            guard (200..<300).contains(response.status) else {
                if response.body.count < 64 << 10 { response.body.append(contentsOf: bytes) }
                return length
            }
            return sink(response.status, bytes) ? length : 0
        }
    }

    func receiveHeader(_ line: UnsafePointer<CChar>?, _ length: Int) {
        guard let line else { return }
        response.receiveHeaderLine(String(decoding: UnsafeRawBufferPointer(start: line, count: length), as: UTF8.self))
    }

    func read(into buffer: UnsafeMutablePointer<CChar>?, _ length: Int) -> Int {
        guard let upload, let buffer else { return 0 }
        let n = fread(buffer, 1, length, upload)
        uploaded += Int64(n)
        uploadProgress?(uploaded)
        return n
    }
}

private func withOptionalCString<T>(_ text: String?, _ body: (UnsafePointer<CChar>?) -> T) -> T {
    guard let text else { return body(nil) }
    return text.withCString { body($0) }
}

private func withBodyBytes<T>(_ body: HTTPRequest.Body, _ work: (UnsafeRawPointer?, Int) -> T) -> T {
    guard case let .bytes(bytes) = body else { return work(nil, 0) }
    if bytes.isEmpty {
        // A POST or PUT with an empty body still sends Content-Length: 0.
        var empty: UInt8 = 0
        return work(&empty, 0)
    }
    return bytes.withUnsafeBytes { work($0.baseAddress, bytes.count) }
}
