#if canImport(Glibc)
import Glibc
#endif
import Foundation
import LinuxKernel
import Testing

/// Profiles in Docker's JSON format: the default one the binary carries, hand-written ones that
/// exercise every comparison on 64-bit values, and broken ones, which must be refused by name.
@Suite("Seccomp profiles in Docker's format")
struct SeccompProfileTests {
    static let kernel = KernelVersion(major: 6, minor: 18)

    @Test("Docker's default profile decodes from the text the binary carries, and survives a round trip")
    func dockerDefault() throws {
        let profile = SeccompProfile.dockerDefault
        #expect(profile.defaultAction == .errno && profile.defaultErrnoRet == 1)
        #expect(profile.syscalls.count >= 30)
        #expect(profile.syscalls.first?.names.contains("read") == true)
        let again = try JSONDecoder().decode(SeccompProfile.self, from: JSONEncoder().encode(profile))
        #expect(again == profile)
        // Every name either has a number here or is another architecture's (the 32-bit and s390 calls).
        let unknown = Set(profile.syscalls.flatMap(\.names)).filter { SeccompFilter.number($0) == nil }
        #if arch(x86_64)
        #expect(!unknown.contains("mseal") && !unknown.contains("uretprobe") && !unknown.contains("listxattrat"))
        #expect(unknown.allSatisfy { $0.hasSuffix("32") || $0.hasSuffix("64") || $0.hasPrefix("s390") || $0.hasPrefix("arm")
                || $0.hasPrefix("riscv") || ["_llseek", "_newselect", "breakpoint", "cacheflush", "ipc", "mmap2", "recv", "send",
                    "set_tls", "sigprocmask", "sigreturn", "socketcall", "stime", "swapcontext", "sync_file_range2",
                    "ugetrlimit", "umount", "waitpid"].contains($0) }, "\(unknown.sorted())")
        #endif
    }

    /// A profile allowing everything but `mkdirat`'s checks: one entry per comparison, on arg1
    /// (mkdirat's mode), so a test can tell each comparison by its errno.
    static let everyComparison = SeccompProfile(defaultAction: .allow, syscalls: [
        .init(names: ["getpriority"], action: .errno, errnoRet: 11,
              args: [.init(index: 1, value: 0x1_0000_0005, op: .equal)]),
        .init(names: ["getpriority"], action: .errno, errnoRet: 12,
              args: [.init(index: 2, value: 0x2_0000_0000, op: .greaterThan)]),
        .init(names: ["setpriority"], action: .errno, errnoRet: 13,
              args: [.init(index: 0, value: 0x1_0000_0000, op: .lessThan), .init(index: 5, value: 7, op: .notEqual)]),
        .init(names: ["setpriority"], action: .errno, errnoRet: 14,
              args: [.init(index: 0, value: 0x1_ffff_fff0, op: .greaterOrEqual)]),
        .init(names: ["getpgid"], action: .errno, errnoRet: 15,
              args: [.init(index: 0, value: 0xffff_ffff_0000_000f, op: .lessOrEqual)]),
        .init(names: ["getpgid"], action: .killProcess),   // outright: it wins over the rule above
        .init(names: ["mkdirat"], action: .errno, errnoRet: 16,
              args: [.init(index: 2, value: 0xf000_0000_0000_00f0, valueTwo: 0x8000_0000_0000_0010, op: .maskedEqual)]),
        .init(names: ["mkdirat"], action: .trap,
              args: [.init(index: 3, value: 0xffff_ffff_ffff_ffff, op: .equal)]),
        .init(names: ["mkdir"], action: .errno, errnoRet: 17, excludes: .init(caps: ["CAP_CHOWN"])),
        .init(names: ["rmdir"], action: .log, includes: .init(arches: ["s390x"])),
    ])

    @Test("each comparison, on values whose high word matters, compiles to what a plain reading says")
    func everyComparisonAgrees() {
        for (label, capabilities) in SeccompFilterTests.capabilitySets {
            SeccompFilterTests.expectAgreement(Self.everyComparison, capabilities, label: label)
        }
    }

    @Test("64-bit comparisons: a low word alone does not decide")
    func highWords() throws {
        let profile = Self.everyComparison
        let caps = Capability.dockerDefault
        #expect(try SeccompFilterTests.verdict(profile, caps, "getpriority", [0, 0x1_0000_0005]) == SeccompFilter.fail(11))
        #expect(try SeccompFilterTests.verdict(profile, caps, "getpriority", [0, 0x5]) == SeccompFilter.allow)
        #expect(try SeccompFilterTests.verdict(profile, caps, "getpriority", [0, 0, 0x2_0000_0001]) == SeccompFilter.fail(12))
        #expect(try SeccompFilterTests.verdict(profile, caps, "getpriority", [0, 0, 0x1_ffff_ffff]) == SeccompFilter.allow)
        #expect(try SeccompFilterTests.verdict(profile, caps, "setpriority", [0xffff_ffff]) == SeccompFilter.fail(13))
        #expect(try SeccompFilterTests.verdict(profile, caps, "setpriority", [0xffff_ffff, 0, 0, 0, 0, 7]) == SeccompFilter.allow)
        #expect(try SeccompFilterTests.verdict(profile, caps, "setpriority", [0x2_0000_0000]) == SeccompFilter.fail(14))
        #expect(try SeccompFilterTests.verdict(profile, caps, "getpgid", [0]) == 0x8000_0000)
        #expect(try SeccompFilterTests.verdict(profile, caps, "mkdirat", [0, 0, 0x8000_0000_0000_0011]) == SeccompFilter.fail(16))
        #expect(try SeccompFilterTests.verdict(profile, caps, "mkdirat", [0, 0, 0x0000_0000_0000_0011]) == SeccompFilter.allow)
        #expect(try SeccompFilterTests.verdict(profile, caps, "mkdirat", [0, 0, 0, .max]) == 0x0003_0000)
        #expect(try SeccompFilterTests.verdict(profile, caps, "mkdir") == SeccompFilter.allow)   // excluded: CAP_CHOWN held
        #expect(try SeccompFilterTests.verdict(profile, [], "mkdir") == SeccompFilter.fail(17))
        #expect(try SeccompFilterTests.verdict(profile, caps, "rmdir") == SeccompFilter.allow)   // s390x only
    }

    @Test("a call with more rules than a conditional jump can skip still compiles and agrees")
    func longRules() {
        let rules = (0..<30).map { n in
            SeccompProfile.Entry(names: ["getpriority"], action: .errno, errnoRet: UInt32(n + 1), args: [
                .init(index: 0, value: UInt64(n), op: .equal), .init(index: 1, value: UInt64(n) << 40, op: .greaterOrEqual),
                .init(index: 2, value: 3, op: .notEqual),
            ])
        }
        let profile = SeccompProfile(defaultAction: .errno, defaultErrnoRet: 1,
                                     syscalls: rules + [.init(names: ["read", "write", "getpid"], action: .allow)])
        SeccompFilterTests.expectAgreement(profile, Capability.dockerDefault, label: "30 rules")
    }

    static func refusal(_ json: String) -> String? {
        do {
            _ = try SeccompProfile(json: json, source: "broken.json")
            return nil
        } catch {
            return error.description
        }
    }

    @Test("a broken profile is refused with the file's name and what is wrong")
    func brokenProfiles() {
        let cases: [(String, String)] = [
            ("{\"defaultAction\": ", "seccomp profile broken.json: not valid JSON (Unexpected end of file"),
            ("{\"defaultAction\": \"SCMP_ACT_ALLOW\",\n \"syscalls\": [ {\"names\": [\"mkdir\"] \"action\": \"SCMP_ACT_ERRNO\"} ]}",
             "seccomp profile broken.json: not valid JSON (near line 2, column 37)"),
            ("{\"defaultAction\": 7, \"syscalls\": []}", "defaultAction: expected a string"),
            ("{\"syscalls\": []}", "missing \"defaultAction\""),
            ("{\"defaultAction\": \"SCMP_ACT_NOPE\", \"syscalls\": []}", "defaultAction: unknown action \"SCMP_ACT_NOPE\""),
            ("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ERRNO\", \"args\": [{\"index\": 0, \"value\": 1, \"op\": \"SCMP_CMP_XX\"}]}]}",
             "syscalls[0].args[0].op: unknown op \"SCMP_CMP_XX\""),
            ("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"action\": \"SCMP_ACT_ERRNO\"}]}", "syscalls[0]: missing \"names\""),
            ("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"name\": \"a\", \"names\": [\"b\"], \"action\": \"SCMP_ACT_ERRNO\"}]}",
             "both \"name\" and \"names\""),
            ("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ERRNO\", \"args\": [{\"index\": 6, \"value\": 1, \"op\": \"SCMP_CMP_EQ\"}]}]}",
             "syscalls[0]: argument index 6"),
            ("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ERRNO\", \"args\": [{\"index\": 0, \"value\": -1, \"op\": \"SCMP_CMP_EQ\"}]}]}",
             "a number does not fit its field"),
            ("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_ERRNO\", \"includes\": {\"minKernel\": \"new\"}}]}",
             "minKernel \"new\""),
            ("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"names\": [], \"action\": \"SCMP_ACT_ERRNO\"}]}", "syscalls[0]: no system call names"),
        ]
        for (json, expected) in cases {
            let message = Self.refusal(json)
            #expect(message?.contains(expected) == true, "\(json) -> \(message ?? "accepted")")
            #expect(message?.hasPrefix("seccomp profile broken.json: ") == true)
        }
        #expect(Self.refusal("{\"defaultAction\": \"SCMP_ACT_ALLOW\", \"syscalls\": [{\"name\": \"mkdir\", \"action\": \"SCMP_ACT_ERRNO\"}]}") == nil)
    }

    @Test("decoding the default profile once costs little (measured, printed)")
    func decodingCost() throws {
        let clock = ContinuousClock()
        let runs = 20
        let elapsed = try clock.measure {
            for _ in 0..<runs { _ = try SeccompProfile(json: SeccompProfile.dockerDefaultJSON, source: "default") }
        }
        let compile = clock.measure {
            for _ in 0..<runs { _ = SeccompFilter(.dockerDefault, capabilities: Capability.dockerDefault, kernel: Self.kernel) }
        }
        print("seccomp: decode \(elapsed / runs) per profile, compile \(compile / runs) per filter (this build's optimisation)")
    }
}

/// The built-in profile is Swift values generated from the JSON; this proves they still agree.
@Suite("The built-in default profile")
struct BuiltInProfileTests {
    @Test("the built-in profile equals Docker's JSON (on a mismatch, the file to copy in is written)")
    func equalsJSON() throws {
        let decoded = try SeccompProfile(json: SeccompProfile.dockerDefaultJSON, source: "Docker's default")
        guard decoded != .dockerDefault else { return }
        let path = NSTemporaryDirectory() + "SeccompProfile+DockerDefault.swift"
        try decoded.swiftSource().write(toFile: path, atomically: true, encoding: .utf8)
        Issue.record("SeccompProfile.dockerDefault differs from dockerDefaultJSON: copy \(path) to Sources/LinuxKernel/")
    }
}
