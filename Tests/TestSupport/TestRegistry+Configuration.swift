/// The registry's config.yml, as `docker-registry serve` reads it. Debian's own
/// /etc/docker/registry/config.yml listens on every interface with auth on, so each test
/// registry gets one of these instead: bound to 127.0.0.1, storage in the test's directory.
extension TestRegistry {
    enum Configuration {
        /// What `auth:` says.
        enum Auth {
            case none
            case htpasswd(path: String)
            case token(realm: String, rootCertificateBundle: String)
        }

        static func yaml(port: UInt16, storage: String, tls: TestCertificateAuthority.KeyPair?, auth: Auth) -> String {
            var text = """
                version: 0.1
                log:
                  level: info
                storage:
                  filesystem:
                    rootdirectory: '\(storage)'
                  delete:
                    enabled: true
                  maintenance:
                    uploadpurging:
                      enabled: false
                http:
                  addr: 127.0.0.1:\(port)
                  secret: dockyard-test-\(UInt64.random(in: 1...UInt64.max))

                """
            if let tls {
                // A TLS listener also speaks HTTP/2 (Go's net/http negotiates it by ALPN).
                text += """
                      tls:
                        certificate: '\(tls.certificatePath)'
                        key: '\(tls.keyPath)'

                    """
            }
            switch auth {
            case .none: break
            case let .htpasswd(path):
                text += """
                    auth:
                      htpasswd:
                        realm: dockyard-test-registry
                        path: '\(path)'

                    """
            case let .token(realm, bundle):
                text += """
                    auth:
                      token:
                        realm: '\(realm)'
                        service: \(RegistryTokenService.service)
                        issuer: \(RegistryTokenService.issuer)
                        rootcertbundle: '\(bundle)'

                    """
            }
            return text
        }
    }
}
