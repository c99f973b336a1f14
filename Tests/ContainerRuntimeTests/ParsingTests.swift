@testable import ContainerRuntime
import Testing

@Suite("Parsing run options")
struct ParsingTests {
    @Test("memory sizes use Docker's units", arguments: [
        ("64m", Int64(64 << 20)), ("1g", Int64(1 << 30)), ("512k", Int64(512 << 10)), ("100", Int64(100)),
        ("1.5GB", Int64(3 << 29)), ("64MiB", Int64(64 << 20)), ("10b", Int64(10)),
    ])
    func sizes(text: String, bytes: Int64) throws {
        #expect(try ByteSize.parse(text) == bytes)
    }

    @Test("a bad size names the offending value", arguments: ["12q", "", "m", "-5m", "1.2.3m", "64mm", ".5m"])
    func badSizes(text: String) {
        #expect(throws: ByteSize.ParseError(value: text)) { try ByteSize.parse(text) }
    }

    let passwd = "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n"
    let group = "root:x:0:\napp:x:1000:\nwheel:x:10:app\nstaff:x:50:\n"

    @Test("users resolve by name or uid, groups by name or gid")
    func users() throws {
        let resolver = UserResolver(passwd: passwd, group: group)
        #expect(try resolver.resolve("") == .init(uid: 0, gid: 0, groups: [0], home: "/root"))
        #expect(try resolver.resolve("app") == .init(uid: 1000, gid: 1000, groups: [1000, 10], home: "/home/app"))
        #expect(try resolver.resolve("1000").home == "/home/app")
        #expect(try resolver.resolve("app:staff").gid == 50)
        #expect(try resolver.resolve("4321:99") == .init(uid: 4321, gid: 99, groups: [99], home: "/"))
    }

    @Test("the primary gid always comes first among the supplementary groups, once, then --group-add's")
    func supplementaryGroups() throws {
        let resolver = UserResolver(passwd: passwd, group: group)
        #expect(try resolver.resolve("app:staff").groups == [50])
        #expect(try resolver.resolve("app", groupAdd: ["staff", "1234", "wheel", "1000"]).groups == [1000, 10, 50, 1234])
        #expect(try resolver.resolve("", groupAdd: ["0"]).groups == [0])
    }

    @Test("container names follow Docker's rule; host names RFC 1123 within the kernel's 64 characters")
    func names() throws {
        #expect(try NameRules.containerName("/web.1_a-b") == "web.1_a-b")
        for bad in ["a", "..", "a/b", "-a", "x\ny", "é1"] {
            #expect(throws: RuntimeError.self) { try NameRules.containerName(bad) }
        }
        try NameRules.hostname("my-host.example")
        try NameRules.hostname(String(repeating: "a", count: 63))
        for bad in ["", "-a", "a-", "a..b", "a_b", "x\n6.6.6.6 evil", String(repeating: "a", count: 64),
                    String(repeating: "a.", count: 32) + "a"] {
            #expect(throws: RuntimeError.self) { try NameRules.hostname(bad) }
        }
        #expect(NameRules.printable("a\nb\u{1B}c") == "a\\nb\\u{1B}c")
    }

    @Test("an unknown --group-add name gets Docker's message")
    func unknownGroup() {
        #expect(throws: UserResolver.NotFound(message: "Unable to find group ghosts: no matching entries in group file")) {
            try UserResolver(passwd: passwd, group: group).resolve("app", groupAdd: ["ghosts"])
        }
    }

    @Test("an unknown user name gets Docker's message")
    func unknownUser() {
        #expect(throws: UserResolver.NotFound(message: "unable to find user ghost: no matching entries in passwd file")) {
            try UserResolver(passwd: passwd, group: group).resolve("ghost")
        }
    }

    @Test("ENTRYPOINT + CMD follow Docker's rules")
    func commandRules() {
        let image = RunnableImage(reference: "x", id: "", lowerdirs: [], environment: [],
                                  entrypoint: ["/entry"], command: ["default"], workingDirectory: "", user: "")
        #expect(RunRequest(image: image).argv == ["/entry", "default"])
        #expect(RunRequest(image: image, command: ["other"]).argv == ["/entry", "other"])
        #expect(RunRequest(image: image, entrypoint: "sh").argv == ["sh"])
        #expect(RunRequest(image: image, entrypoint: "sh", command: ["-c", "x"]).argv == ["sh", "-c", "x"])
    }

    @Test("the environment layers the image's, then -e, then HOSTNAME and HOME")
    func environment() {
        let image = RunnableImage(reference: "x", id: "", lowerdirs: [], environment: ["PATH=/bin", "A=1"],
                                  entrypoint: [], command: ["sh"], workingDirectory: "", user: "")
        let request = RunRequest(image: image, environment: ["A=2", "B", "C"])
        #expect(request.processEnvironment(hostname: "h", home: "/root", hostEnvironment: ["B": "fromhost"])
                == ["PATH=/bin", "A=2", "B=fromhost", "HOSTNAME=h", "HOME=/root"])
    }
}
