import FoundationEssentials
import OCI
import Testing

@Suite("JSONNode, the hand-written JSON reader")
struct JSONNodeTests {
    static func parse(_ text: String) -> JSONNode? { JSONNode.parse(Array(text.utf8)) }

    @Test("reads every kind of value, escapes and surrogate pairs included")
    func values() throws {
        let node = try #require(Self.parse(#" { "a" : [1, -0.5e3, true, false, null, "x\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00"], "b": {} } "#))
        #expect(node == .object([
            ("a", .array([.number("1"), .number("-0.5e3"), .bool(true), .bool(false), .null,
                          .string("x\"\\/\u{8}\u{c}\n\r\té😀")])),
            ("b", .object([])),
        ]))
        #expect(node["a"]?.array?.first?.int64 == 1)
        #expect(node["a"]?.array?[1].int64 == nil)
        #expect(Self.parse("\"é😀 plain\"") == .string("é😀 plain"))
        #expect(Self.parse("-9223372036854775808")?.int64 == nil)
        #expect(Self.parse("9223372036854775807")?.int64 == Int64.max)
    }

    @Test("refuses what it is not certain of, so JSONDecoder decides", arguments: [
        "", " ", "{", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "01", "1.", "-", "1e", ".5", "+1", "tru", "nul",
        "\"unterminated", "\"tab\there\"", "\"\\x\"", "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\u12\"",
        "{\"a\":1,\"a\":2}", "{\"é\":1,\"e\u{301}\":2}", "1 2", "{} x", "[1]]", "{1:2}",
        String(repeating: "[", count: 200) + String(repeating: "]", count: 200),
    ])
    func refuses(_ text: String) {
        #expect(Self.parse(text) == nil)
    }

    @Test("refuses invalid UTF-8 in a string")
    func invalidUTF8() {
        #expect(JSONNode.parse([0x22, 0xC3, 0x28, 0x22]) == nil)
        #expect(JSONNode.parse([0x22, 0x5C, 0x6E, 0xFF, 0x22]) == nil)
    }

    @Test("an object's wanted string members are read and the rest skipped, checked as the full reader checks it")
    func wantedStrings() {
        let record = #"{"argv":["sleep","1"],"limits":{"a":{"b":[1,2.5e3,null,true]}},"name":"web\u00e9","x":"\"}","status":"exited","n":3}"#
        #expect(JSONNode.strings(["name", "status", "n"], ofObject: Array(record.utf8)) == ["name": "webé", "status": "exited"])
        #expect(JSONNode.strings(["missing"], ofObject: Array(record.utf8)) == [:])
        for bad in [#"{"name":"a","limits":[1,}"#, #"{"name":"a","name":"b"}"#, #"{"name":"a"} x"#, #"["name"]"#,
                    #"{"name":"a","x":01}"#, #"{"name":"a","x":"\q"}"#, #"{"name":"a""#] {
            #expect(JSONNode.strings(["name"], ofObject: Array(bad.utf8)) == nil, "\(bad)")
        }
    }

    static let layer = Digest.sha256(of: Array("layer".utf8)).string

    /// Documents as Dockyard, Docker and BuildKit write them, and odd ones: for each, the fast
    /// reader must either give exactly what JSONDecoder gives or step aside.
    static let configs: [String] = [
        #"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["\#(layer)"]}}"#,
        #"{"architecture":"amd64","os":"linux","created":"2023-07-18T23:19:33Z","author":null,"variant":"v8","config":{"Hostname":"","User":"1:2","Env":["PATH=/bin"],"Cmd":["sh"],"Entrypoint":null,"OnBuild":null,"Labels":{"a":"1","b":"é"},"ExposedPorts":{"80/tcp":{},"53/udp":{}},"Volumes":{"/data":{}},"WorkingDir":"/srv","StopSignal":"SIGQUIT","ArgsEscaped":true,"Shell":["/bin/bash","-c"],"Healthcheck":{"Test":["CMD","true"],"Interval":30000000000,"Timeout":-1,"StartPeriod":0,"Retries":3},"Image":"sha256:abc"},"history":[{"created":"2023-07-18T23:19:33Z","created_by":"/bin/sh","empty_layer":true,"comment":"c","author":"me"}],"rootfs":{"type":"layers","diff_ids":["\#(layer)"]},"docker_version":"20.10.23"}"#,
        #"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":["sha256:ABC"]}}"#,
        #"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":null}}"#,
        #"{"architecture":null,"os":"linux","rootfs":{"type":"layers","diff_ids":[]}}"#,
        #"{"os":"linux","rootfs":{"type":"layers","diff_ids":[]}}"#,
        #"{"architecture":"amd64","os":"linux","config":{"Env":["A",null]},"rootfs":{"type":"layers","diff_ids":[]}}"#,
        #"{"architecture":"amd64","os":"linux","config":{"ExposedPorts":{"80/tcp":null}},"rootfs":{"type":"layers","diff_ids":[]}}"#,
        #"{"architecture":"amd64","os":"linux","config":{"Healthcheck":{"Retries":1.0}},"rootfs":{"type":"layers","diff_ids":[]}}"#,
        #"{"architecture":"amd64","os":"linux","config":{"Healthcheck":{"Interval":99999999999999999999}},"rootfs":{"type":"layers","diff_ids":[]}}"#,
        #"{"architecture":"amd64","os":"linux","config":{"ArgsEscaped":"yes"},"rootfs":{"type":"layers","diff_ids":[]}}"#,
        #"{"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]},"rootfs":{"type":"layers","diff_ids":[]}}"#,
        #"[]"#, #"{"architecture":"amd64""#,
    ]

    static let manifests: [String] = [
        #"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"\#(layer)","size":3},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"\#(layer)","size":5,"annotations":{"k":"v"},"urls":["http://x"]}]}"#,
        #"{"schemaVersion":2,"config":{"mediaType":"m","digest":"\#(layer)","size":3},"layers":[],"annotations":null}"#,
        #"{"schemaVersion":2.5,"config":{"mediaType":"m","digest":"\#(layer)","size":3},"layers":[]}"#,
        #"{"schemaVersion":2,"config":{"mediaType":"m","digest":"\#(layer)","size":-3},"layers":[]}"#,
        #"{"schemaVersion":2,"config":{"mediaType":"m","digest":"\#(layer)","size":"3"},"layers":[]}"#,
        #"{"schemaVersion":2,"config":{"mediaType":"m","digest":"md5:00","size":3},"layers":[]}"#,
        #"{"schemaVersion":2,"layers":[]}"#,
    ]

    static let indexes: [String] = [
        #"{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"\#(layer)","size":9,"annotations":{"org.opencontainers.image.ref.name":"busybox:latest"},"platform":{"architecture":"amd64","os":"linux","variant":null,"os.features":["x"]}}]}"#,
        #"{"schemaVersion":2,"manifests":[]}"#,
        #"{"schemaVersion":2,"manifests":[{"mediaType":"m","digest":"\#(layer)","size":9,"platform":{"os":"linux"}}]}"#,
        #"{"schemaVersion":2,"manifests":[{"mediaType":"m","digest":"\#(layer)","size":9,"annotations":{"a":1}}]}"#,
        #"{"schemaVersion":2,"manifests":null}"#,
    ]

    static func agree<T: Decodable & Equatable & JSONNodeReadable>(_ type: T.Type, _ text: String) {
        let decoded = try? JSONDecoder().decode(T.self, from: Data(text.utf8))
        guard let fast = JSONNode.parse(Array(text.utf8)).flatMap(T.init(json:)) else { return }
        #expect(decoded == fast, "the fast reader disagrees with JSONDecoder on \(text)")
    }

    @Test("image configs: the fast reader gives JSONDecoder's value or steps aside", arguments: configs)
    func configsAgree(_ text: String) { Self.agree(ImageConfiguration.self, text) }

    @Test("manifests: the fast reader gives JSONDecoder's value or steps aside", arguments: manifests)
    func manifestsAgree(_ text: String) { Self.agree(ImageManifest.self, text) }

    @Test("indexes: the fast reader gives JSONDecoder's value or steps aside", arguments: indexes)
    func indexesAgree(_ text: String) { Self.agree(ImageIndex.self, text) }

    @Test("the documents Dockyard writes and Docker's usual ones are read by the fast reader itself")
    func fastPathTaken() throws {
        for text in [Self.configs[0], Self.configs[1]] {
            #expect(JSONNode.parse(Array(text.utf8)).flatMap(ImageConfiguration.init(json:)) != nil)
        }
        #expect(JSONNode.parse(Array(Self.manifests[0].utf8)).flatMap(ImageManifest.init(json:)) != nil)
        #expect(JSONNode.parse(Array(Self.indexes[0].utf8)).flatMap(ImageIndex.init(json:)) != nil)
        let config = try #require(JSONNode.parse(Array(Self.configs[1].utf8)).flatMap(ImageConfiguration.init(json:)))
        #expect(config.config?.exposedPorts == ["53/udp", "80/tcp"])
        #expect(config.config?.healthcheck?.timeout == -1)
    }

    @Test("a document the fast reader refuses still fails with JSONDecoder's message")
    func errorsUnchanged() {
        let text = Self.configs[2]
        #expect(throws: OCIError.self) { try CanonicalJSON.decode(ImageConfiguration.self, from: Array(text.utf8), what: "config x") }
        do {
            _ = try CanonicalJSON.decode(ImageConfiguration.self, from: Array(text.utf8), what: "config x")
        } catch let error as OCIError {
            #expect(error.message.hasPrefix("cannot read config x: "))
            #expect(error.message.contains("sha256:ABC"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
