import Testing
import TestSupport
@testable import DockerfileSyntax

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Random mutations of real Dockerfiles: the parser must never crash or hang, and every error must
/// point at a line and column that exist. `DOCKYARD_FUZZ_SECONDS` runs it longer; `DOCKYARD_FUZZ_SEED`
/// picks the seed.
struct FuzzTests {
    static let corpus: [String] = [
        """
        # syntax=docker/dockerfile:1
        ARG GO_VERSION=1.22
        FROM --platform=$BUILDPLATFORM golang:${GO_VERSION}-alpine AS build
        WORKDIR /src
        RUN --mount=type=cache,target=/go/pkg/mod \\
            --mount=type=bind,source=go.sum,target=go.sum \\
            go mod download -x
        COPY --link . .
        RUN CGO_ENABLED=0 go build -o /out/app ./cmd/app
        FROM scratch
        COPY --from=build /out/app /app
        EXPOSE 8080/tcp
        USER 65532:65532
        HEALTHCHECK --interval=30s --timeout=3s CMD ["/app", "health"]
        ENTRYPOINT ["/app"]
        """,
        """
        # escape=`
        FROM mcr.microsoft.com/windows/servercore:ltsc2022
        SHELL ["powershell", "-Command"]
        RUN New-Item -ItemType Directory c:\\app `
            ; Set-Location c:\\app
        WORKDIR c:\\app
        ENV GREETING="hello world" OTHER=x
        CMD powershell -File run.ps1
        """,
        """
        FROM debian:bookworm-slim
        LABEL org.opencontainers.image.title="demo" \\
              version=1.0
        ENV DEBIAN_FRONTEND noninteractive
        RUN <<EOF
        apt-get update
        apt-get install -y --no-install-recommends curl
        rm -rf /var/lib/apt/lists/*
        EOF
        COPY <<-'CONF' /etc/app.conf
        \tkey = $VALUE
        \tCONF
        VOLUME ["/data"]
        STOPSIGNAL SIGQUIT
        ONBUILD COPY . /app
        MAINTAINER someone@example.com
        CMD ["sh", "-c", "echo $HOME"]
        """,
    ]

    static let fragments = ["\\", "`", "\n", "\r\n", "\"", "'", "<<EOF", "<<-X", "EOF\n", "$", "${", "}", "[", "]",
                            "--", "--from=", "=", " AS ", "#", "# escape=`\n", "FROM ", "RUN ", "ONBUILD ", "\t",
                            "\u{0}", "é", "HEALTHCHECK --interval=", "EXPOSE ", "ENV ", ",", ":", "\u{FEFF}"]


    static func mutate(_ text: String, using rng: inout SplitMix) -> [UInt8] {
        var bytes = Array(text.utf8)
        let edits = Int.random(in: 1...8, using: &rng)
        for _ in 0..<edits {
            let position = bytes.isEmpty ? 0 : Int.random(in: 0...bytes.count, using: &rng)
            switch Int.random(in: 0..<6, using: &rng) {
            case 0 where !bytes.isEmpty && position < bytes.count:
                bytes.remove(at: position)
            case 1:
                bytes.insert(contentsOf: Array(fragments.randomElement(using: &rng)?.utf8 ?? "".utf8), at: position)
            case 2 where !bytes.isEmpty && position < bytes.count:
                bytes[position] = UInt8.random(in: 0...255, using: &rng)
            case 3 where !bytes.isEmpty:
                let start = Int.random(in: 0..<bytes.count, using: &rng)
                let end = min(bytes.count, start + Int.random(in: 1...40, using: &rng))
                bytes.insert(contentsOf: bytes[start..<end], at: position)
            case 4 where !bytes.isEmpty:
                let start = Int.random(in: 0..<bytes.count, using: &rng)
                let end = min(bytes.count, start + Int.random(in: 1...40, using: &rng))
                bytes.removeSubrange(start..<end)
            default:
                bytes.insert(UInt8.random(in: 0x20...0x7E, using: &rng), at: position)
            }
        }
        return bytes
    }

    /// Parses one input and checks the invariants; returns a description of a broken one.
    static func check(_ bytes: [UInt8]) -> String? {
        let lineCount = (try? SourceFile(bytes: bytes))?.lines.count
        do {
            let file = try Dockerfile(bytes: bytes)
            for instruction in file.instructions {
                guard instruction.line >= 1, instruction.endLine >= instruction.line,
                      let lineCount, instruction.endLine <= lineCount else {
                    return "instruction lines \(instruction.line)-\(instruction.endLine) outside 1...\(lineCount ?? -1)"
                }
                _ = file.json.rendered()
                _ = instruction.explanation
            }
        } catch {
            let maxLine = max(1, lineCount ?? Int.max)
            guard error.location.line >= 1, error.location.line <= maxLine, error.location.column >= 1 else {
                return "error \(error) has a location outside the file (\(lineCount ?? -1) lines)"
            }
            if let source = try? SourceFile(bytes: bytes), error.location.line <= source.lines.count {
                let width = source.lines[error.location.line - 1].scalars.count
                guard error.location.column <= width + 1 else {
                    return "error \(error) points past the end of its line (\(width) characters)"
                }
            }
            _ = error.rendered(fileName: "Dockerfile", source: try? SourceFile(bytes: bytes))
        }
        return nil
    }


    @Test("random mutations of real Dockerfiles never crash and every error has a valid place")
    func mutations() throws {
        let seed = FuzzSettings.seed(default: 0xD0C4_7A2D)
        var rng = SplitMix(state: seed)
        let seconds = FuzzSettings.environmentSeconds ?? 2
        let clock = ContinuousClock()
        let start = clock.now
        var runs = 0
        var failures: [String] = []
        while clock.now - start < .milliseconds(Int(seconds * 1000)) && failures.count < 5 {
            guard let base = Self.corpus.randomElement(using: &rng) else { break }
            let input = Self.mutate(base, using: &rng)
            if let problem = Self.check(input) {
                failures.append("\(problem)\ninput: \(String(decoding: input, as: UTF8.self).debugDescription)")
            }
            runs += 1
        }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n\n"))")
        #expect(runs > 100)
        if FuzzSettings.environmentSeconds != nil {
            print("fuzz: \(runs) inputs in \(seconds)s, seed \(seed), \(failures.count) failures")
        }
    }

    @Test("the unmutated corpus parses")
    func corpusParses() throws {
        for text in Self.corpus {
            _ = try parsed(text)
        }
    }

    @Test("pathological inputs finish quickly")
    func pathological() throws {
        let inputs = [
            String(repeating: "[", count: 50_000),
            "FROM a\nCMD " + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000),
            "FROM a\nRUN " + String(repeating: "\\\n", count: 10_000) + "x",
            "FROM a\nENV " + String(repeating: "\"", count: 9_999),
            "FROM a\nCOPY " + String(repeating: "<<E ", count: 2_000) + "/d\n",
            String(repeating: "\n", count: 100_000),
        ]
        let clock = ContinuousClock()
        for input in inputs {
            let elapsed = clock.measure { _ = Self.check(Array(input.utf8)) }
            #expect(elapsed < .seconds(2), "\(input.prefix(20))… took \(elapsed)")
        }
    }
}
