import FoundationEssentials
import OCI
import Testing

@Suite("Image-spec documents")
struct ImageDocumentTests {
    static let layer = Digest.sha256(of: Array("layer".utf8))

    static var configuration: ImageConfiguration {
        ImageConfiguration(
            created: "2024-03-01T12:00:00Z", author: "dockyard", architecture: "amd64", os: "linux",
            config: ContainerConfig(user: "nobody", exposedPorts: ["80/tcp"], env: ["PATH=/bin"], entrypoint: ["/bin/sh", "-c"],
                                    cmd: ["echo hi"], volumes: ["/data"], workingDir: "/srv", labels: ["b": "2", "a": "1"],
                                    stopSignal: "SIGTERM"),
            rootfs: .init(diffIDs: [layer]),
            history: [.init(created: "2024-03-01T12:00:00Z", createdBy: "RUN x", emptyLayer: true)])
    }

    @Test("a config encodes with the image spec's keys, sorted, and decodes back to the same value")
    func configKeys() throws {
        let bytes = try CanonicalJSON.encode(Self.configuration)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text == """
            {"architecture":"amd64","author":"dockyard","config":{"Cmd":["echo hi"],"Entrypoint":["/bin/sh","-c"],\
            "Env":["PATH=/bin"],"ExposedPorts":{"80/tcp":{}},"Labels":{"a":"1","b":"2"},"StopSignal":"SIGTERM",\
            "User":"nobody","Volumes":{"/data":{}},"WorkingDir":"/srv"},"created":"2024-03-01T12:00:00Z",\
            "history":[{"created":"2024-03-01T12:00:00Z","created_by":"RUN x","empty_layer":true}],"os":"linux",\
            "rootfs":{"diff_ids":["\(Self.layer.string)"],"type":"layers"}}
            """)
        #expect(try CanonicalJSON.decode(ImageConfiguration.self, from: bytes, what: "config") == Self.configuration)
    }

    @Test("encoding is stable: the same value always gives the same bytes")
    func stable() throws {
        let first = try CanonicalJSON.encode(Self.configuration)
        for _ in 0..<5 { #expect(try CanonicalJSON.encode(Self.configuration) == first) }
    }

    @Test("a Docker-written config with nulls and extra fields decodes")
    func dockerConfig() throws {
        let json = """
            {"architecture":"amd64","config":{"Hostname":"","Env":["PATH=/bin"],"Cmd":["sh"],"Entrypoint":null,
            "OnBuild":null,"Labels":null,"Image":"sha256:abc"},"container":"x","created":"2023-07-18T23:19:33.538571854Z",
            "docker_version":"20.10.23","history":[{"created":"2023-07-18T23:19:33.538571854Z","created_by":"/bin/sh"}],
            "os":"linux","rootfs":{"type":"layers","diff_ids":["\(Self.layer.string)"]}}
            """
        let config = try CanonicalJSON.decode(ImageConfiguration.self, from: Array(json.utf8), what: "config")
        #expect(config.config?.cmd == ["sh"])
        #expect(config.config?.entrypoint == nil)
        #expect(config.createdSeconds == 1_689_722_373)
    }

    @Test("a manifest and an index carry schemaVersion 2 and their media types")
    func manifestAndIndex() throws {
        let config = Descriptor(mediaType: MediaType.imageConfig, digest: Self.layer, size: 3)
        let manifest = ImageManifest(config: config, layers: [Descriptor(mediaType: MediaType.layerTar, digest: Self.layer, size: 5)])
        let text = String(decoding: try CanonicalJSON.encode(manifest), as: UTF8.self)
        #expect(text.hasPrefix("{\"config\":{\"digest\":\"\(Self.layer.string)\",\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"size\":3}"))
        #expect(text.hasSuffix("\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"schemaVersion\":2}"))
        let index = ImageIndex(manifests: [Descriptor(mediaType: MediaType.imageManifest, digest: Self.layer, size: 9,
                                                      annotations: [AnnotationKey.refName: "busybox:latest"])])
        let decoded = try CanonicalJSON.decode(ImageIndex.self, from: CanonicalJSON.encode(index), what: "index")
        #expect(decoded == index)
        #expect(decoded.schemaVersion == 2)
    }

    @Test("RFC 3339 timestamps convert both ways, with fractions and offsets")
    func timestamps() {
        #expect(Timestamp.string(seconds: 0) == "1970-01-01T00:00:00Z")
        #expect(Timestamp.string(seconds: 1_709_294_400) == "2024-03-01T12:00:00Z")
        #expect(Timestamp.seconds(parsing: "2024-03-01T12:00:00Z") == 1_709_294_400)
        #expect(Timestamp.seconds(parsing: "2024-03-01T13:30:00.123+01:30") == 1_709_294_400)
        #expect(Timestamp.seconds(parsing: "2024-02-29T00:00:00Z") == 1_709_164_800)
        #expect(Timestamp.seconds(parsing: "yesterday") == nil)
    }

    @Test("a blob's media type is named in its manifest's family: Docker's in schema 2, OCI's otherwise; zstd kept")
    func mediaTypeFamilies() {
        let docker = MediaType.dockerManifest, oci = MediaType.imageManifest
        #expect(MediaType.named(MediaType.layerTarGzip, inFamilyOf: docker) == MediaType.dockerLayerTarGzip)
        #expect(MediaType.named(MediaType.imageConfig, inFamilyOf: docker) == MediaType.dockerConfig)
        #expect(MediaType.named(MediaType.dockerLayerTarGzip, inFamilyOf: docker) == MediaType.dockerLayerTarGzip)
        #expect(MediaType.named(MediaType.dockerLayerTar, inFamilyOf: oci) == MediaType.layerTar)
        #expect(MediaType.named(MediaType.dockerLayerTarGzip, inFamilyOf: oci) == MediaType.layerTarGzip)
        #expect(MediaType.named(MediaType.dockerConfig, inFamilyOf: oci) == MediaType.imageConfig)
        #expect(MediaType.named(MediaType.layerTarZstd, inFamilyOf: docker) == MediaType.layerTarZstd)
    }
}
