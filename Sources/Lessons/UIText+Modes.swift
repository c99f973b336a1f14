/// The player's words for the learner's mode and for steps that mode cannot run.
extension UIText {
    /// Why rootless mode cannot run a step: what only the host's root may do.
    func needsHostRoot(_ limit: RootlessLimit) -> String {
        switch limit {
        case .cgroup:
            ko ? "호스트의 root가 필요합니다: 위임받은 cgroup이 없어서 자원 제한을 걸 곳이 없습니다"
                : "needs the host's root: no cgroup is delegated to you, so a limit has nowhere to be written"
        case .port:
            ko ? "호스트의 root가 필요합니다: 1024보다 작은 포트는 root만 열 수 있습니다"
                : "needs the host's root: only root may bind a port below 1024"
        case .device:
            ko ? "호스트의 root가 필요합니다: 사용자 네임스페이스 안에서는 장치 노드를 만들 수 없습니다"
                : "needs the host's root: a user namespace may not make device nodes"
        case .network:
            ko ? "호스트의 root가 필요합니다: 기본 네트워크의 브리지와 veth는 호스트의 네트워크 네임스페이스에 만들어집니다 (rootless 네트워크는 pasta가 있어야 합니다)"
                : "needs the host's root: the default network's bridge and veths are made in the host's network namespace (rootless networks need pasta, Debian's passt)"
        case .host:
            ko ? "호스트의 root가 필요합니다: 호스트 전체의 설정을 바꿉니다"
                : "needs the host's root: it changes a setting of the whole host"
        case .ids:
            ko ? "호스트의 root가 필요합니다: 내 사용자 네임스페이스에 없는 ID를 대응시킵니다"
                : "needs the host's root: it maps ids your user namespace does not hold"
        }
    }

    /// Why a learner has no real engine at all.
    func noRealEngine(_ cause: SimulationCause) -> String {
        switch cause {
        case .asked: ko ? "--simulate로 실행했습니다" : "you asked for --simulate"
        case .noUserNamespaces: ko ? "root가 아니고, 이 커널은 사용자 네임스페이스를 허용하지 않습니다" : "not root, and this kernel allows no user namespaces"
        case .noMapHelpers: ko ? "root가 아니고, newuidmap/newgidmap이 없습니다(uidmap 패키지)" : "not root, and newuidmap/newgidmap are missing (the uidmap package)"
        case let .noSubordinateIDs(user):
            ko ? "root가 아니고, /etc/subuid에 \(user)의 범위가 없습니다"
                : "not root, and /etc/subuid has no range for \(user)"
        }
    }

    func simulatedBecause(_ why: String) -> String { ko ? "시뮬레이션: \(why)" : "simulated: \(why)" }
    func skippedBecause(_ why: String) -> String { ko ? "건너뜀: \(why)" : "skipped: \(why)" }

    /// A recorded real run shown instead of running the step.
    func recorded(_ why: String, at: String, kernel: String) -> String {
        let when = String(at.prefix(10))
        return ko ? "녹화된 실제 실행 (\(when), \(kernel)): \(why)" : "recorded real run (\(when), \(kernel)): \(why)"
    }

    /// The mode in a few words, beside the lesson list's title: the banner above it may have
    /// scrolled away by the time the list fills the screen.
    func modeTag(_ mode: LearnerMode) -> String? {
        switch mode {
        case .root: nil
        case .rootless: ko ? "rootless 모드" : "rootless mode"
        case .simulation: ko ? "시뮬레이션: 녹화된 실행이나 시뮬레이션으로 보여 줌" : "simulation: steps shown recorded or simulated"
        }
    }

    /// Said once, before the first page: how this learner's steps will run.
    func modeBanner(_ mode: LearnerMode) -> String? {
        switch mode {
        case .root:
            return nil
        case .rootless:
            return ko ? "rootless 모드: 단계는 내 사용자 네임스페이스 안에서 실제로 실행됩니다. 호스트의 root가 필요한 단계는 녹화된 실제 실행이나 시뮬레이션으로 보여 줍니다."
                : "Rootless mode: steps run for real in your own user namespace. A step that needs the host's root is shown from a recorded real run, or simulated."
        case let .simulation(cause):
            let why = noRealEngine(cause)
            let hint: String
            if case let .noSubordinateIDs(user) = cause {
                hint = ko ? " rootless 모드를 쓰려면: sudo usermod --add-subuids 100000-165535 --add-subgids 100000-165535 \(user)"
                    : " For rootless mode: sudo usermod --add-subuids 100000-165535 --add-subgids 100000-165535 \(user)"
            } else {
                hint = ""
            }
            return (ko ? "\(why). 단계는 녹화된 실제 실행이나 시뮬레이션으로 보여 줍니다 (recorded, simulated 표시)."
                : "\(why.prefix(1).uppercased() + why.dropFirst()): steps are shown from recorded real runs or simulated (marked recorded, simulated).") + hint
        }
    }
}
