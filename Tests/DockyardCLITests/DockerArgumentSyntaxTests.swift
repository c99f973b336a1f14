import ArgumentParser
import Testing
@testable import DockyardCLI

/// Docker's (pflag's) spellings of flags, rewritten before parsing into the one ArgumentParser
/// reads, for `run`'s quick reader and every other verb alike.
struct DockerArgumentSyntaxTests {
    let run = RunCommandQuickParser.syntax

    @Test("attached short values, clusters ending in an option, and pflag's -x=value")
    func shortForms() throws {
        #expect(try run.normalize(["-p8080:80", "busybox"]) == ["--publish=8080:80", "busybox"])
        #expect(try run.normalize(["-m512m", "-eK=V", "-v/a:/b", "-uroot", "busybox"])
                == ["--memory=512m", "--env=K=V", "--volume=/a:/b", "--user=root", "busybox"])
        #expect(try run.normalize(["-dp", "80:80", "busybox"]) == ["--detach", "--publish=80:80", "busybox"])
        #expect(try run.normalize(["-dp80:80", "nginx"]) == ["--detach", "--publish=80:80", "nginx"])
        #expect(try run.normalize(["-p=80:80", "-e=A=1", "busybox"]) == ["--publish=80:80", "--env=A=1", "busybox"])
        #expect(try run.normalize(["-it", "busybox"]) == ["--interactive", "--tty", "busybox"])
        #expect(try run.normalize(["-dit", "busybox"]) == ["--detach", "--interactive", "--tty", "busybox"])
        #expect(try run.normalize(["-itd", "busybox"]) == ["--interactive", "--tty", "--detach", "busybox"])
    }

    @Test("boolean flags take Go's true and false, the last one winning; a bad one is pflag's error")
    func booleans() throws {
        #expect(try run.normalize(["--rm=true", "busybox"]) == ["--rm", "busybox"])
        #expect(try run.normalize(["--rm", "--rm=false", "busybox"]) == ["busybox"])
        #expect(try run.normalize(["--detach=false", "--init=1", "busybox"]) == ["--init", "busybox"])
        #expect(try run.normalize(["-d=false", "-it", "busybox"]) == ["--interactive", "--tty", "busybox"])
        #expect(try run.normalize(["-d", "--detach=F", "busybox"]) == ["busybox"])
        #expect(throws: DockerArgumentSyntax.InvalidBoolean.self) { try run.normalize(["--rm=maybe", "busybox"]) }
        do { _ = try run.normalize(["-d=maybe", "busybox"]) } catch {
            #expect("\(error)" == "invalid argument \"maybe\" for \"-d, --detach\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax")
        }
    }

    @Test("an option takes the next word whatever it looks like, as pflag does; --name=value is kept")
    func longForms() throws {
        #expect(try run.normalize(["--entrypoint", "-x", "busybox"]) == ["--entrypoint=-x", "busybox"])
        #expect(try run.normalize(["--name", "web", "--env=A=1", "busybox"]) == ["--name=web", "--env=A=1", "busybox"])
        #expect(try run.normalize(["--name"]) == ["--name"])   // ArgumentParser then says the value is missing
    }

    @Test("flags end at -- and, for run, at the image: what follows is the container's command")
    func endOfFlags() throws {
        #expect(try run.normalize(["--rm", "busybox", "-it", "--rm=true"]) == ["--rm", "busybox", "-it", "--rm=true"])
        #expect(try run.normalize(["--rm", "--", "busybox", "-x"]) == ["--rm", "--", "busybox", "-x"])
        let rm = CommandShape(of: RmCommand.self).syntax
        #expect(!rm.stopsAtFirstPositional)
        #expect(try rm.normalize(["a", "-f=true", "b"]) == ["a", "--force", "b"])
    }

    @Test("unknown words are left for ArgumentParser to name")
    func unknownWords() throws {
        #expect(try run.normalize(["--bogus=1", "-x", "-iq", "busybox"]) == ["--bogus=1", "-x", "-iq", "busybox"])
        #expect(try run.normalize(["-", "busybox"]) == ["-", "busybox"])
    }

    @Test("the quick reader's tables are exactly run's flags as ArgumentParser defines them")
    func quickTablesMatchRun() {
        let shape = CommandShape(of: RunCommand.self)
        #expect(shape.syntax.flags.subtracting(["help"]) == run.flags)
        #expect(shape.syntax.options == run.options)
        #expect(shape.syntax.short == run.short)
        #expect(shape.syntax.stopsAtFirstPositional)
        #expect(shape.minimumPositionals == 1)
        #expect(CommandShape(of: ExecCommand.self).minimumPositionals == 2)
    }

    @Test("Docker's usage errors: too few arguments, arguments to a verb that takes none, an unknown subcommand")
    func usageErrors() {
        #expect(DockyardCommand.usageError(["run"]) == "'dockyard run' requires at least 1 argument\n\nSee 'dockyard run --help' for more information")
        #expect(DockyardCommand.usageError(["run", "--rm", "-e", "A=1"]) != nil)
        #expect(DockyardCommand.usageError(["exec", "box"])?.hasPrefix("'dockyard exec' requires at least 2 arguments") == true)
        #expect(DockyardCommand.usageError(["ps", "extra"])?.hasPrefix("'dockyard ps' accepts no arguments") == true)
        #expect(DockyardCommand.usageError(["network", "foo"])?.hasPrefix("unknown command: dockyard network foo") == true)
        // A flag error comes first, as in Docker (status 125), and help is help.
        #expect(DockyardCommand.usageError(["run", "--bogus"]) == nil)
        #expect(DockyardCommand.usageError(["run", "--help"]) == nil)
        #expect(DockyardCommand.usageError(["run", "busybox"]) == nil)
        #expect(DockyardCommand.commandType(for: ["bogus"]).path.isEmpty)
        #expect(DockyardCommand.commandType(for: ["network", "create", "x"]).path == ["network", "create"])
    }

    @Test("lines in Docker's spellings parse to the same command as their plain spelling")
    func sameCommandAsPlainSpelling() throws {
        let pairs: [([String], [String])] = [
            (["-dit", "-p8080:80", "-m64m", "-eA=1", "-uroot", "--rm=false", "--name=web", "busybox", "sh"],
             ["-d", "-i", "-t", "-p", "8080:80", "-m", "64m", "-e", "A=1", "-u", "root", "--name", "web", "busybox", "sh"]),
            (["--rm=true", "--init=true", "-l", "a=b", "-lc=d", "-c512", "busybox"],
             ["--rm", "--init", "--label", "a=b", "--label", "c=d", "--cpu-shares", "512", "busybox"]),
        ]
        for (docker, plain) in pairs {
            let quick = try #require(RunCommandQuickParser.parse(try run.normalize(docker)), "\(docker)")
            let full = try RunCommand.parse(plain)
            #expect(RunQuickParseTests.fields(quick) == RunQuickParseTests.fields(full), "\(docker)")
        }
        let rewritten = try DockyardCommand.dockerSyntax(["exec", "-it", "-uroot", "-eA=1", "box", "sh", "-c", "true"])
        #expect(rewritten == ["exec", "--interactive", "--tty", "--user=root", "--env=A=1", "box", "sh", "-c", "true"])
        #expect(try DockyardCommand.dockerSyntax(["ps", "-a"]) == ["ps", "-a"])   // nothing to rewrite: not even read
    }
}
