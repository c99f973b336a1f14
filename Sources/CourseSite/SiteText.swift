/// The course site's own words in English and Korean (the lessons bring their own).
struct SiteText: Sendable {
    var language: String
    var ko: Bool { language == "ko" }

    var courseTitle: String { ko ? "Dockyard: 컨테이너는 어떻게 동작하는가" : "Dockyard: how containers really work" }
    var intro: String {
        ko ? "Dockerfile은 단계로 읽히고, 단계는 변하지 않는 레이어의 이미지를 만들고, 이미지는 컨테이너로 실행됩니다. 컨테이너는 호스트 커널 위에서 네임스페이스, cgroup, 레이어 위의 쓰기 가능한 overlay로 격리된 프로세스입니다. 각 수업은 진짜 엔진을 돌리고, 커널이 무엇을 만들었는지 보여 줍니다. 아래 기록은 실제 실행에서 온 것입니다."
           : "A Dockerfile is read into steps, the steps build an image of immutable layers, and an image runs as a container: processes on the host's kernel, isolated by namespaces, limited by cgroups, on a writable overlay over the image's layers. Each lesson runs the real engine and shows what the kernel was asked to make; the transcripts below were recorded from real runs."
    }
    var lessons: String { ko ? "수업" : "Lessons" }
    var search: String { ko ? "검색…" : "Search…" }
    var previous: String { ko ? "이전" : "Previous" }
    var next: String { ko ? "다음" : "Next" }
    var printAll: String { ko ? "전체 인쇄" : "Print all" }
    var theme: String { ko ? "테마" : "Theme" }
    var otherLanguage: String { ko ? "English" : "한국어" }
    var recordedOn: String { ko ? "기록:" : "Recorded" }
    var kernelWord: String { ko ? "커널" : "on kernel" }
    var notRecorded: String { ko ? "아직 녹화되지 않았습니다: root로 dockyard course record를 실행해 녹화하세요." : "Not recorded yet: run dockyard course record as root." }
    var notRecordedSimulated: String {
        ko ? "기록이 없어 사이트를 만들 때 시뮬레이션한 결과입니다. 아무것도 만들어지지 않았습니다" : "no recording yet, so this is the simulation, run while the site was built; nothing was created"
    }
    var notRecordedNoSimulation: String {
        ko ? "녹화가 없고, 이 명령어에는 시뮬레이션도 없습니다: root로 dockyard course record를 실행해 녹화하세요" : "no recording yet, and this command has no simulation: run dockyard course record as root"
    }
    var simulated: String { ko ? "시뮬레이션 실행" : "Simulated run" }
    var skipped: String { ko ? "건너뜀" : "Skipped" }
    var recordedReal: String { ko ? "실제 실행 기록" : "Recorded real run" }
    var exitStatus: String { ko ? "종료 상태" : "exit status" }
    var hint: String { ko ? "힌트" : "Hint" }
    var check: String { ko ? "확인" : "Check" }
    var correct: String { ko ? "맞았습니다!" : "Correct!" }
    var wrong: String { ko ? "다시 생각해 보세요." : "Not quite — try again." }
    var markDone: String { ko ? "이 수업을 마쳤습니다" : "Mark this lesson done" }
    var solution: String { ko ? "풀이 보기" : "Show the solution" }
    var exerciseDone: String { ko ? "직접 해 봤습니다" : "I did this exercise" }
    /// `{n}` is filled in by the page's script from the learner's progress.
    func tasksDone(_ total: Int) -> String { ko ? "퀴즈·연습 {n}/\(total)" : "quizzes and exercises {n}/\(total)" }
    var noResults: String { ko ? "결과 없음" : "No results" }
    var start: String { ko ? "시작하기" : "Start" }

    var namespaces: String { ko ? "네임스페이스" : "Namespaces" }
    var cgroups: String { ko ? "cgroup 파일" : "Cgroup files" }
    var mounts: String { ko ? "마운트" : "Mounts" }
    var network: String { ko ? "네트워크" : "Network" }
    var overlay: String { ko ? "overlay 레이어 쌓기" : "Overlay layer stack" }
    var merged: String { ko ? "컨테이너가 보는 /" : "what the container sees as /" }
    var atExit: String { ko ? "종료 때 쓰기 레이어의 변경" : "its changes, at exit" }
    var writable: String { ko ? "쓰기 가능" : "writable" }
    var readOnly: String { ko ? "읽기 전용" : "read-only" }
    var whiteout: String { ko ? "화이트아웃" : "whiteout" }
    var kind: String { ko ? "종류" : "kind" }
    var container: String { ko ? "컨테이너" : "container" }
    var host: String { ko ? "호스트" : "host" }
    var sharedNamespace: String { ko ? "호스트와 공유" : "shared with the host" }
    var joinedNamespace: String { ko ? "기존 것에 합류 (setns)" : "joined (setns)" }
    var type: String { ko ? "종류" : "type" }
    var source: String { ko ? "원본" : "source" }
    var target: String { ko ? "대상" : "target" }
    var options: String { ko ? "옵션" : "options" }
    var pivotRoot: String { ko ? "새 루트가 / 가 되고 호스트의 루트는 떼어짐" : "the rootfs becomes /, the host's root is detached" }

    var confinement: String { ko ? "제한: capability와 seccomp" : "Confinement: capabilities and seccomp" }
    var boundingSet: String { ko ? "bounding set" : "bounding set" }
    var effectiveSet: String { ko ? "effective set" : "effective set" }
    var sameAsBounding: String { ko ? "bounding set과 같음 (uid 0)" : "the same as the bounding set (uid 0)" }
    var noCapabilities: String { ko ? "없음 (root가 아닌 사용자)" : "none (not root)" }
    func seccompFilter(_ n: Int) -> String { ko ? "seccomp 필터 (BPF 명령어 \(n)개)" : "seccomp filter (\(n) BPF instructions)" }
    var seccompRules: String { ko ? "인자에 조건이 붙은 규칙" : "rules on arguments" }
    var seccompRefused: String { ko ? "프로필이 이 컨테이너에 거절하는 콜" : "calls the profile refuses this container" }

    func allEvents(_ n: Int) -> String { ko ? "커널 이벤트 \(n)개 모두" : "all \(n) kernel events" }
}
