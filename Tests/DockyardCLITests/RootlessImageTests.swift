import Foundation
import Testing
import TestSupport

extension RootlessTests {
    /// Images made and moved by the user: build (its RUN steps are rootless containers whose
    /// writable layers become image layers), save, rmi and load.
    @Suite("images: build, save, load", .rootlessSession)
    struct Images {
        /// Builds `dockerfile` as `tag` from a context in the session's files.
        static func build(_ tag: String, _ dockerfile: String) throws -> DockyardProcess.Result {
            let context = try Rootless.current().files + "/" + tag
            try FileManager.default.createDirectory(atPath: context, withIntermediateDirectories: false)
            try dockerfile.write(toFile: context + "/Dockerfile", atomically: false, encoding: .utf8)
            return try dockyard(["build", "--network", "none", "-t", tag, context])
        }

        @Test("build: a RUN that writes a file and one that deletes a base image file (a whiteout) both show in the image")
        func buildWithWhiteout() throws {
            let built = try Self.build("rootless-built", """
                FROM busybox
                RUN echo made by RUN > /built
                RUN rm /bin/ls
                """)
            #expect(built.status == 0, "\(built.stderr)")
            defer { _ = try? dockyard(["rmi", "rootless-built"]) }
            let result = try dockyard(["run", "--rm", "--network", "none", "rootless-built", "sh", "-c",
                                       "cat /built; test -e /bin/ls && echo ls present || echo ls gone; test -e /bin/cat && echo cat present"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout == "made by RUN\nls gone\ncat present\n")

            // The RUN's layer keeps the deletion as overlayfs writes it: a 0/0 character device.
            let layers = try Rootless.current().storage + "/layers"
            let whiteouts = try FileManager.default.contentsOfDirectory(atPath: layers).filter { layer in
                var info = stat()
                return lstat("\(layers)/\(layer)/bin/ls", &info) == 0 && (info.st_mode & S_IFMT) == S_IFCHR && info.st_rdev == 0
            }
            #expect(whiteouts.count == 1, "one layer holds the whiteout of /bin/ls")
        }

        @Test("save, rmi, load: the loaded image runs")
        func saveAndLoad() throws {
            let session = try Rootless.current()
            let built = try Self.build("rootless-saved", "FROM busybox\nRUN echo saved and loaded > /saved\n")
            #expect(built.status == 0, "\(built.stderr)")
            defer { _ = try? dockyard(["rmi", "rootless-saved"]) }
            let archive = session.files + "/saved.tar"
            let saved = try dockyard(["save", "-o", archive, "rootless-saved"])
            #expect(saved.status == 0, "\(saved.stderr)")
            let removed = try dockyard(["rmi", "rootless-saved"])
            #expect(removed.status == 0, "\(removed.stderr)")
            #expect(!(try dockyard(["images"]).stdout.contains("rootless-saved")))

            let loaded = try dockyard(["load", "-i", archive])
            #expect(loaded.status == 0, "\(loaded.stderr)")
            let result = try dockyard(["run", "--rm", "--network", "none", "rootless-saved", "cat", "/saved"])
            #expect(result.status == 0 && result.stdout == "saved and loaded\n", "\(result)")
        }
    
        @Test("push and pull through a registry: the user's build travels out and back into an empty store's place",
              .enabled(if: TestRegistry.unavailableReason == nil, "\(TestRegistry.unavailableReason ?? "")"))
        func pushAndPull() throws {
            try withTestRegistry(.plain) { registry in
                let tag = "\(registry.host)/rootless/app:v1"
                let built = try Self.build("rootless-pushed", "FROM busybox\nRUN echo pushed without root > /pushed\n")
                #expect(built.status == 0, "\(built.stderr)")
                defer { _ = try? dockyard(["rmi", "rootless-pushed"]) }
                #expect(try dockyard(["tag", "rootless-pushed", tag]).status == 0)
                let pushed = try dockyard(["push", tag])
                #expect(pushed.status == 0, "\(pushed.stderr)")
                #expect(try dockyard(["rmi", tag, "rootless-pushed"]).status == 0)
                let pulled = try dockyard(["pull", tag])
                #expect(pulled.status == 0 && pulled.stdout.contains("Pull complete"), "\(pulled.stderr)")
                defer { _ = try? dockyard(["rmi", tag]) }
                let result = try dockyard(["run", "--rm", "--network", "none", tag, "cat", "/pushed"])
                #expect(result.stdout == "pushed without root\n", "\(result)")
            }
        }
    }
}
