import FoundationEssentials
import OCI

/// The distribution API's error body, and what Dockyard prints for a failed answer.
///
///     {"errors": [{"code": "MANIFEST_UNKNOWN", "message": "manifest unknown", "detail": …}]}
///
/// The registry's own codes and messages are printed as it sent them, after Docker's sentence
/// where Docker has one ("pull access denied for x, repository does not exist or may require
/// 'docker login'").
struct RegistryErrorBody: Decodable {
    struct Entry: Decodable {
        var code: String?
        var message: String?
    }
    var errors: [Entry]?

    /// `code: message` pairs as Docker prints them: `manifest unknown: manifest unknown`.
    static func describe(_ body: [UInt8]) -> (codes: [String], text: String) {
        guard let decoded = try? JSONDecoder().decode(RegistryErrorBody.self, from: Data(body)),
              let entries = decoded.errors, !entries.isEmpty else {
            let text = String(decoding: body.prefix(200), as: UTF8.self).trimmingLineEnd()
            return ([], text)
        }
        let codes = entries.compactMap(\.code)
        let text = entries.map { entry in
            let code = (entry.code ?? "unknown").lowercased().replacing("_", with: " ")
            return entry.message.map { "\(code): \($0)" } ?? code
        }.joined(separator: "; ")
        return (codes, text)
    }
}

extension RegistryClient {
    /// The error for a failed answer to `what` (e.g. "manifest for busybox:nosuch"), in Docker's words.
    func failure(_ response: HTTPResponse, _ what: String, reference: ImageReference? = nil,
                 pushing: Bool = false) -> RegistryError {
        let (codes, said) = RegistryErrorBody.describe(response.body)
        let registrySaid = said.isEmpty ? "HTTP \(response.status)" : said
        switch response.status {
        case 401, 403:
            let code: RegistryError.Code = response.status == 401 && !pushing ? .unauthorized : .denied
            if pushing {
                return RegistryError(code, "denied: requested access to the resource is denied (\(registrySaid))", registryCodes: codes)
            }
            return RegistryError(code, "pull access denied for \(reference?.name ?? endpoint.name), repository does not exist "
                + "or may require 'docker login': \(registrySaid)", registryCodes: codes)
        case 404:
            if codes.contains("NAME_UNKNOWN") || codes.contains("NAME_INVALID"), !pushing {
                let name = reference?.name ?? endpoint.name
                return RegistryError(.notFound, "pull access denied for \(name), repository does not exist or may require 'docker login': \(registrySaid)", registryCodes: codes)
            }
            return RegistryError(.notFound, "\(what) not found: \(registrySaid)", registryCodes: codes)
        case 429:
            var limits = ["ratelimit-limit", "ratelimit-remaining", "docker-ratelimit-source"].compactMap { name in
                response.header(name).map { "\(name): \($0)" }
            }
            if let after = response.header("Retry-After") { limits.append("retry-after: \(after) s") }
            return RegistryError(.tooManyRequests, "toomanyrequests: \(registrySaid)"
                + (limits.isEmpty ? "" : " (\(limits.joined(separator: ", ")))"), registryCodes: codes)
        default:
            return RegistryError(.server, "\(what): the registry answered HTTP \(response.status): \(registrySaid)",
                                 registryCodes: codes + ["HTTP \(response.status)"])
        }
    }
}
