import Explain
import FoundationEssentials
import Lessons
import Testing
@testable import CourseSite

/// The pictures drawn from real recorded steps (lessons/recordings): each is well-formed SVG with
/// a title, says what the step made in the kernel's own numbers, and keeps its labels apart.
@Suite("Pictures of kernel objects")
struct PictureTests {
    let en = SiteText(language: "en")

    /// The one SVG in `html`, parsed; fails the test when there is none.
    func picture(_ html: String) throws -> ParsedSVG {
        let svgs = ParsedSVG.all(in: html)
        #expect(svgs.count == 1, "\(svgs.count) pictures")
        let svg = ParsedSVG(try #require(svgs.first))
        #expect(svg.wellFormed)
        #expect(!svg.title.isEmpty)
        #expect(svg.overlaps().isEmpty, "labels overlap: \(svg.overlaps())")
        let outside = svg.labels.filter { $0.box.0 < 0 || $0.box.2 > svg.width + 1 }
        #expect(outside.isEmpty, "labels outside the picture: \(outside.map(\.text))")
        return svg
    }

    @Test("a run's namespaces: the host's and the container's inode in each lane, the new ones marked new")
    func namespaces() throws {
        let events = RecordedSteps.events("02-namespaces", "container-namespaces")
        let svg = try picture(NamespacePicture(events: events, text: en).render())
        var inodes = 0
        for case let .namespace(kind, container, host) in events.map(\.kind) {
            #expect(svg.texts.contains { $0.hasPrefix("\(kind):[\(container)]") }, "\(kind)")
            #expect(svg.texts.contains("\(kind):[\(host)]"), "\(kind)")
            inodes += 1
        }
        #expect(inodes == 6)
        #expect(svg.texts.filter { $0 == "new" }.count == 6)
        #expect(svg.texts.contains("user and time: the host's, not unshared"))
    }

    @Test("--network host: the net lane is drawn across, shared with the host")
    func hostNetwork() throws {
        let svg = try picture(NamespacePicture(events: RecordedSteps.events("10-networking", "host"), text: en).render())
        #expect(svg.texts.contains("net  shared with the host"))
    }

    @Test("exec: the joining process enters each of the container's namespaces by setns")
    func exec() throws {
        let events = RecordedSteps.events("09-processes-and-users", "exec")
        let svg = try picture(NamespacePicture(events: events, text: en).render())
        let joined = events.compactMap { if case let .namespaceJoined(kind, inode) = $0.kind { "\(kind):[\(inode)]" } else { nil } }
        #expect(joined.count == 6)
        for label in joined { #expect(svg.texts.contains(label)) }
        #expect(svg.texts.contains("setns(2) ×6"))
        #expect(svg.elementCounts["polygon"] == 6)
    }

    @Test("a memory limit: the tree down to the container's cgroup, the limit in MiB, the process writing itself in")
    func memoryLimit() throws {
        let events = RecordedSteps.events("04-cgroups", "memory-limit")
        let svg = try picture(CgroupPicture(events: events, text: en).render())
        #expect(svg.texts.contains("/sys/fs/cgroup/memory"))
        #expect(svg.texts.contains { $0.hasPrefix("memory.limit_in_bytes") })
        #expect(svg.texts.contains("= 64 MiB"))
        #expect(svg.texts.contains("(67108864)"))
        // On v1 the process writes itself into each hierarchy: 0 into `tasks` (CgroupV1JoinTests).
        #expect(svg.texts.contains("← 0"))
        #expect(svg.texts.contains("the process writes itself in (0: the writing thread)"))
        // Docker's device rules are not what the step is about: one line, not eleven.
        #expect(!svg.texts.contains { $0.hasPrefix("devices.allow") })
        #expect(!svg.texts.contains { $0.contains("OOM") })
    }

    @Test("the capstone's limits, each in its own controller's tree: 32 MiB, 0.5 CPU of each 100 ms, 16 pids")
    func capstone() throws {
        let svg = try picture(CgroupPicture(events: RecordedSteps.events("15-capstone", "everything"), text: en).render())
        for label in ["/sys/fs/cgroup/memory", "/sys/fs/cgroup/cpu", "/sys/fs/cgroup/pids", "= 32 MiB", "= 0.5 CPU", "= 100 ms", "= 16"] {
            #expect(svg.texts.contains(label), "\(label)")
        }
        #expect(svg.texts.filter { $0.hasPrefix("← ") && $0.dropFirst(2).allSatisfy(\.isNumber) }.count == 3)
    }

    @Test("an OOM kill is drawn at the memory limit it hit")
    func oom() throws {
        let svg = try picture(CgroupPicture(events: RecordedSteps.events("04-cgroups", "oom"), text: en).render())
        #expect(svg.texts.contains("= 16 MiB"))
        #expect(svg.texts.contains { $0.contains("OOM killer") })
    }

    @Test("a whiteout: /bin/vi in the lower layer, its whiteout in the upper, hidden in the merged view")
    func whiteout() throws {
        let events = RecordedSteps.events("05-layers-and-overlayfs", "whiteout")
        let pictures = OverlayPicture.all(in: events, text: en)
        #expect(pictures.count == 1)
        let html = try #require(pictures.first).render()
        let svg = try picture(html)
        #expect(svg.texts.filter { $0 == "/bin/vi" }.count == 3)
        #expect(svg.texts.contains("whiteout"))
        #expect(svg.texts.contains("copy-up"))
        #expect(svg.texts.contains("<container>/upper"))
        #expect(svg.texts.contains { $0.hasPrefix("<root>/layers/8e4e07bee2e8") })
        // The full path is there on hover.
        #expect(html.contains("<title>/var/lib/dockyard/containers/"))
        #expect(html.contains("class=\"file whiteout\""))
    }

    @Test("the bridge network: dockyard0, the veth pair, eth0 with its address and the default route")
    func bridge() throws {
        let events = RecordedSteps.events("10-networking", "bridge")
        let svg = try picture(NetworkPicture(events: events, text: en).render())
        let address = try #require(events.lazy.compactMap { if case let .addressAdded(_, address, _) = $0.kind { address } else { nil } }.first)
        for label in ["dockyard0", "eth0", address, "default via 10.88.0.1", "veth pair", "lo  127.0.0.1"] {
            #expect(svg.texts.contains(label), "\(label)")
        }
        // Only Dockyard's interfaces: the bridge, the pair's two ends and lo.
        let interfaces = svg.texts.filter { !$0.contains(" ") && ($0.hasPrefix("dy") || $0.hasPrefix("eth") || $0.hasPrefix("dockyard")) }
        #expect(interfaces.count == 3, "\(interfaces)")
    }

    @Test("a published port: the DNAT path from the host's address to the container's")
    func publishedPort() throws {
        let svg = try picture(NetworkPicture(events: RecordedSteps.events("13-sharing-images", "start-registry"), text: en).render())
        #expect(svg.texts.contains("127.0.0.1:5013/tcp"))
        #expect(svg.texts.contains { $0.hasPrefix("DNAT → 10.88.") && $0.hasSuffix(":5000") })
    }

    @Test("a push as a sequence diagram: one arrow per request with its status, the manifest checked last")
    func push() throws {
        let events = RecordedSteps.events("13-sharing-images", "push")
        let svg = try picture(RegistrySequencePicture(events: events, text: en).render())
        let requests = events.filter { if case .httpExchange = $0.kind { true } else { false } }.count
        #expect(requests > 10)
        #expect(svg.elementCounts["polygon"] == requests)
        #expect(svg.texts.contains("404"))
        #expect(svg.texts.contains("201"))
        #expect(svg.texts.contains("PUT /v2/lesson-hello/manifests/v1"))
        #expect(svg.texts.last == "✓ manifest 714 B")
        #expect(svg.texts.contains { $0.hasPrefix("registry 127.0.0.1:") })
        // An upload's opaque state is left out; its digest is kept, cut.
        #expect(!svg.texts.contains { $0.contains("_state") })
    }

    @Test("a pull as data: the manifest points at the config and the layers, each layer at its diff_id")
    func pulledImage() throws {
        let events = RecordedSteps.events("13-sharing-images", "pull")
        let svg = try picture(ImageGraphPicture(events: events, text: en).render())
        #expect(svg.texts.filter { $0 == "manifest" }.count == 1)
        #expect(svg.texts.filter { $0 == "config" }.count == 1)
        // The two layers the build made were fetched, each checked against its diff_id. busybox's
        // layer was already in the store: the pull's layerAlreadyStored event draws it, with its
        // digest, as not fetched, and no diff_id (nothing was unpacked).
        #expect(svg.texts.filter { $0 == "layer" }.count == 2)
        #expect(svg.texts.filter { $0 == "diff_id" }.count == 2)
        let stored = events.compactMap { if case let .layerAlreadyStored(digest, _, _) = $0.kind { digest } else { nil } }
        #expect(stored.count == 1)
        #expect(svg.texts.filter { $0 == en.layerAlreadyHere }.count == 1)
        #expect(svg.texts.contains(PicturePaths.shortDigest(stored.first ?? "")))
        #expect(svg.texts.contains(en.notFetched))
        #expect(svg.texts.contains("714 B"))
        #expect(svg.texts.contains("manifest.v1+json"))
    }

    @Test("a pull's sequence diagram notes the layer the store already had, which crossed no wire")
    func pullSkipsStoredLayer() throws {
        let events = RecordedSteps.events("13-sharing-images", "pull")
        let svg = try picture(RegistrySequencePicture(events: events, text: en).render())
        let stored = svg.texts.filter { $0.hasPrefix("= " + en.layerInStore + " ") }
        #expect(stored.count == 1, "\(svg.texts)")
        // No request names that layer's digest: it was neither asked for nor fetched.
        let digest = try #require(events.compactMap { if case let .layerAlreadyStored(d, _, _) = $0.kind { d } else { nil } }.first)
        let urls = events.compactMap { if case let .httpExchange(_, url, _, _) = $0.kind { url } else { nil } }
        #expect(!urls.contains { $0.contains(digest) })
    }

    @Test("a rootless container's two id maps: root inside is the user, 1 and up the subordinate range")
    func userNamespaceMaps() throws {
        // Lesson 14 is recorded as an ordinary user (dyrl, uid 1001, subuid 100000:65536), so its
        // first container made the holder and reported the maps newuidmap and newgidmap wrote.
        let events = RecordedSteps.events("14-rootless", "container-map")
        let svg = try picture(UserNamespacePicture(events: events, text: en).render())
        for kind in ["uid", "gid"] {
            #expect(svg.texts.contains("\(kind) 0"), "\(svg.texts)")
            #expect(svg.texts.contains("\(kind) 1–65536"))
            #expect(svg.texts.contains("\(kind) 100000–165535"))
        }
        #expect(svg.texts.contains("1 id"))
        #expect(svg.texts.contains("65536 ids"))
        #expect(svg.texts.contains { $0.hasPrefix("uid_map · written by newuidmap") })
        // As root no user namespace is made, and nothing is drawn.
        #expect(UserNamespacePicture(events: RecordedSteps.events("02-namespaces", "hostname"), text: en).render().isEmpty)
    }

    @Test("an inspected image as data: its tag, manifest, config and layer with the layer's diff_id")
    func inspectedImage() throws {
        let store = RecordingStore(lessonsDirectory: SiteFixture.root + "/lessons")
        let run = try #require(store.load(slug: "06-images-as-data", language: "en")?.step("inspect")?.runs.first)
        let graph = try #require(ImageGraph(inspectJSON: run.stdout))
        let svg = try picture(ImageGraphPicture(graph: graph, text: en).render())
        #expect(svg.texts.contains("index.json"))
        #expect(svg.texts.contains("busybox:latest"))
        #expect(svg.texts.contains("manifest"))
        #expect(svg.texts.contains("566 B"))
        #expect(svg.texts.contains("2 MiB"))
        #expect(svg.texts.contains("uncompressed: the same digest"))
        #expect(ImageGraph(inspectJSON: "[]") == nil)
    }

    @Test("a token service gets its own lifeline, and the token it granted is drawn back to the client")
    func tokenService() throws {
        let events = [
            Event(.httpExchange(method: "GET", url: "https://registry.example/v2/", status: 401, detail: "")),
            Event(.httpExchange(method: "GET", url: "https://auth.example/token?scope=repository:library/busybox:pull", status: 200, detail: "")),
            Event(.registryToken(realm: "https://auth.example/token", service: "registry.example", scopes: ["repository:library/busybox:pull"], expiresIn: 300)),
            Event(.httpExchange(method: "GET", url: "https://registry.example/v2/library/busybox/manifests/latest", status: 200, detail: "")),
        ]
        let svg = try picture(RegistrySequencePicture(events: events, text: en).render())
        #expect(svg.texts.contains("token service auth.example"))
        #expect(svg.texts.contains("registry registry.example"))
        #expect(svg.texts.contains("token: repository:library/busybox:pull, 300 s"))
        #expect(svg.texts.contains("401"))
    }

    @Test("a build: each instruction points at the layer or the config change it made")
    func build() throws {
        let svg = try picture(BuildPicture(events: RecordedSteps.events("07-dockerfile-to-image", "build"), text: en).render())
        #expect(svg.texts.contains("ENV GREETING=hello"))
        #expect(svg.texts.contains("Env = GREETING=hello"))
        #expect(svg.texts.contains("A /message.txt"))
        #expect(svg.texts.contains("10 KiB"))
    }

    @Test("the label check itself finds labels drawn over each other, and parsing finds broken SVG")
    func checksWork() {
        var svg = SVGCanvas(width: 200, height: 40)
        svg.text("pid:[4026532178]", 10, 20)
        svg.text("net:[4026532179]", 40, 24)
        #expect(ParsedSVG(svg.render(title: "t", class: "x")).overlaps().count == 1)
        #expect(!ParsedSVG("<svg><text>a</svg>").wellFormed)
    }

    @Test("search indexes a picture's words, not its values")
    func searchWords() {
        let html = NamespacePicture(events: RecordedSteps.events("10-networking", "host"), text: en).render()
        let words = PictureLabels.words(in: html).split(separator: " ").map(String.init)
        #expect(words.contains("shared"))
        #expect(words.contains("Namespaces"))
        #expect(!words.contains { $0.contains("4026") })
    }

    @Test("units and paths as people read them")
    func units() {
        #expect(HumanUnits.bytes(67_108_864) == "64 MiB")
        #expect(HumanUnits.bytes(714) == "714 B")
        #expect(HumanUnits.bytes(1_036_487) == "1012.2 KiB")
        #expect(HumanUnits.cgroupValue(file: "memory.max", value: "50331648") == "48 MiB")
        #expect(HumanUnits.cgroupValue(file: "cpu.max", value: "50000 100000") == "0.5 CPU")
        #expect(HumanUnits.cgroupValue(file: "cpu.max", value: "200000 100000") == "2 CPUs")
        #expect(HumanUnits.cgroupValue(file: "cpu.cfs_period_us", value: "100000") == "100 ms")
        #expect(HumanUnits.cgroupValue(file: "pids.max", value: "8") == nil)
        let id = String(repeating: "ab", count: 32)
        #expect(PicturePaths.short("/var/lib/dockyard/containers/\(id)/upper") == "<container>/upper")
        #expect(PicturePaths.short("/var/lib/dockyard/layers/\(id)") == "<root>/layers/abababababab…")
        #expect(PicturePaths.readable("/var/lib/dockyard/containers/\(id)/rootfs/proc") == "<rootfs>/proc")
    }

    @Test("every picture of every recorded step, in both languages, is well-formed, titled, fits and keeps its labels apart")
    func everyRecordedStep() throws {
        let catalog = LessonCatalog(directory: SiteFixture.root + "/lessons")
        let store = RecordingStore(lessonsDirectory: catalog.directory)
        var pictures = 0
        for language in ["en", "ko"] {
            for lesson in catalog.lessons(language: language) {
                let recording = store.load(slug: lesson.slug, language: language)
                for step in lesson.steps {
                    // The step as its page shows it: every run, every picture.
                    let html = StepHTML(step: step, hints: [], slug: lesson.slug, recording: recording?.step(step.id),
                                        text: SiteText(language: language)).render()
                    for text in ParsedSVG.all(in: html) {
                        let svg = ParsedSVG(text)
                        let place = "\(language)/\(lesson.slug)/\(step.id)"
                        #expect(svg.wellFormed, "\(place)")
                        #expect(!svg.title.isEmpty, "\(place)")
                        #expect(svg.overlaps().isEmpty, "\(place): \(svg.overlaps())")
                        let outside = svg.labels.filter { $0.box.0 < 0 || $0.box.2 > svg.width + 1 }
                        #expect(outside.isEmpty, "\(place): \(outside.map(\.text))")
                        pictures += 1
                    }
                }
            }
        }
        #expect(pictures > 40)
    }

    @Test("a step shows its pictures, the focused events no picture draws as lines, and every event folded away")
    func focus() {
        let events = RecordedSteps.events("02-namespaces", "pid-one")
        let html = KernelObjectsHTML(events: events, focus: ["namespace", "exec"], labels: en).render()
        #expect(html.contains("class=\"pic namespaces\""))
        #expect(html.contains("<pre class=\"focused\">exec "))
        #expect(html.contains("<summary>all \(events.count) kernel events</summary>"))
        #expect(!html.contains("class=\"pic cgroups\""))
        let unfocused = KernelObjectsHTML(events: events, focus: nil, labels: en).render()
        #expect(!unfocused.contains("<svg"))
    }
}
