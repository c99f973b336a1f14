/// The exercise flow's words and its checks' verdicts, in the learner's language: what the
/// kernel or the store holds now, said in the learner's terms.
extension UIText {
    // The flow.
    var exerciseTypePrompt: String {
        ko ? "직접 해 보세요. 명령어를 입력하세요. 여러 줄도 됩니다(빈 줄: 실행, 첫 줄이 비면 취소, <<EOF는 EOF 줄까지 읽음)."
            : "Your turn: type the commands, several lines if you like (an empty line runs them; empty at once: cancel; <<EOF reads up to EOF)."
    }
    var exerciseMore: String { "… " }
    var exerciseAnswerPrompt: String { ko ? "답을 입력하세요: " : "Your answer: " }
    var solutionHidden: String {
        ko ? "풀이는 숨겨 두었습니다. s를 누르거나 두 번 틀리면 보입니다." : "The solution is hidden: press s, or it shows after two tries."
    }
    var solutionShown: String { ko ? "풀이:" : "Solution:" }
    func triesLeft(_ tries: Int) -> String {
        ko ? "아직 아닙니다(\(tries)번째 시도). 고쳐서 Enter로 다시 해 보세요. h: 힌트, s: 풀이"
            : "Not yet (try \(tries)). Fix it and press Enter to try again; h: hint, s: solution"
    }
    var exercisePassed: String { ko ? "연습 문제를 해냈습니다!" : "Exercise done!" }
    func interactiveShell(_ command: String) -> String {
        ko ? "\(command): 터미널을 컨테이너에 넘깁니다. 셸에서 exit하면 수업으로 돌아옵니다."
            : "\(command): the terminal is the container's now; exit the shell to come back to the lesson."
    }
    func liveNotChecked(_ why: String) -> String {
        ko ? "확인 안 함: 이 연습 문제는 실행 중인 커널 객체를 읽습니다. \(why)"
            : "not checked: this exercise reads live kernel objects; \(why)"
    }
    var liveNeedsEngine: String {
        ko ? "실제 엔진(root, 또는 가능한 경우 rootless 모드)이 필요합니다" : "it needs a real engine (root, or rootless mode where the engine can)"
    }

    // The checks' verdicts.
    func noContainer(_ name: String) -> String {
        ko ? "`\(name)`(이)라는 컨테이너가 없습니다. `--name \(name)`(으)로 이름을 붙이세요"
            : "there is no container named \(name): give it --name \(name)"
    }
    func notRunning(_ name: String) -> String {
        ko ? "\(name)이(가) 실행 중이 아닙니다. 확인은 실행 중인 컨테이너의 /proc/PID를 읽습니다(-d와 sleep으로 살려 두세요)"
            : "\(name) is not running: the check reads a running container's /proc/PID (keep it alive with -d and a sleep)"
    }
    func isRunning(_ name: String) -> String { ko ? "\(name)이(가) 실행 중입니다" : "\(name) is running" }
    func cannotRead(_ path: String) -> String { ko ? "\(path)을(를) 읽을 수 없습니다" : "cannot read \(path)" }
    func limitIs(_ set: String, file: String) -> String {
        ko ? "커널이 보관한 제한은 \(set)입니다 (\(file))" : "the kernel holds a limit of \(set) (\(file))"
    }
    func limitWrong(_ set: String, wanted: String, file: String) -> String {
        ko ? "설정한 값은 \(set)인데, 연습 문제는 \(wanted)을(를) 요구합니다 (\(file))"
            : "you set \(set); the exercise asks for \(wanted) (\(file))"
    }
    func noLimit(_ name: String, wanted: String, file: String) -> String {
        ko ? "\(name)의 cgroup에는 제한이 없습니다(\(file)). 연습 문제는 \(wanted)을(를) 요구합니다. 값을 출력하기만 해서는 제한이 생기지 않습니다"
            : "\(name)'s cgroup has no limit (\(file)); the exercise asks for \(wanted). Printing the number does not set it"
    }
    func fileSeen(_ path: String, in name: String, found: Bool, wanted: Bool) -> String {
        switch (found, wanted, ko) {
        case (true, true, false): "\(name) sees \(path) in its root"
        case (true, true, true): "\(name)의 루트에 \(path)이(가) 보입니다"
        case (false, true, false): "\(name) does not see \(path) in its root (yet)"
        case (false, true, true): "\(name)의 루트에 아직 \(path)이(가) 없습니다"
        case (false, false, false): "\(name) does not see \(path): its writable layer is its own"
        case (false, false, true): "\(name)에는 \(path)이(가) 보이지 않습니다. 쓰기 가능한 레이어는 컨테이너마다 따로입니다"
        case (true, false, false): "\(name) sees \(path) too: it should not — was the file written into the image, or into both?"
        case (true, false, true): "\(name)에도 \(path)이(가) 보입니다. 보이면 안 됩니다. 이미지에 넣었거나 양쪽에 만들지 않았나요?"
        }
    }
    func uid(_ name: String, found: UInt32, wanted: UInt32) -> String {
        if found == wanted { return ko ? "\(name)의 프로세스는 uid \(found)(으)로 실행 중입니다" : "\(name)'s process runs as uid \(found)" }
        return ko ? "\(name)의 프로세스는 uid \(found)(으)로 실행 중인데, 연습 문제는 uid \(wanted)을(를) 요구합니다"
            : "\(name)'s process runs as uid \(found); the exercise asks for uid \(wanted)"
    }
    func sameImage(_ a: String, _ b: String, same: Bool) -> String {
        switch (same, ko) {
        case (true, false): "\(a) and \(b) run the same image"
        case (true, true): "\(a)와(과) \(b)은(는) 같은 이미지로 실행 중입니다"
        case (false, false): "\(a) and \(b) come from different images: start both from the same one"
        case (false, true): "\(a)와(과) \(b)의 이미지가 다릅니다. 같은 이미지로 실행하세요"
        }
    }
    func ownNamespace(_ name: String, _ kind: String, inside: UInt64, host: UInt64) -> String {
        if inside == host {
            return ko ? "\(name)의 \(kind) 네임스페이스가 호스트와 같습니다(\(inside))" : "\(name) shares the host's \(kind) namespace (\(inside))"
        }
        return ko ? "\(name)의 \(kind) 네임스페이스는 \(inside), 호스트는 \(host): 서로 다른 커널 객체입니다"
            : "\(name)'s \(kind) namespace is \(inside), the host's \(host): two kernel objects"
    }
    var noAnswer: String { ko ? "답에 숫자가 없습니다" : "the answer has no number in it" }
    func pidInside(_ name: String) -> String {
        ko ? "1은 \(name) 안의 pid 네임스페이스에서 본 번호입니다. 호스트는 같은 프로세스를 다른 번호로 봅니다"
            : "1 is the number inside \(name)'s pid namespace; the host numbers the same process differently"
    }
    func pidRight(_ name: String, _ pid: String) -> String {
        ko ? "맞습니다. \(name)의 첫 프로세스는 호스트에서 pid \(pid)입니다" : "right: \(name)'s first process is pid \(pid) on the host"
    }
    func pidWrong(_ name: String, _ pid: String) -> String {
        ko ? "\(pid)은(는) \(name)의 호스트 pid가 아닙니다" : "\(pid) is not \(name)'s host pid"
    }
    func inodeIsHosts(_ kind: String, _ inode: String) -> String {
        ko ? "\(inode)은(는) 호스트의 \(kind) 네임스페이스입니다(/proc/self/ns/\(kind)). 컨테이너의 것을 읽으세요"
            : "\(inode) is the host's \(kind) namespace (/proc/self/ns/\(kind)); read the container's"
    }
    func inodeRight(_ name: String, _ kind: String, _ inode: String) -> String {
        ko ? "맞습니다. \(name)의 \(kind) 네임스페이스는 inode \(inode)입니다" : "right: \(name)'s \(kind) namespace is inode \(inode)"
    }
    func inodeWrong(_ name: String, _ kind: String, _ inode: String) -> String {
        ko ? "\(inode)은(는) \(name)의 \(kind) 네임스페이스가 아닙니다" : "\(inode) is not \(name)'s \(kind) namespace"
    }
    func noImage(_ image: String) -> String {
        ko ? "저장소에 \(image) 이미지가 없습니다. `-t \(image)`(으)로 빌드하세요" : "the store has no image \(image): build it with -t \(image)"
    }
    func layers(_ image: String, found: Int, wanted: Int) -> String {
        if found == wanted { return ko ? "\(image)의 레이어는 \(found)개입니다" : "\(image) has \(found) layers" }
        return ko ? "\(image)의 레이어가 \(found)개인데, 연습 문제는 \(wanted)개를 요구합니다"
            : "\(image) has \(found) layers; the exercise asks for \(wanted)"
    }
    func inspected(_ name: String, _ template: String, value: String, wanted: String) -> String {
        let shown = value.isEmpty ? (ko ? "(빈 값)" : "(empty)") : value
        if value == wanted { return "\(name) \(template) = \(shown)" }
        return ko ? "\(name)의 \(template)은(는) \(shown)인데, 연습 문제는 \(wanted)을(를) 요구합니다"
            : "\(name)'s \(template) is \(shown); the exercise asks for \(wanted)"
    }
    func nothingAnswers(_ port: Int) -> String {
        ko ? "127.0.0.1:\(port)에서 HTTP로 응답하는 것이 없습니다. -p \(port):…로 포트를 공개했나요?"
            : "nothing answers HTTP on 127.0.0.1:\(port): did you publish it with -p \(port):…?"
    }
    func httpAnswered(_ port: Int, contains: String, found: Bool) -> String {
        if found { return ko ? "127.0.0.1:\(port)의 응답에 \"\(contains)\"이(가) 있습니다" : "127.0.0.1:\(port) answers with \"\(contains)\"" }
        return ko ? "127.0.0.1:\(port)이(가) 응답했지만 \"\(contains)\"이(가) 없습니다" : "127.0.0.1:\(port) answers, but without \"\(contains)\""
    }
    func noHostFile(_ path: String) -> String {
        ko ? "호스트에 \(path) 파일이 없습니다" : "there is no file \(path) on the host"
    }
    func hostFile(_ path: String, contains: String, found: Bool) -> String {
        if found { return ko ? "호스트의 \(path)에 \"\(contains)\"이(가) 있습니다" : "the host's \(path) holds \"\(contains)\"" }
        return ko ? "호스트의 \(path)에 \"\(contains)\"이(가) 없습니다" : "the host's \(path) does not hold \"\(contains)\""
    }
}
