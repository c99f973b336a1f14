import FoundationEssentials
import HostSystem

#if canImport(Glibc)
import Glibc
#endif

/// Judges an exercise's live checks after the learner's commands ran: each reads the kernel or
/// the store now (`LiveState`) and says what it found in the learner's terms, never by searching
/// what the commands printed.
public struct ExerciseChecker: Sendable {
    var state: LiveState
    var text: UIText

    public init(context: StepContext, runner: ProcessRunner = ProcessRunner(), text: UIText) {
        self.state = LiveState(context: context, runner: runner)
        self.text = text
    }

    /// One result per check, in order. `answer` is what the learner typed when a check asks for one.
    public func judge(_ checks: [ExerciseCheck], answer: String?) -> [CheckResult] {
        checks.map { check in
            var (ok, message) = judge(check, answer: answer)
            // A server still starting, a file a detached container is about to write: what a
            // container does after `run -d` returns gets a few moments to appear.
            let deadline = ContinuousClock.now.advanced(by: Self.settleTime)
            while !ok, check.settles, ContinuousClock.now < deadline {
                usleep(250_000)
                (ok, message) = judge(check, answer: answer)
            }
            return CheckResult(check: .live(check), verdict: ok ? .passed : .failed, message: message)
        }
    }

    /// How long a settling check is tried again, every quarter second, before it fails.
    static let settleTime = Duration.seconds(3)

    /// The checks when the commands did not reach a real engine: nothing live to read.
    public func notApplicable(_ checks: [ExerciseCheck], reason: String) -> [CheckResult] {
        checks.map { CheckResult(check: .live($0), verdict: .notApplicable, message: reason) }
    }

    func judge(_ check: ExerciseCheck, answer: String?) -> (Bool, String) {
        switch check {
        case let .running(name):
            return running(name).map { _ in (true, text.isRunning(name)) } ?? (false, missing(name))
        case let .limit(kind, name, expected):
            return limit(kind, name, expected)
        case let .file(name, path, present):
            guard let container = running(name) else { return (false, missing(name)) }
            let found = state.exists(path, inRootOf: container.pid)
            return (found == present, text.fileSeen(path, in: name, found: found, wanted: present))
        case let .uid(name, uid):
            guard let container = running(name) else { return (false, missing(name)) }
            guard let found = state.effectiveUID(container.pid) else { return (false, text.cannotRead("/proc/\(container.pid)/status")) }
            return (found == uid, text.uid(name, found: found, wanted: uid))
        case let .sameImage(a, b):
            guard let first = state.container(a) else { return (false, text.noContainer(a)) }
            guard let second = state.container(b) else { return (false, text.noContainer(b)) }
            return (first.image == second.image, text.sameImage(a, b, same: first.image == second.image))
        case let .ownNamespace(name, kind):
            guard let container = running(name) else { return (false, missing(name)) }
            guard let inside = state.namespaceInode(String(container.pid), kind), let host = state.namespaceInode("self", kind) else {
                return (false, text.cannotRead("/proc/\(container.pid)/ns/\(kind)"))
            }
            return (inside != host, text.ownNamespace(name, kind, inside: inside, host: host))
        case let .answer(subject):
            return judgeAnswer(subject, answer ?? "")
        case let .layers(image, count):
            guard let found = state.inspect(image, "{{len .RootFS.Layers}}", image: true).flatMap({ Int($0.trimmed) }) else {
                return (false, text.noImage(image))
            }
            return (found == count, text.layers(image, found: found, wanted: count))
        case let .oneImage(a, b):
            return oneImage(a, b)
        case let .inRegistry(tag, image):
            return inRegistry(tag, image)
        case let .inspect(name, template, expected):
            guard let value = state.inspect(name, template) else { return (false, text.noContainer(name)) }
            return (value.trimmed == expected, text.inspected(name, template, value: value.trimmed, wanted: expected))
        case let .http(port, contains):
            guard let body = state.httpBody(port: port) else { return (false, text.nothingAnswers(port)) }
            return (body.contains(contains), text.httpAnswered(port, contains: contains, found: body.contains(contains)))
        case let .hostFile(path, contains):
            let full = state.hostPath(path)
            guard let content = LiveState.readUntrusted(full) else { return (false, text.noHostFile(path)) }
            return (content.contains(contains), text.hostFile(path, contains: contains, found: content.contains(contains)))
        }
    }

    /// The container when it is running, so its `/proc/PID` can be read.
    func running(_ name: String) -> LiveState.Container? {
        guard let container = state.container(name), container.running, container.pid > 0 else { return nil }
        return container
    }

    /// Why a container's live state cannot be read: no such container, or not running.
    func missing(_ name: String) -> String {
        state.container(name) == nil ? text.noContainer(name) : text.notRunning(name)
    }

    func limit(_ kind: ExerciseCheck.LimitKind, _ name: String, _ expected: Int64) -> (Bool, String) {
        guard let container = running(name) else { return (false, missing(name)) }
        let wanted = LimitValue.describe(expected, kind: kind, ko: text.ko)
        switch state.limit(kind, pid: container.pid) {
        case let .value(value, file):
            let set = LimitValue.describe(value, kind: kind, ko: text.ko)
            return (value == expected, value == expected ? text.limitIs(set, file: file) : text.limitWrong(set, wanted: wanted, file: file))
        case let .unlimited(file):
            return (false, text.noLimit(name, wanted: wanted, file: file))
        case .unreadable:
            return (false, text.cannotRead("/proc/\(container.pid)/cgroup"))
        }
    }

    func judgeAnswer(_ subject: ExerciseCheck.AnswerSubject, _ typed: String) -> (Bool, String) {
        let digits = typed.filter(\.isNumber)
        switch subject {
        case let .pid(name):
            guard let container = running(name) else { return (false, missing(name)) }
            guard !digits.isEmpty else { return (false, text.noAnswer) }
            if digits == "1" { return (false, text.pidInside(name)) }
            return (digits == String(container.pid), digits == String(container.pid) ? text.pidRight(name, digits) : text.pidWrong(name, digits))
        case let .hostUID(name):
            return hostUIDAnswer(name, digits)
        case let .namespace(name, kind):
            guard let container = running(name) else { return (false, missing(name)) }
            guard let inode = state.namespaceInode(String(container.pid), kind) else {
                return (false, text.cannotRead("/proc/\(container.pid)/ns/\(kind)"))
            }
            guard !digits.isEmpty else { return (false, text.noAnswer) }
            if let host = state.namespaceInode("self", kind), digits == String(host), host != inode {
                return (false, text.inodeIsHosts(kind, digits))
            }
            let right = digits == String(inode)
            return (right, right ? text.inodeRight(name, kind, digits) : text.inodeWrong(name, kind, digits))
        }
    }
}
