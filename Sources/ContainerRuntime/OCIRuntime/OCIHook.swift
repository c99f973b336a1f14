import HostSystem
import OCI

/// One of config.json's hooks: a host program the runtime runs at a point of the container's
/// life (prestart, createRuntime, …, poststop), given the container's state JSON on stdin.
/// A hook that exits non-zero, or outlives its `timeout`, has failed.
struct OCIHook {
    var hook: RuntimeSpec.Hook

    init(_ hook: RuntimeSpec.Hook) { self.hook = hook }

    func run(state: String) throws {
        // `args` is the whole argv, argv[0] included, as execve(2) takes it.
        var program = HostProgram(hook.path, Array((hook.args ?? [hook.path]).dropFirst()),
                                  environment: hook.env ?? [], input: Array(state.utf8))
        program.argument0 = hook.args?.first
        program.timeout = hook.timeout.map(Double.init)
        let result: HostProgram.Result
        do { result = try program.run() } catch {
            throw RuntimeError(code: .system, "running hook \(hook.path): \(error)")
        }
        if result.timedOut { throw RuntimeError(code: .system, "hook \(hook.path) timed out after \(hook.timeout ?? 0)s") }
        guard result.exit.code == 0 else {
            let said = result.errorText.trimmed
            throw RuntimeError(code: .system, "hook \(hook.path) failed: \(result.exit)" + (said.isEmpty ? "" : ": " + said))
        }
    }
}

/// The hooks of a container's life after `create` (runtime.md: startContainer, poststart,
/// poststop), kept in the runtime's state at create as runc keeps the config it created from:
/// `start` and `delete` run them without decoding the bundle's config.json again.
struct OCILaterHooks {
    var startContainer: [RuntimeSpec.Hook] = []
    var poststart: [RuntimeSpec.Hook] = []
    var poststop: [RuntimeSpec.Hook] = []

    init(startContainer: [RuntimeSpec.Hook] = [], poststart: [RuntimeSpec.Hook] = [], poststop: [RuntimeSpec.Hook] = []) {
        self.startContainer = startContainer
        self.poststart = poststart
        self.poststop = poststop
    }

    init(_ hooks: RuntimeSpec.Hooks?) {
        self.init(startContainer: hooks?.startContainer ?? [], poststart: hooks?.poststart ?? [], poststop: hooks?.poststop ?? [])
    }
}
